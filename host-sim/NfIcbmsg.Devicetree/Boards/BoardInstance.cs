using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
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
            get { return CompatibleInBase ? "(compatible in the base devicetree)" : Backend == BackendKind.Icbmsg ? Bindings.Icbmsg : Bindings.Icmsg; }
        }

        /// <summary>The node is of the base devicetree and the file does not give its compatible (so <see cref="Backend"/> is a guess).</summary>
        public bool CompatibleInBase { get; internal set; }

        /// <summary>
        /// What the instance needs that this file leaves to the base devicetree ("compatible", "tx-region (&amp;sram0)",
        /// ...). Not empty means the instance is incomplete, not wrong: read it with --base to complete it.
        /// </summary>
        public List<string> MissingFromBase { get; } = new List<string>();

        /// <summary>The node name, or any label of the node (also one given on a reference, "ipc1: &amp;other { }").</summary>
        public bool Matches(string name)
        {
            return Name == name || Node.Labels.Contains(name);
        }

        /// <summary>False for status = "disabled": Zephyr ignores such a node, and so do the tools.</summary>
        public bool Enabled { get; internal set; }

        public MemoryRegion? TxRegion { get; internal set; }

        public MemoryRegion? RxRegion { get; internal set; }

        /// <summary>tx-blocks as written (ICBMsg), or null when absent or malformed.</summary>
        public long? TxBlocks { get; internal set; }

        public long? RxBlocks { get; internal set; }

        /// <summary>dcache-alignment, 0 when absent.</summary>
        public long DcacheAlignment { get; internal set; }

        public UnboundMode Unbound { get; internal set; }

        public long EndpointCount { get; internal set; }

        /// <summary>The tx specifier's channel (its first cell, 0 when it has none); -1 until mboxes and mbox-names were read.</summary>
        public int TxChannel { get; internal set; } = -1;

        public int RxChannel { get; internal set; } = -1;

        /// <summary>The mailbox this side rings (the tx specifier's device); the rx device is <see cref="RxMailbox"/>.</summary>
        public MailboxDevice? Mailbox { get; internal set; }

        public MailboxDevice? RxMailbox { get; internal set; }

        /// <summary>The tx direction as written: (device label, cells).</summary>
        public MailboxSpecifier? TxSpecifier { get; internal set; }

        public MailboxSpecifier? RxSpecifier { get; internal set; }

        /// <summary>
        /// The sim link carries channel N as UDP port PORT_BASE + N: it can carry this instance only when
        /// its two directions have different channel numbers and each names one.
        /// </summary>
        public bool MapsToSimLink
        {
            get
            {
                // Channels differ only once both were read, and ReadChannels sets them together with the specifiers.
                return TxChannel != RxChannel && TxSpecifier!.Cells.Count > 0 && RxSpecifier!.Cells.Count > 0;
            }
        }

        /// <summary>
        /// Every required part was read, none left to the base devicetree (the validator and the layout can run).
        /// The specifiers are set together with the mailboxes (BoardReader.ReadChannels), so they are non-null too.
        /// </summary>
        [MemberNotNullWhen(true, nameof(TxRegion), nameof(RxRegion), nameof(Mailbox), nameof(RxMailbox), nameof(TxSpecifier), nameof(RxSpecifier))]
        public bool IsComplete
        {
            get
            {
                bool blocks = Backend == BackendKind.Icmsg || (TxBlocks.HasValue && RxBlocks.HasValue);
                return MissingFromBase.Count == 0 && TxRegion != null && RxRegion != null && blocks && TxChannel >= 0 && RxChannel >= 0 && Mailbox != null && RxMailbox != null;
            }
        }

        /// <summary>Where a property is written (the node's own location when the property is absent).</summary>
        public SourceLocation LocationOf(string property)
        {
            DtProperty? found = Node.GetProperty(property);
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
