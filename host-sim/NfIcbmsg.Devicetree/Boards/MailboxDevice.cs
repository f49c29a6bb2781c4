using System.Collections.Generic;
using NfIcbmsg.Devicetree.Tree;

namespace NfIcbmsg.Devicetree.Boards
{
    /// <summary>The mailbox an instance's channels belong to. Channel numbers are per device.</summary>
    public sealed class MailboxDevice
    {
        public MailboxDevice(DtNode node, MailboxKind kind, string? compatible)
        {
            Node = node;
            Kind = kind;
            Compatible = compatible;
            PortBase = Bindings.DefaultPortBase;
            TxPins = new int[0];
            RxPins = new int[0];
        }

        public DtNode Node { get; }

        public MailboxKind Kind { get; }

        public string? Compatible { get; }

        /// <summary>"&amp;mbox" when labelled, else the node path.</summary>
        public string Name
        {
            get { return Node.Labels.Count > 0 ? "&" + Node.Labels[0] : Node.Path; }
        }

        /// <summary>Sim mailbox: channel N is UDP port PortBase + N on 127.0.0.1.</summary>
        public int PortBase { get; internal set; }

        /// <summary>GPIO mailbox: TxPins[N] is the pin the side ringing channel N drives.</summary>
        public IReadOnlyList<int> TxPins { get; internal set; }

        /// <summary>GPIO mailbox: RxPins[N] is the pin whose edges wake the side rung on channel N.</summary>
        public IReadOnlyList<int> RxPins { get; internal set; }

        /// <summary>Highest channel this device can carry, or -1 when the tools cannot tell (external/unknown).</summary>
        public int MaxChannel
        {
            get
            {
                switch (Kind)
                {
                    case MailboxKind.Gpio: return TxPins.Count - 1;
                    case MailboxKind.Sim: return 65535 - PortBase;
                    default: return -1;
                }
            }
        }

        /// <summary>How channel N is carried, for reports.</summary>
        public string DescribeChannel(int channel)
        {
            switch (Kind)
            {
                case MailboxKind.Gpio:
                    return channel < TxPins.Count ? "GPIO" + TxPins[channel] + " -> GPIO" + RxPins[channel] : "no pin";
                case MailboxKind.Sim:
                    return "udp 127.0.0.1:" + (PortBase + channel);
                default:
                    return Name + " channel " + channel;
            }
        }
    }
}
