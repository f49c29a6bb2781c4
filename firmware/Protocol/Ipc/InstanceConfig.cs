namespace NfIcbmsg
{
    /// <summary>
    /// One IPC instance as a board file describes it, seen from this side. The host builds it from a
    /// devicetree overlay; the device gets it as generated code. Defaults are Zephyr's.
    /// </summary>
    public sealed class InstanceConfig
    {
        /// <summary>
        /// Default <see cref="IdleRecheckMs"/> on the device: a lost doorbell delays a message by at most
        /// 100 ms, and an idle instance wakes 10 times a second.
        /// </summary>
        public const int DeviceIdleRecheckMs = 100;

        /// <summary>Default <see cref="IdleRecheckMs"/> the host tools use (a wake-up is a few microseconds there).</summary>
        public const int HostIdleRecheckMs = 10;

        /// <summary>Creates a configuration with Zephyr's defaults (4 endpoints, 128-byte ICMsg read buffers).</summary>
        public InstanceConfig()
        {
            Name = "ipc0";
            Backend = BackendKind.Icbmsg;
            EndpointCount = 4;
            RxBufferSize = 128;
            PeerRxBufferSize = 128;
            Unbound = UnboundMode.Disable;
            IdleRecheckMs = DeviceIdleRecheckMs;
        }

        /// <summary>
        /// How long the idle receive thread sleeps before it looks at the rings without a doorbell, in
        /// milliseconds (1 or more; -1: only on doorbells). Doorbells are edges and datagrams that can be
        /// lost; this bounds how long a message whose doorbell was lost stays unread.
        /// </summary>
        public int IdleRecheckMs { get; set; }

        /// <summary>Instance name (the devicetree node name), for messages.</summary>
        public string Name { get; set; }

        /// <summary>ICBMsg or plain ICMsg.</summary>
        public BackendKind Backend { get; set; }

        /// <summary>Physical address of the region this side writes.</summary>
        public uint TxRegionAddress { get; set; }

        /// <summary>Size of the region this side writes.</summary>
        public int TxRegionSize { get; set; }

        /// <summary>Physical address of the region this side reads.</summary>
        public uint RxRegionAddress { get; set; }

        /// <summary>Size of the region this side reads.</summary>
        public int RxRegionSize { get; set; }

        /// <summary>ICBMsg: blocks in the tx region.</summary>
        public int TxBlocks { get; set; }

        /// <summary>ICBMsg: blocks in the rx region.</summary>
        public int RxBlocks { get; set; }

        /// <summary>dcache-alignment, 0 when the board sets none.</summary>
        public int DcacheAlignment { get; set; }

        /// <summary>ICMsg only; ICBMsg ignores it as Zephyr does.</summary>
        public UnboundMode Unbound { get; set; }

        /// <summary>Mailbox channel this side rings.</summary>
        public int TxChannel { get; set; }

        /// <summary>Mailbox channel the peer rings.</summary>
        public int RxChannel { get; set; }

        /// <summary>ICBMsg endpoints per instance (Zephyr's IPC_SERVICE_BACKEND_ICBMSG_NUM_EP, 1..254). Addresses at or above it are dropped.</summary>
        public int EndpointCount { get; set; }

        /// <summary>Largest ICMsg packet this side reads (Zephyr's PBUF_RX_READ_BUF_SIZE).</summary>
        public int RxBufferSize { get; set; }

        /// <summary>Largest ICMsg packet the peer reads; this side never sends a longer one.</summary>
        public int PeerRxBufferSize { get; set; }

        /// <summary>Lowest address of the two regions: the start of the shared window.</summary>
        public uint WindowBase
        {
            get { return TxRegionAddress < RxRegionAddress ? TxRegionAddress : RxRegionAddress; }
        }

        /// <summary>Bytes from <see cref="WindowBase"/> to the end of the higher region.</summary>
        public long WindowLength
        {
            get
            {
                long txEnd = (long)TxRegionAddress + TxRegionSize;
                long rxEnd = (long)RxRegionAddress + RxRegionSize;
                return (txEnd > rxEnd ? txEnd : rxEnd) - WindowBase;
            }
        }

        /// <summary>The same instance seen from the other side: regions, block counts and channels swapped.</summary>
        public InstanceConfig Mirror()
        {
            InstanceConfig peer = new InstanceConfig();
            peer.Name = Name;
            peer.Backend = Backend;
            peer.TxRegionAddress = RxRegionAddress;
            peer.TxRegionSize = RxRegionSize;
            peer.RxRegionAddress = TxRegionAddress;
            peer.RxRegionSize = TxRegionSize;
            peer.TxBlocks = RxBlocks;
            peer.RxBlocks = TxBlocks;
            peer.DcacheAlignment = DcacheAlignment;
            peer.Unbound = Unbound;
            peer.TxChannel = RxChannel;
            peer.RxChannel = TxChannel;
            peer.EndpointCount = EndpointCount;
            peer.RxBufferSize = PeerRxBufferSize;
            peer.PeerRxBufferSize = RxBufferSize;
            peer.IdleRecheckMs = IdleRecheckMs;
            return peer;
        }
    }
}
