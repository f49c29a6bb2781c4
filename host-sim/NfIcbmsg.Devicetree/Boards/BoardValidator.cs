using System.Collections.Generic;
using System.Linq;
using NfIcbmsg.Devicetree.Diagnostics;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Icmsg;

namespace NfIcbmsg.Devicetree.Boards
{
    /// <summary>
    /// The rules a board file must meet beyond its shape (docs/protocol.md §3.2, §5.1, §6.1, §6.2): block counts and
    /// alignments Zephyr accepts, regions of their own, channels of their own, layouts that work, and
    /// properties Zephyr silently ignores. Runs on what <see cref="BoardReader"/> built.
    /// </summary>
    public static class BoardValidator
    {
        public static void Validate(BoardFile board)
        {
            List<BoardInstance> instances = board.EnabledInstances.ToList();
            foreach (BoardInstance instance in instances)
            {
                CheckIgnoredProperties(board, instance);
                if (!instance.IsComplete)
                {
                    continue;
                }

                bool counts = CheckBlockCounts(board, instance);
                bool alignment = CheckAlignment(board, instance);
                bool endpoints = CheckEndpoints(board, instance);
                bool regions = CheckOwnRegions(board, instance);
                bool channels = CheckChannels(board, instance);
                bool handshake = CheckHandshake(board, instance);
                if (counts && alignment && endpoints && regions && channels && handshake)
                {
                    CheckLayout(board, instance);
                }
            }

            CheckNamesAndSharing(board, instances.Where(i => i.IsComplete).ToList());
        }

        private static void CheckIgnoredProperties(BoardFile board, BoardInstance instance)
        {
            if (instance.Backend == BackendKind.Icbmsg && instance.Node.GetProperty(Bindings.Unbound) != null)
            {
                Warn(board, instance, Bindings.Unbound, "ignored by " + Bindings.Icbmsg + ": ICBMsg always bonds in \"disable\" mode (docs/protocol.md §6.1); remove the property");
            }

            if (instance.Backend == BackendKind.Icmsg)
            {
                foreach (string name in new[] { Bindings.TxBlocks, Bindings.RxBlocks, Bindings.Endpoints })
                {
                    if (instance.Node.GetProperty(name) != null)
                    {
                        Warn(board, instance, name, "ignored by " + Bindings.Icmsg + " (one endpoint, payloads in the ring); remove the property or use " + Bindings.Icbmsg);
                    }
                }
            }
        }

        private static bool CheckBlockCounts(BoardFile board, BoardInstance instance)
        {
            // Validate checks only complete instances (every region, mailbox and specifier read).
            System.Diagnostics.Debug.Assert(instance.IsComplete);
            if (instance.Backend != BackendKind.Icbmsg)
            {
                return true;
            }

            // A complete ICBMsg instance has both block counts (IsComplete).
            bool valid = true;
            foreach ((string name, long count) in new[] { (Bindings.TxBlocks, instance.TxBlocks!.Value), (Bindings.RxBlocks, instance.RxBlocks!.Value) })
            {
                if (count < 1 || count > RegionLayout.MaxBlocks)
                {
                    Fail(board, instance, name, "block count " + count + " is outside 1.." + RegionLayout.MaxBlocks + " (Zephyr's limit per region)");
                    valid = false;
                }
            }

            return valid;
        }

        private static bool CheckAlignment(BoardFile board, BoardInstance instance)
        {
            // Validate checks only complete instances (every region, mailbox and specifier read).
            System.Diagnostics.Debug.Assert(instance.IsComplete);
            long d = instance.DcacheAlignment;
            if ((d & (d - 1)) != 0)
            {
                Fail(board, instance, Bindings.DcacheAlignment, "dcache-alignment " + d + " is not a power of two: expected the cache line size (4, 8, 16, 32, 64...) or no property");
                return false;
            }

            long alignment = d > 4 ? d : 4;
            bool valid = true;
            foreach (MemoryRegion region in new[] { instance.TxRegion, instance.RxRegion }.Distinct())
            {
                string rule = "aligned to " + alignment + " bytes (max(4, dcache-alignment) of instance " + instance.Path + ")";
                if (region.Address % alignment != 0)
                {
                    long below = region.Address / alignment * alignment;
                    board.Report(Diagnostic.Error(region.Location, region.Node.Path, Bindings.Reg, "address 0x" + region.Address.ToString("X8") + " is not " + rule + ": expected e.g. 0x" + below.ToString("X8") + " or 0x" + (below + alignment).ToString("X8")));
                    valid = false;
                }

                if (region.Size % alignment != 0)
                {
                    board.Report(Diagnostic.Error(region.Location, region.Node.Path, Bindings.Reg, "size 0x" + region.Size.ToString("X") + " is not a multiple of " + alignment + " bytes (max(4, dcache-alignment) of instance " + instance.Path + "): expected e.g. 0x" + (region.Size / alignment * alignment).ToString("X")));
                    valid = false;
                }
            }

            return valid;
        }

        private static bool CheckEndpoints(BoardFile board, BoardInstance instance)
        {
            if (instance.Backend == BackendKind.Icbmsg && (instance.EndpointCount < 1 || instance.EndpointCount > Bindings.MaxEndpoints))
            {
                Fail(board, instance, Bindings.Endpoints, "endpoint count " + instance.EndpointCount + " is outside 1.." + Bindings.MaxEndpoints + " (endpoint addresses are one byte, 0xFE and 0xFF reserved)");
                return false;
            }

            return true;
        }

        /// <summary>The two regions of one instance: distinct and apart.</summary>
        private static bool CheckOwnRegions(BoardFile board, BoardInstance instance)
        {
            // Validate checks only complete instances (every region, mailbox and specifier read).
            System.Diagnostics.Debug.Assert(instance.IsComplete);
            if (instance.TxRegion.Node == instance.RxRegion.Node)
            {
                Fail(board, instance, Bindings.RxRegion, "rx-region is the same region as tx-region (" + instance.TxRegion.Name + "): expected a second region, one per direction");
                return false;
            }

            if (instance.TxRegion.Overlaps(instance.RxRegion))
            {
                Fail(board, instance, Bindings.RxRegion, "rx-region " + instance.RxRegion.Name + " " + instance.RxRegion.Range + " overlaps tx-region " + instance.TxRegion.Name + " " + instance.TxRegion.Range + ": expected two separate regions");
                return false;
            }

            return true;
        }

        private static bool CheckChannels(BoardFile board, BoardInstance instance)
        {
            // Validate checks only complete instances (every region, mailbox and specifier read).
            System.Diagnostics.Debug.Assert(instance.IsComplete);
            bool ours = instance.Mailbox.Kind == MailboxKind.Gpio || instance.Mailbox.Kind == MailboxKind.Sim;
            if (ours && instance.TxChannel == instance.RxChannel)
            {
                Fail(board, instance, Bindings.Mboxes, "tx and rx are both channel " + instance.TxChannel + ": expected two different channels (the peer rings one, this side the other)");
                return false;
            }

            MailboxDevice mailbox = instance.Mailbox;
            int highest = System.Math.Max(instance.TxChannel, instance.RxChannel);
            if (mailbox.Kind == MailboxKind.Gpio && mailbox.TxPins.Count > 0 && highest > mailbox.MaxChannel)
            {
                Fail(board, instance, Bindings.Mboxes, "channel " + highest + " has no pins: " + Bindings.TxPins + "/" + Bindings.RxPins + " of " + mailbox.Name + " (" + mailbox.Node.Location + ") list channels 0.." + mailbox.MaxChannel);
                return false;
            }

            if (mailbox.Kind == MailboxKind.Sim && highest > mailbox.MaxChannel)
            {
                Fail(board, instance, Bindings.Mboxes, "channel " + highest + " would be UDP port " + (mailbox.PortBase + highest) + ": expected port-base + channel <= 65535");
                return false;
            }

            return true;
        }

        /// <summary>ICMsg session modes need D >= 8 (docs/protocol.md §3.2: Zephyr's pbuf validation refuses the handshake word otherwise).</summary>
        private static bool CheckHandshake(BoardFile board, BoardInstance instance)
        {
            if (instance.Backend == BackendKind.Icmsg && instance.Unbound != UnboundMode.Disable && instance.DcacheAlignment < 8)
            {
                string mode = instance.Unbound == UnboundMode.Enable ? "enable" : "detect";
                Fail(board, instance, Bindings.Unbound, "unbound = \"" + mode + "\" needs dcache-alignment >= 8 (found " + instance.DcacheAlignment + "): Zephyr's pbuf refuses the handshake word otherwise (docs/protocol.md §3.2); set dcache-alignment = <8> or unbound = \"disable\"");
                return false;
            }

            return true;
        }

        private static void CheckLayout(BoardFile board, BoardInstance instance)
        {
            InstanceLayout layout = InstanceLayout.Compute(instance);
            if (layout.Error != null)
            {
                Fail(board, instance, layout.ErrorInTxRegion ? Bindings.TxRegion : Bindings.RxRegion, layout.Error);
            }
        }

        /// <summary>Across instances: unique names, regions of their own (also apart from other reserved memory), channels of their own.</summary>
        private static void CheckNamesAndSharing(BoardFile board, List<BoardInstance> instances)
        {
            for (int i = 0; i < instances.Count; i++)
            {
                BoardInstance later = instances[i];
                for (int j = 0; j < i; j++)
                {
                    BoardInstance earlier = instances[j];
                    if (earlier.Name == later.Name)
                    {
                        board.Report(Diagnostic.Error(later.Node.Location, later.Path, null, "instance name " + later.Name + " is also used by " + earlier.Path + " (" + earlier.Node.Location + "): the peer's instance is found by name, so names must be unique"));
                    }

                    CheckRegionsApart(board, later, earlier);
                    CheckChannelsApart(board, later, earlier);
                }
            }

            // Every instance here is complete: both regions are set.
            HashSet<MemoryRegion> used = new HashSet<MemoryRegion>(instances.SelectMany(i => new[] { i.TxRegion!, i.RxRegion! }));
            foreach (BoardInstance instance in instances)
            {
                System.Diagnostics.Debug.Assert(instance.IsComplete);
                foreach ((string property, MemoryRegion region) in new[] { (Bindings.TxRegion, instance.TxRegion), (Bindings.RxRegion, instance.RxRegion) })
                {
                    foreach (MemoryRegion other in board.ReservedRegions.Where(r => !used.Contains(r) && r.Overlaps(region) && !Contains(r.Node, region.Node)))
                    {
                        Fail(board, instance, property, property + " " + region.Name + " " + region.Range + " overlaps reserved region " + other.Node.Path + " " + other.Range + " (" + other.Location + "): expected memory used by nothing else");
                    }
                }
            }
        }

        /// <summary>A region that is a partition of a reserved node (as SoC trees write shared SRAM) lies inside it, not across it.</summary>
        private static bool Contains(Tree.DtNode outer, Tree.DtNode inner)
        {
            for (Tree.DtNode? node = inner.Parent; node != null; node = node.Parent)
            {
                if (node == outer)
                {
                    return true;
                }
            }

            return false;
        }

        private static void CheckRegionsApart(BoardFile board, BoardInstance later, BoardInstance earlier)
        {
            // CheckNamesAndSharing is given complete instances only.
            System.Diagnostics.Debug.Assert(later.IsComplete && earlier.IsComplete);
            foreach ((string property, MemoryRegion region) in new[] { (Bindings.TxRegion, later.TxRegion), (Bindings.RxRegion, later.RxRegion) })
            {
                foreach (MemoryRegion other in new[] { earlier.TxRegion, earlier.RxRegion })
                {
                    if (region.Node == other.Node || region.Overlaps(other))
                    {
                        string how = region.Node == other.Node ? "is also used by" : "overlaps " + other.Name + " " + other.Range + " of";
                        Fail(board, later, property, property + " " + region.Name + " " + region.Range + " " + how + " instance " + earlier.Path + " (" + earlier.Node.Location + "): expected each instance to have regions of its own");
                    }
                }
            }
        }

        /// <summary>Two instances must not share a specifier (the same cells of the same device), whichever direction.</summary>
        private static void CheckChannelsApart(BoardFile board, BoardInstance later, BoardInstance earlier)
        {
            // CheckNamesAndSharing is given complete instances only.
            System.Diagnostics.Debug.Assert(later.IsComplete && earlier.IsComplete);
            List<MailboxSpecifier> reported = new List<MailboxSpecifier>();
            foreach (MailboxSpecifier mine in new[] { later.TxSpecifier, later.RxSpecifier })
            {
                foreach (MailboxSpecifier theirs in new[] { earlier.TxSpecifier, earlier.RxSpecifier })
                {
                    bool same = mine.Device.Node == theirs.Device.Node && mine.Cells.SequenceEqual(theirs.Cells);
                    if (same && !reported.Any(r => r.Device.Node == mine.Device.Node && r.Cells.SequenceEqual(mine.Cells)))
                    {
                        reported.Add(mine);
                        string what = mine.Cells.Count == 1 ? "channel " + mine.Channel + " of " + mine.Device.Name : "the specifier " + mine;
                        Fail(board, later, Bindings.Mboxes, what + " is also used by instance " + earlier.Path + " (" + earlier.LocationOf(Bindings.Mboxes) + "): expected channels of its own for each instance");
                    }
                }
            }
        }

        private static void Fail(BoardFile board, BoardInstance instance, string property, string message)
        {
            board.Report(Diagnostic.Error(instance.LocationOf(property), instance.Path, property, message));
        }

        private static void Warn(BoardFile board, BoardInstance instance, string property, string message)
        {
            board.Report(Diagnostic.Warning(instance.LocationOf(property), instance.Path, property, message));
        }
    }
}
