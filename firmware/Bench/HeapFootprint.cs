using NfIcbmsg.Hal;
using NfIcbmsg.Platform.InMemory;

namespace NfIcbmsg.Bench
{
    /// <summary>
    /// The library's own managed heap per instance: free heap after a compacting GC, before and after creating
    /// one instance (and again after opening it and binding nothing), the shared memory and mailbox lines
    /// excluded (they are the platform's).
    /// </summary>
    public static class HeapFootprint
    {
        /// <summary>Bytes the instance holds once constructed (index 0) and once opened (index 1, adds its receive thread).</summary>
        public static int[] Measure(InstanceConfig config)
        {
            ISharedMemory memory = new RegionPairMemory(config);
            InProcessMailbox tx = new InProcessMailbox();
            InProcessMailbox rx = new InProcessMailbox();
            uint before = nanoFramework.Runtime.Native.GC.Run(true);
            IpcInstance instance = IpcService.Create(config, memory, tx, rx);
            uint constructed = nanoFramework.Runtime.Native.GC.Run(true);
            instance.Open();
            uint opened = nanoFramework.Runtime.Native.GC.Run(true);
            instance.Close();
            int[] result = new int[] { (int)(before - constructed), (int)(before - opened) };
            return result;
        }
    }
}
