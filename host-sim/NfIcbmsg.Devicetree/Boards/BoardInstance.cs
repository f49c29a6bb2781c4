using NfIcbmsg.Devicetree.Diagnostics;
using NfIcbmsg.Devicetree.Tree;
using NfIcbmsg.Icmsg;

namespace NfIcbmsg.Devicetree.Boards
{
    /// <summary>
    /// One IPC instance of a board file, seen from that file's side: what <see cref="InstanceConfig"/>
    /// holds, plus what the tools need beyond it (the mailbox device, the region nodes, where each
    /// property is written). Parts the file gets wrong are left null/0 and <see cref="IsComplete"/> is false.
    /// </summary>
    public sealed class BoardInstance
    {
        public BoardInstance(DtNode node, BackendKind backend, string file)
        {
            Node = node;
            Backend = backend;
            File = file;
            EndpointCount = Bindings.DefaultEndpoints;
            Enabled = true;
        }

        public DtNode Node { get; }

        /// <summary>The board file the instance comes from.</summary>
        public string File { get; }

        /// <summary>The node name: the peer's instance of the same name is its other side.</summary>
        public string Name
        {
            get { return Node.Name; }
        }

        public string Path
        {
            get { return Node.Path; }
        }

        public BackendKind Backend { get; }

        public string Compatible
        {
            get { return Backend == BackendKind.Icbmsg ? Bindings.Icbmsg : Bindings.Icmsg; }
        }

        /// <summary>False for status = "disabled": Zephyr ignores such a node, and so do the tools.</summary>
        public bool Enabled { get; internal set; }

        public MemoryRegion TxRegion { get; internal set; }

        public MemoryRegion RxRegion { get; internal set; }

        /// <summary>tx-blocks as written (ICBMsg), or null when absent or malformed.</summary>
        public long? TxBlocks { get; internal set; }

        public long? RxBlocks { get; internal set; }

        /// <summary>dcache-alignment, 0 when absent.</summary>
        public long DcacheAlignment { get; internal set; }

        public UnboundMode Unbound { get; internal set; }

        public long EndpointCount { get; internal set; }

        /// <summary>-1 until mboxes and mbox-names were read.</summary>
        public int TxChannel { get; internal set; } = -1;

        public int RxChannel { get; internal set; } = -1;

        public MailboxDevice Mailbox { get; internal set; }

        /// <summary>Every required part was read (the validator and the layout can run).</summary>
        public bool IsComplete
        {
            get
            {
                bool blocks = Backend == BackendKind.Icmsg || (TxBlocks.HasValue && RxBlocks.HasValue);
                return TxRegion != null && RxRegion != null && blocks && TxChannel >= 0 && RxChannel >= 0 && Mailbox != null;
            }
        }

        /// <summary>Where a property is written (the node's own location when the property is absent).</summary>
        public SourceLocation LocationOf(string property)
        {
            DtProperty found = Node.GetProperty(property);
            return found != null ? found.Location : Node.Location;
        }

        /// <summary>The configuration the protocol code takes. Only for complete, valid instances.</summary>
        public InstanceConfig ToInstanceConfig()
        {
            if (!IsComplete)
            {
                throw new System.InvalidOperationException("instance " + Path + " in " + File + " is incomplete; fix the errors the validator reports first");
            }

            InstanceConfig config = new InstanceConfig();
            config.Name = Name;
            config.Backend = Backend;
            config.TxRegionAddress = TxRegion.Address;
            config.TxRegionSize = checked((int)TxRegion.Size);
            config.RxRegionAddress = RxRegion.Address;
            config.RxRegionSize = checked((int)RxRegion.Size);
            config.TxBlocks = (int)(TxBlocks ?? 0);
            config.RxBlocks = (int)(RxBlocks ?? 0);
            config.DcacheAlignment = (int)DcacheAlignment;
            config.Unbound = Backend == BackendKind.Icbmsg ? UnboundMode.Disable : Unbound;
            config.TxChannel = TxChannel;
            config.RxChannel = RxChannel;
            config.EndpointCount = (int)EndpointCount;
            return config;
        }
    }
}
