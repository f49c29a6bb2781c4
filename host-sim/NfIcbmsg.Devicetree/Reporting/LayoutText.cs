using System.Collections.Generic;
using System.Linq;
using System.Text;
using NfIcbmsg.Devicetree.Boards;
using NfIcbmsg.Devicetree.Diagnostics;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Icmsg;
using NfIcbmsg.Pbuf;

namespace NfIcbmsg.Devicetree.Reporting
{
    /// <summary>
    /// The human-readable reports of the boards CLI: a board file's instances with the computed layout
    /// of both regions (show), and a pair of files side by side (check). Region columns are built by
    /// one function for both, so the two reports cannot drift apart.
    /// </summary>
    public static class LayoutText
    {
        public static string Show(BoardFile board, string? onlyInstance)
        {
            StringBuilder text = new StringBuilder();
            text.Append(board.Path).Append(board.Runtime != null ? "  (runtime: " + board.Runtime + ")" : string.Empty).Append('\n');
            foreach (BoardInstance instance in board.Instances.Where(i => onlyInstance == null || i.Matches(onlyInstance)))
            {
                text.Append('\n');
                text.Append("instance " + instance.Name + "  " + instance.Path + "  " + instance.Compatible + "  [" + instance.Node.Location + "]\n");
                if (!instance.Enabled)
                {
                    text.Append("  disabled (status is not \"okay\"): ignored\n");
                    continue;
                }

                // A board with instances was read, so it has its tree.
                if (instance.MissingFromBase.Count > 0)
                {
                    text.Append("  incomplete: " + string.Join(", ", instance.MissingFromBase) + " " + (board.Tree!.HasBase ? "defined neither here nor in the base devicetree" : "defined in the base devicetree: pass --base build/zephyr/zephyr.dts") + "\n");
                    continue;
                }

                if (!instance.IsComplete)
                {
                    text.Append("  incomplete: see the errors below\n");
                    continue;
                }

                InstanceLayout layout = InstanceLayout.Compute(instance);
                text.Append(Summary(instance, layout));
                if (layout.Error != null)
                {
                    text.Append("  layout: " + layout.Error + "\n");
                    continue;
                }

                // Without an error Compute set both rings (Fail clears them all).
                TextTable table = new TextTable();
                AddColumns(table, instance.Backend, layout.TxRing!.HasHandshake,
                    Column("TX region (this side writes)", instance.TxRegion, layout.Tx, layout.TxRing, null),
                    Column("RX region (the peer writes)", instance.RxRegion, layout.Rx, layout.RxRing!, null));
                text.Append(table.Render("  "));
            }

            text.Append(Diagnostics(board.Diagnostics));
            if (board.Tree != null && !board.CompleteInstances.Any(i => onlyInstance == null || i.Matches(onlyInstance)))
            {
                text.Append("\nno complete IPC instance" + (onlyInstance == null ? string.Empty : " named " + onlyInstance) + " in " + board.Path + (board.Instances.Any(i => i.MissingFromBase.Count > 0) ? " (incomplete ones need --base build/zephyr/zephyr.dts)" : string.Empty) + "\n");
            }

            return text.ToString();
        }

        public static string Check(PairReport report)
        {
            StringBuilder text = new StringBuilder();
            text.Append("A: " + report.A.Path + "\nB: " + report.B.Path + "\n");
            foreach (InstancePair pair in report.Pairs)
            {
                // A pair holds complete instances whose layouts computed without error.
                BoardInstance a = pair.A;
                System.Diagnostics.Debug.Assert(a.IsComplete);
                text.Append("\ninstance " + pair.Name + "  " + a.Compatible + "  A " + a.Path + " [" + a.Node.Location + "]  B " + pair.B.Path + " [" + pair.B.Node.Location + "]\n");
                text.Append("  mailbox: A rings " + Ring(a) + ", B rings " + Ring(pair.B) + "\n");
                if (pair.Initiator != null)
                {
                    // An initiator exists only for ICBMsg, whose layouts have both regions.
                    InstanceLayout initiator = pair.Initiator == a ? pair.LayoutA : pair.LayoutB;
                    text.Append("  initiator: " + (pair.Initiator == a ? "A " : "B ") + pair.Initiator.File + " (its RX blocks at " + Hex(initiator.Rx!.BlocksAddress) + " lie below its TX blocks at " + Hex(initiator.Tx!.BlocksAddress) + ", docs/protocol.md §6.5)\n");
                }

                TextTable table = new TextTable();
                AddColumns(table, a.Backend, pair.LayoutA.TxRing!.HasHandshake,
                    Column("R1: A -> B", a.TxRegion, pair.LayoutA.Tx, pair.LayoutA.TxRing, "A writes, B reads"),
                    Column("R2: B -> A", a.RxRegion, pair.LayoutA.Rx, pair.LayoutA.RxRing!, "B writes, A reads"));
                text.Append(table.Render("  "));
            }

            if (report.Mismatches.Count > 0)
            {
                text.Append("\nmismatches:\n");
                foreach (PairMismatch mismatch in report.Mismatches)
                {
                    text.Append("  " + mismatch + "\n");
                }
            }

            text.Append(Diagnostics(report.A.Diagnostics.Concat(report.B.Diagnostics).ToList()));
            text.Append("\n" + (report.Mirrors ? "the two files mirror each other" : "the two files do NOT mirror each other") + "\n");
            return text.ToString();
        }

        /// <summary>How a side rings: "channel 0 (udp 127.0.0.1:47300)" on our mailboxes, the specifier on a SoC's.</summary>
        private static string Ring(BoardInstance side)
        {
            // Asked of paired instances only, which are complete.
            System.Diagnostics.Debug.Assert(side.IsComplete);
            MailboxDevice mailbox = side.Mailbox;
            return mailbox.Kind == MailboxKind.Gpio || mailbox.Kind == MailboxKind.Sim
                ? "channel " + side.TxChannel + " (" + mailbox.DescribeChannel(side.TxChannel) + ")"
                : side.TxSpecifier.ToString();
        }

        private static string Summary(BoardInstance instance, InstanceLayout layout)
        {
            // Show summarises complete instances only.
            System.Diagnostics.Debug.Assert(instance.IsComplete);
            StringBuilder text = new StringBuilder();
            MailboxDevice mailbox = instance.Mailbox;
            if (mailbox.Kind == MailboxKind.Gpio || mailbox.Kind == MailboxKind.Sim)
            {
                text.Append("  mailbox " + mailbox.Name + " (" + mailbox.Compatible + "): tx channel " + instance.TxChannel + " = " + mailbox.DescribeChannel(instance.TxChannel) + ", rx channel " + instance.RxChannel + " = " + mailbox.DescribeChannel(instance.RxChannel) + "\n");
            }
            else
            {
                text.Append("  mailbox: tx " + instance.TxSpecifier + ", rx " + instance.RxSpecifier + " (" + Soc(instance.Mailbox) + (instance.RxMailbox == instance.Mailbox ? string.Empty : "; " + Soc(instance.RxMailbox)) + ")"
                    + (instance.MapsToSimLink ? string.Empty : "; the sim link needs two different channel numbers: run takes --tx-channel/--rx-channel") + "\n");
            }
            string alignment = "dcache-alignment " + instance.DcacheAlignment + " (A = " + System.Math.Max(4, instance.DcacheAlignment) + ")";
            if (instance.Backend == BackendKind.Icbmsg)
            {
                text.Append("  endpoints " + instance.EndpointCount + ", " + alignment + ", unbound disable (ICBMsg)\n");
                if (layout.Error == null)
                {
                    text.Append("  role: " + (layout.IsInitiator ? "initiator (its RX blocks lie below its TX blocks; it assigns endpoint addresses)" : "follower (the peer assigns endpoint addresses)") + "\n");
                }
            }
            else
            {
                text.Append("  " + alignment + ", unbound " + instance.Unbound.ToString().ToLowerInvariant() + "\n");
            }

            return text.ToString();
        }

        private static string Soc(MailboxDevice device)
        {
            return device.Name + ": " + (device.Compatible ?? "the SoC's own, from the base devicetree");
        }

        private static List<string?> Column(string heading, MemoryRegion region, RegionLayout? split, PacketBufferLayout ring, string? direction)
        {
            // The direction cell is null when the table has no direction row.
            List<string?> cells = new List<string?> { heading, direction, region.Name, region.Range };
            if (split != null)
            {
                cells.Add(split.BlockCount + " / " + split.RemoteBlockCount);
                cells.Add(Hex(split.Begin) + ", " + split.IcmsgAreaSize + " bytes (min " + split.IcmsgAreaMinimum + ")");
            }

            cells.Add(Offsets(ring));
            cells.Add(ring.DataLength.ToString());
            if (split != null)
            {
                cells.Add(split.BlockSize.ToString());
                cells.Add(Hex(split.BlocksAddress) + " .. " + Hex(split.End));
                cells.Add(split.MaxMessageSize.ToString());
            }
            else
            {
                cells.Add(ring.MaxPacketLength.ToString());
            }

            return cells;
        }

        private static void AddColumns(TextTable table, BackendKind backend, bool handshake, List<string?> left, List<string?> right)
        {
            List<string> labels = new List<string> { string.Empty, "direction", "region", "range" };
            if (backend == BackendKind.Icbmsg)
            {
                labels.AddRange(new[] { "blocks (this region / other)", "ICMsg area", "ring rd / wr / data", "ring data length", "block size", "blocks", "largest message" });
            }
            else
            {
                labels.AddRange(new[] { handshake ? "ring rd / hs / wr / data" : "ring rd / wr / data", "ring data length", "largest packet" });
            }

            for (int i = 0; i < labels.Count; i++)
            {
                if (i == 1 && left[1] == null)
                {
                    continue;
                }

                // Only the direction cells may be null, both or neither, and their row is skipped then.
                table.Add(labels[i], left[i]!, right[i]!);
            }
        }

        private static string Offsets(PacketBufferLayout ring)
        {
            string handshake = ring.HasHandshake ? " / +0x" + (ring.HandshakeOffset - ring.RegionOffset).ToString("x") : string.Empty;
            return "+0x" + (ring.ReadIndexOffset - ring.RegionOffset).ToString("x") + handshake + " / +0x" + (ring.WriteIndexOffset - ring.RegionOffset).ToString("x") + " / +0x" + (ring.DataOffset - ring.RegionOffset).ToString("x");
        }

        private static string Diagnostics(IReadOnlyList<Diagnostic> diagnostics)
        {
            if (diagnostics.Count == 0)
            {
                return string.Empty;
            }

            StringBuilder text = new StringBuilder("\n");
            foreach (Diagnostic diagnostic in diagnostics.OrderByDescending(d => d.IsError))
            {
                text.Append(diagnostic).Append('\n');
            }

            return text.ToString();
        }

        private static string Hex(long value)
        {
            return "0x" + value.ToString("X8");
        }
    }
}
