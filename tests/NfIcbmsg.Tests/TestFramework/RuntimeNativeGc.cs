using System;

// Host stand-in for nanoFramework.Runtime.Native.GC (same name, namespace and shape), so a shared test that
// asks the device for a collection compiles for the host too.
namespace nanoFramework.Runtime.Native
{
    /// <summary>The device's garbage collector; on the host, the runtime's.</summary>
    public static class GC
    {
        /// <summary>Runs a full collection. The device returns its free heap; the host has no such figure and returns 0.</summary>
        public static uint Run(bool compactHeap)
        {
            System.GC.Collect(System.GC.MaxGeneration, GCCollectionMode.Forced, true, compactHeap);
            return 0;
        }
    }
}
