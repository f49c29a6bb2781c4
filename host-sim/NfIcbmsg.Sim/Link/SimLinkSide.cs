using System;
using NfIcbmsg.Platform;

namespace NfIcbmsg.Sim.Link
{
    /// <summary>
    /// One side of one instance in this process over the sim link: the shared-memory file, the UDP
    /// line this side is rung on (bound first, so a port in use is reported before anything is
    /// written), the line it rings, and the protocol instance over them. Not opened yet.
    /// </summary>
    public sealed class SimLinkSide : IDisposable
    {
        private SimLinkSide(InstanceConfig config, MappedFileMemory memory, UdpMailbox txLine, UdpMailbox rxLine, int dropRingsPercent)
        {
            Config = config;
            Memory = memory;
            TxLine = txLine;
            RxLine = rxLine;
            if (dropRingsPercent > 0)
            {
                Doorbell = new LossyDoorbell(txLine, dropRingsPercent, config.TxChannel);
                Instance = IpcService.Create(config, memory, Doorbell, rxLine);
                bool bonded = false;
                Doorbell.ArmWhen(() => bonded || (bonded = Instance.IsBonded));
            }
            else
            {
                Instance = IpcService.Create(config, memory, txLine, rxLine);
            }
        }

        /// <summary>The fault-injecting doorbell in front of <see cref="TxLine"/>, null when no rings are dropped.</summary>
        public LossyDoorbell? Doorbell { get; }

        public InstanceConfig Config { get; }

        public MappedFileMemory Memory { get; }

        /// <summary>The channel this side rings.</summary>
        public UdpMailbox TxLine { get; }

        /// <summary>The channel the peer rings, bound to its port.</summary>
        public UdpMailbox RxLine { get; }

        public IpcInstance Instance { get; }

        /// <summary>
        /// Binds the rx line, maps (creating atomically if needed) the shared file and builds the
        /// instance; with <paramref name="dropRingsPercent"/> its doorbell loses that share of rings once
        /// bonded. Throws <see cref="SimLinkException"/> for the file or port, <see cref="ArgumentException"/>
        /// for a layout the protocol refuses.
        /// </summary>
        public static SimLinkSide Attach(InstanceConfig config, string sharedFile, int portBase, int dropRingsPercent = 0)
        {
            if (config.WindowLength > int.MaxValue)
            {
                throw new ArgumentException($"instance {config.Name} spans {config.WindowLength} bytes; the sim link maps at most 2 GiB");
            }

            UdpMailbox rxLine = new UdpMailbox(portBase, config.RxChannel);
            UdpMailbox txLine = new UdpMailbox(portBase, config.TxChannel);
            MappedFileMemory? memory = null;
            try
            {
                rxLine.Bind();
                memory = MappedFileMemory.OpenOrCreate(sharedFile, config.WindowBase, (int)config.WindowLength);
                return new SimLinkSide(config, memory, txLine, rxLine, dropRingsPercent);
            }
            catch
            {
                rxLine.Dispose();
                txLine.Dispose();
                memory?.Dispose();
                throw;
            }
        }

        /// <summary>Closes the instance, then the lines, then unmaps the file (in that order: the receive thread reads the file).</summary>
        public void Dispose()
        {
            Instance.Close();
            RxLine.Dispose();
            TxLine.Dispose();
            Memory.Dispose();
        }
    }
}
