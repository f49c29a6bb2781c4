using System;
using NfIcbmsg.Hal;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Icmsg;

namespace NfIcbmsg
{
    /// <summary>Creates the instance a configuration describes (Zephyr picks the backend by compatible).</summary>
    public static class IpcService
    {
        /// <summary>
        /// Creates, but does not open, the instance of <paramref name="config"/> over the shared window
        /// and the two mailbox channels. Throws <see cref="ArgumentException"/> for a layout that does not fit.
        /// </summary>
        public static IpcInstance Create(InstanceConfig config, ISharedMemory memory, IMailboxTx txLine, IMailboxRx rxLine)
        {
            if (config == null)
            {
                throw new ArgumentNullException(nameof(config));
            }

            if (config.Backend == BackendKind.Icmsg)
            {
                return new IcmsgInstance(config, memory, txLine, rxLine);
            }

            return new IcbmsgInstance(config, memory, txLine, rxLine);
        }
    }
}
