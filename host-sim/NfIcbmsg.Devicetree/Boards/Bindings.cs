namespace NfIcbmsg.Devicetree.Boards
{
    /// <summary>
    /// The compatibles and properties the board tools understand: Zephyr's two IPC backends, our two
    /// mailbox bindings (documented in boards/README.md) and our own instance properties.
    /// </summary>
    public static class Bindings
    {
        public const string Icbmsg = "zephyr,ipc-icbmsg";
        public const string Icmsg = "zephyr,ipc-icmsg";

        /// <summary>A doorbell line per channel: the ringer toggles tx-pins[N], a jumper carries the edge to rx-pins[N].</summary>
        public const string GpioMailbox = "nf,gpio-mbox";

        /// <summary>The sim link's UDP lines (docs/sim-link.md): channel N is 127.0.0.1:(port-base + N).</summary>
        public const string SimMailbox = "nf,sim-mbox";

        public const string TxRegion = "tx-region";
        public const string RxRegion = "rx-region";
        public const string TxBlocks = "tx-blocks";
        public const string RxBlocks = "rx-blocks";
        public const string Mboxes = "mboxes";
        public const string MboxNames = "mbox-names";
        public const string DcacheAlignment = "dcache-alignment";
        public const string Unbound = "unbound";
        public const string Status = "status";
        public const string Compatible = "compatible";
        public const string Reg = "reg";

        /// <summary>Our instance property: ICBMsg endpoints (Zephyr's Kconfig IPC_SERVICE_BACKEND_ICBMSG_NUM_EP), default 4.</summary>
        public const string Endpoints = "nf,endpoints";

        /// <summary>Our root property: what runs on this side ("nanoframework", "native", "zephyr"); configs are generated for nanoframework sides.</summary>
        public const string Runtime = "nf,runtime";

        public const string TxPins = "tx-pins";
        public const string RxPins = "rx-pins";
        public const string PortBase = "port-base";
        public const string MboxCells = "#mbox-cells";

        public const int DefaultEndpoints = 4;
        public const int MaxEndpoints = 254;
        public const int DefaultPortBase = 47300;

        public const string RuntimeNanoFramework = "nanoframework";
        public static readonly string[] Runtimes = { RuntimeNanoFramework, "native", "zephyr" };
    }
}
