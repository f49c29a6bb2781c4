using System.Collections.Generic;
using System.Linq;
using NfIcbmsg.Devicetree.Diagnostics;
using NfIcbmsg.Icmsg;

namespace NfIcbmsg.Devicetree.Boards
{
    /// <summary>
    /// Proves two board files describe the two sides of the same instances (design rule 4: Zephyr
    /// does not notice mismatched sides; they fail at run time). Per instance name: regions swapped,
    /// block counts swapped, channels swapped, same alignment, compatible unbound modes; then both
    /// sides' computed layouts of each region must agree, and exactly one side is the initiator.
    /// </summary>
    public static class PairChecker
    {
        public static PairReport Check(BoardFile a, BoardFile b)
        {
            PairReport report = new PairReport(a, b);
            if (a.HasErrors || b.HasErrors)
            {
                return report;
            }

            List<(BoardInstance? X, BoardInstance? Y)> matched = Match(a, b);
            foreach ((BoardInstance? x, BoardInstance? y) in matched)
            {
                // Match leaves at most one side of a pair missing.
                BoardInstance either = (x ?? y)!;
                string name = either.Name;
                if (x != null && y != null && (!x.IsComplete || !y.IsComplete))
                {
                    BoardInstance incomplete = x.IsComplete ? y : x;
                    report.Mismatches.Add(new PairMismatch(DiagnosticSeverity.Error, name, x.Node.Location, y.Node.Location,
                        "cannot prove the pair: the instance in " + incomplete.File + " is incomplete (" + string.Join(", ", incomplete.MissingFromBase) + " defined in the base devicetree): pass --base build/zephyr/zephyr.dts for that side"));
                    continue;
                }

                if (x == null || y == null)
                {
                    BoardInstance present = either;
                    string missingFrom = x == null ? a.Path : b.Path;
                    SourceLocation other = new SourceLocation(missingFrom, 1, 1);
                    report.Mismatches.Add(new PairMismatch(DiagnosticSeverity.Error, name, x == null ? other : present.Node.Location, x == null ? present.Node.Location : other,
                        "present in " + present.File + " (" + present.Path + ") but not in " + missingFrom + ": expected the same instance names on both sides"));
                    continue;
                }

                int before = report.Mismatches.Count(m => m.Severity == DiagnosticSeverity.Error);
                Compare(report, x, y);
                if (report.Mismatches.Count(m => m.Severity == DiagnosticSeverity.Error) == before)
                {
                    Pair(report, x, y);
                }
            }

            if (report.Pairs.Count == 0 && !report.Mismatches.Any(m => m.Severity == DiagnosticSeverity.Error))
            {
                report.Mismatches.Add(new PairMismatch(DiagnosticSeverity.Error, "-", new SourceLocation(a.Path, 1, 1), new SourceLocation(b.Path, 1, 1),
                    "neither file has a complete, enabled IPC instance, so there is nothing to prove (an instance completed by the base devicetree needs --base build/zephyr/zephyr.dts)"));
            }

            return report;
        }

        /// <summary>Instances paired by node name, else by a label both share (a base devicetree may name the node differently).</summary>
        private static List<(BoardInstance?, BoardInstance?)> Match(BoardFile a, BoardFile b)
        {
            List<(BoardInstance?, BoardInstance?)> pairs = new List<(BoardInstance?, BoardInstance?)>();
            List<BoardInstance> left = b.EnabledInstances.ToList();
            foreach (BoardInstance x in a.EnabledInstances)
            {
                BoardInstance? y = left.FirstOrDefault(i => i.Name == x.Name) ?? left.FirstOrDefault(i => i.Node.Labels.Any(x.Node.Labels.Contains));
                if (y != null)
                {
                    left.Remove(y);
                }

                pairs.Add((x, y));
            }

            pairs.AddRange(left.Select(y => ((BoardInstance?)null, (BoardInstance?)y)));
            return pairs;
        }

        private static void Compare(PairReport report, BoardInstance x, BoardInstance y)
        {
            // Check compares only pairs of two complete instances.
            System.Diagnostics.Debug.Assert(x.IsComplete && y.IsComplete);
            if (x.Backend != y.Backend)
            {
                Mismatch(report, x, y, Bindings.Compatible, Bindings.Compatible, "compatible \"" + x.Compatible + "\" here but \"" + y.Compatible + "\" there: both sides must run the same backend");
                return;
            }

            SameRegion(report, x, y, Bindings.TxRegion, x.TxRegion, Bindings.RxRegion, y.RxRegion);
            SameRegion(report, x, y, Bindings.RxRegion, x.RxRegion, Bindings.TxRegion, y.TxRegion);
            if (x.Backend == BackendKind.Icbmsg)
            {
                // Both are complete ICBMsg instances: both block counts were read.
                SameNumber(report, x, y, Bindings.TxBlocks, x.TxBlocks!.Value, Bindings.RxBlocks, y.RxBlocks!.Value, "the block count of the region this side writes");
                SameNumber(report, x, y, Bindings.RxBlocks, x.RxBlocks!.Value, Bindings.TxBlocks, y.TxBlocks!.Value, "the block count of the region the other side writes");
                if (x.EndpointCount != y.EndpointCount)
                {
                    report.Mismatches.Add(new PairMismatch(DiagnosticSeverity.Warning, x.Name, x.LocationOf(Bindings.Endpoints), y.LocationOf(Bindings.Endpoints),
                        Bindings.Endpoints + " is " + x.EndpointCount + " here but " + y.EndpointCount + " there: messages to endpoint addresses at or above the smaller count are dropped"));
                }
            }

            CompareMailboxes(report, x, y);
            SameNumber(report, x, y, Bindings.DcacheAlignment, x.DcacheAlignment, Bindings.DcacheAlignment, y.DcacheAlignment, "both sides must place the ring words at the same offsets");
            if (x.Backend == BackendKind.Icmsg && ((x.Unbound == UnboundMode.Enable && y.Unbound == UnboundMode.Disable) || (x.Unbound == UnboundMode.Disable && y.Unbound == UnboundMode.Enable)))
            {
                Mismatch(report, x, y, Bindings.Unbound, Bindings.Unbound, "unbound \"" + Mode(x.Unbound) + "\" here but \"" + Mode(y.Unbound) + "\" there: \"enable\" needs \"enable\" or \"detect\" on the other side (docs/protocol.md §5.1)");
            }

        }

        private static bool IsOurs(MailboxDevice device)
        {
            return device.Kind == MailboxKind.Gpio || device.Kind == MailboxKind.Sim;
        }

        /// <summary>
        /// Our mailboxes have global channel numbers: the channels must be swapped. A SoC's mailbox is proven
        /// where it can be: this side's tx specifier is the other side's rx specifier when both name the same
        /// device; where the devices differ (per-core views such as VEVIF), the cells must agree and what cannot
        /// be proven is said as a warning.
        /// </summary>
        private static void CompareMailboxes(PairReport report, BoardInstance x, BoardInstance y)
        {
            System.Diagnostics.Debug.Assert(x.IsComplete && y.IsComplete);
            if (IsOurs(x.Mailbox) || IsOurs(y.Mailbox))
            {
                SameNumber(report, x, y, "tx channel", x.TxChannel, "rx channel", y.RxChannel, "the channel this side rings is the one the other side listens on", Bindings.Mboxes);
                SameNumber(report, x, y, "rx channel", x.RxChannel, "tx channel", y.TxChannel, "the channel the other side rings is the one this side listens on", Bindings.Mboxes);
                if (x.Mailbox.Kind != y.Mailbox.Kind)
                {
                    Mismatch(report, x, y, Bindings.Mboxes, Bindings.Mboxes, "mailbox " + x.Mailbox.Name + " is " + (x.Mailbox.Compatible ?? "the SoC's own") + " here but " + y.Mailbox.Name + " is " + (y.Mailbox.Compatible ?? "the SoC's own") + " there: both sides must use the same kind of mailbox");
                }
                else if (x.Mailbox.Kind == MailboxKind.Sim && x.Mailbox.PortBase != y.Mailbox.PortBase)
                {
                    report.Mismatches.Add(new PairMismatch(DiagnosticSeverity.Error, x.Name, Located(x.Mailbox, Bindings.PortBase), Located(y.Mailbox, Bindings.PortBase),
                        "port-base " + x.Mailbox.PortBase + " here but " + y.Mailbox.PortBase + " there: both sides must ring the same UDP ports"));
                }

                return;
            }

            Direction(report, x, y, x.TxSpecifier, "rings", y.RxSpecifier, "listens on");
            Direction(report, x, y, x.RxSpecifier, "listens on", y.TxSpecifier, "rings");
        }

        private static void Direction(PairReport report, BoardInstance x, BoardInstance y, MailboxSpecifier here, string hereVerb, MailboxSpecifier there, string thereVerb)
        {
            string stated = "this side " + hereVerb + " " + here + ", the other side " + thereVerb + " " + there;
            if (here.DeviceName == there.DeviceName)
            {
                if (!here.Cells.SequenceEqual(there.Cells))
                {
                    Mismatch(report, x, y, Bindings.Mboxes, Bindings.Mboxes, stated + ": on the same device both must name the same channel");
                }

                return;
            }

            if (here.Cells.Count > 0 && !here.Cells.SequenceEqual(there.Cells))
            {
                Mismatch(report, x, y, Bindings.Mboxes, Bindings.Mboxes, stated + ": per-core views of one mailbox must name the same channel");
                return;
            }

            string proven = here.Cells.Count > 0 ? "the channel numbers agree, but " : "the specifiers have no cells to compare, and ";
            report.Mismatches.Add(new PairMismatch(DiagnosticSeverity.Warning, x.Name, x.LocationOf(Bindings.Mboxes), y.LocationOf(Bindings.Mboxes),
                stated + ": " + proven + "the tools cannot prove that " + here.DeviceName + " and " + there.DeviceName + " are the two cores' views of one mailbox (their base devicetrees define them); check the SoC's documentation"));
        }

        /// <summary>With matching parameters, both sides must compute the same layout of each region: the proof, not an assumption.</summary>
        private static void Pair(PairReport report, BoardInstance x, BoardInstance y)
        {
            InstanceLayout lx = InstanceLayout.Compute(x);
            InstanceLayout ly = InstanceLayout.Compute(y);
            if (x.Backend == BackendKind.Icbmsg)
            {
                // Pair runs only for instances that passed validation, whose CheckLayout computed this layout without error.
                bool same = Same(lx.Tx!, ly.Rx!) && Same(lx.Rx!, ly.Tx!);
                if (!same || lx.IsInitiator == ly.IsInitiator)
                {
                    Mismatch(report, x, y, Bindings.TxRegion, Bindings.RxRegion, "the two sides compute different layouts or roles for the same regions; this is a tool defect, please report it");
                    return;
                }
            }

            report.Pairs.Add(new InstancePair(x.Name, x, y, lx, ly));
        }

        private static bool Same(Icbmsg.RegionLayout a, Icbmsg.RegionLayout b)
        {
            return a.Begin == b.Begin && a.End == b.End && a.BlockSize == b.BlockSize && a.BlockCount == b.BlockCount && a.IcmsgAreaSize == b.IcmsgAreaSize;
        }

        private static void SameRegion(PairReport report, BoardInstance x, BoardInstance y, string xName, MemoryRegion xRegion, string yName, MemoryRegion yRegion)
        {
            if (xRegion.Address != yRegion.Address || xRegion.Size != yRegion.Size)
            {
                report.Mismatches.Add(new PairMismatch(DiagnosticSeverity.Error, x.Name, xRegion.Location, yRegion.Location,
                    xName + " " + xRegion.Name + " is " + xRegion.Range + " here but " + yName + " " + yRegion.Name + " is " + yRegion.Range + " there: one side's " + xName + " must be the other side's " + yName));
            }
        }

        private static void SameNumber(PairReport report, BoardInstance x, BoardInstance y, string xName, long xValue, string yName, long yValue, string why, string? property = null)
        {
            if (xValue != yValue)
            {
                Mismatch(report, x, y, property ?? xName, property ?? yName, xName + " " + xValue + " here but " + yName + " " + yValue + " there: " + why);
            }
        }

        private static void Mismatch(PairReport report, BoardInstance x, BoardInstance y, string xProperty, string yProperty, string message)
        {
            report.Mismatches.Add(new PairMismatch(DiagnosticSeverity.Error, x.Name, x.LocationOf(xProperty), y.LocationOf(yProperty), message));
        }

        private static SourceLocation Located(MailboxDevice mailbox, string property)
        {
            return mailbox.Node.GetProperty(property)?.Location ?? mailbox.Node.Location;
        }

        private static string Mode(UnboundMode mode)
        {
            return mode == UnboundMode.Enable ? "enable" : mode == UnboundMode.Detect ? "detect" : "disable";
        }
    }
}
