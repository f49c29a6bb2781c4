using System.Collections.Generic;
using System.Linq;
using NfIcbmsg.Devicetree.Diagnostics;
using NfIcbmsg.Devicetree.Tree;
using NfIcbmsg.Icmsg;

namespace NfIcbmsg.Devicetree.Boards
{
    /// <summary>
    /// Builds the board model from a merged tree: finds the IPC instances by compatible, follows their
    /// phandles to regions and mailboxes, and reports every property that is missing or has the wrong
    /// shape. Range and consistency rules are the <see cref="BoardValidator"/>'s.
    /// </summary>
    public sealed class BoardReader
    {
        private const string ReservedMemory = "/reserved-memory";

        private readonly BoardFile board;
        private readonly Dictionary<DtNode, MemoryRegion> regions = new Dictionary<DtNode, MemoryRegion>();
        private readonly Dictionary<DtNode, MailboxDevice> mailboxes = new Dictionary<DtNode, MailboxDevice>();

        private BoardReader(BoardFile board)
        {
            this.board = board;
        }

        public static BoardFile Read(DtTree tree)
        {
            BoardFile board = new BoardFile(tree.File, tree);
            foreach (Diagnostic diagnostic in tree.Diagnostics)
            {
                board.Report(diagnostic);
            }

            BoardReader reader = new BoardReader(board);
            reader.ReadRuntime();
            reader.ReadReservedRegions();
            foreach (DtNode node in tree.AllNodes())
            {
                reader.ReadNode(node);
            }

            return board;
        }

        private void ReadRuntime()
        {
            DtProperty runtime = board.Tree.Root.GetProperty(Bindings.Runtime);
            if (runtime == null)
            {
                return;
            }

            string value = runtime.SingleString();
            if (value == null || !Bindings.Runtimes.Contains(value))
            {
                Error(runtime.Location, "/", Bindings.Runtime, "expected one of " + Quoted(Bindings.Runtimes) + ", found " + Describe(runtime));
                return;
            }

            board.Runtime = value;
        }

        private void ReadReservedRegions()
        {
            DtNode reserved = board.Tree.FindPath(ReservedMemory);
            if (reserved == null)
            {
                return;
            }

            foreach (DtNode child in reserved.Children.Where(c => c.GetProperty(Bindings.Reg) != null))
            {
                MemoryRegion region = ReadReg(child);
                if (region != null)
                {
                    board.ReservedRegions.Add(region);
                }
            }
        }

        private void ReadNode(DtNode node)
        {
            DtProperty compatibleProperty = node.GetProperty(Bindings.Compatible);
            IReadOnlyList<string> compatibles = compatibleProperty?.Strings() ?? new string[0];
            if (compatibles.Contains(Bindings.Icbmsg))
            {
                ReadInstance(node, BackendKind.Icbmsg);
                return;
            }

            if (compatibles.Contains(Bindings.Icmsg))
            {
                ReadInstance(node, BackendKind.Icmsg);
                return;
            }

            string known = compatibles.Count > 0 ? " (compatible \"" + compatibles[0] + "\")" : string.Empty;
            if (node.GetProperty(Bindings.TxRegion) != null || node.GetProperty(Bindings.RxRegion) != null)
            {
                Warning(compatibleProperty?.Location ?? node.Location, node.Path, Bindings.Compatible, "node has tx-region/rx-region but is not an IPC instance" + known + ": expected compatible = \"" + Bindings.Icbmsg + "\" or \"" + Bindings.Icmsg + "\"; the node is ignored");
                return;
            }

            foreach (string compatible in compatibles)
            {
                bool ours = compatible.StartsWith("nf,") && compatible != Bindings.GpioMailbox && compatible != Bindings.SimMailbox;
                bool ipc = compatible.StartsWith("zephyr,ipc-");
                if (ours || ipc)
                {
                    Warning(compatibleProperty.Location, node.Path, Bindings.Compatible, "unknown compatible \"" + compatible + "\": expected " + Bindings.Icbmsg + ", " + Bindings.Icmsg + ", " + Bindings.GpioMailbox + " or " + Bindings.SimMailbox + "; the node is ignored");
                }
            }
        }

        private void ReadInstance(DtNode node, BackendKind backend)
        {
            BoardInstance instance = new BoardInstance(node, backend, board.Path);
            board.Instances.Add(instance);
            DtProperty status = node.GetProperty(Bindings.Status);
            string statusText = status?.SingleString();
            if (status != null && statusText != "okay" && statusText != "ok")
            {
                // Zephyr ignores a node that is not "okay", and so does the peer's build.
                instance.Enabled = false;
                return;
            }

            instance.TxRegion = ReadRegionReference(node, Bindings.TxRegion);
            instance.RxRegion = ReadRegionReference(node, Bindings.RxRegion);
            if (backend == BackendKind.Icbmsg)
            {
                instance.TxBlocks = ReadNumber(node, Bindings.TxBlocks, true, "a block count 1..256");
                instance.RxBlocks = ReadNumber(node, Bindings.RxBlocks, true, "a block count 1..256");
            }

            instance.DcacheAlignment = ReadNumber(node, Bindings.DcacheAlignment, false, "the cache line size shared by both cores, a power of two") ?? 0;
            instance.EndpointCount = ReadNumber(node, Bindings.Endpoints, false, "the endpoint count 1..254") ?? Bindings.DefaultEndpoints;
            instance.Unbound = ReadUnbound(node);
            ReadChannels(instance);
        }

        private UnboundMode ReadUnbound(DtNode node)
        {
            DtProperty property = node.GetProperty(Bindings.Unbound);
            if (property == null)
            {
                return UnboundMode.Disable;
            }

            switch (property.SingleString())
            {
                case "disable": return UnboundMode.Disable;
                case "enable": return UnboundMode.Enable;
                case "detect": return UnboundMode.Detect;
            }

            Error(property.Location, node.Path, Bindings.Unbound, "expected \"disable\", \"enable\" or \"detect\", found " + Describe(property));
            return UnboundMode.Disable;
        }

        private MemoryRegion ReadRegionReference(DtNode node, string name)
        {
            DtProperty property = node.GetProperty(name);
            if (property == null)
            {
                Missing(node, name, "a phandle <&label> to a reserved-memory node with reg = <address size>");
                return null;
            }

            IReadOnlyList<DtCell> cells = property.AllCells();
            if (cells == null || cells.Count != 1 || !cells[0].IsReference)
            {
                Error(property.Location, node.Path, name, "expected one phandle <&label> to a reserved-memory node, found " + Describe(property));
                return null;
            }

            DtNode target = cells[0].Target;
            if (target.IsExternal && target.GetProperty(Bindings.Reg) == null)
            {
                Error(property.Location, node.Path, name, cells[0] + " is a node of the base devicetree whose reg this file does not give: define the region here, as reserved-memory { label: memory@address { reg = <address size>; }; }");
                return null;
            }

            if (target.GetProperty(Bindings.Reg) == null)
            {
                Error(property.Location, node.Path, name, cells[0] + " (" + target.Path + ") has no reg: expected reg = <address size> on the region node");
                return null;
            }

            return ReadReg(target);
        }

        /// <summary>The first reg entry, cell counts from the parent (#address-cells, #size-cells; 1 and 1 when absent, as on 32-bit SoCs).</summary>
        private MemoryRegion ReadReg(DtNode node)
        {
            MemoryRegion cached;
            if (regions.TryGetValue(node, out cached))
            {
                return cached;
            }

            regions[node] = null;
            DtProperty reg = node.GetProperty(Bindings.Reg);
            int addressCells = CellCount(node.Parent, "#address-cells");
            int sizeCells = CellCount(node.Parent, "#size-cells");
            IReadOnlyList<DtCell> cells = reg.AllCells();
            if (cells == null || cells.Count != addressCells + sizeCells || cells.Any(c => c.IsReference))
            {
                Error(reg.Location, node.Path, Bindings.Reg, "expected reg = <address size> (" + addressCells + " address cell(s), " + sizeCells + " size cell(s)), found " + Describe(reg));
                return null;
            }

            ulong address = Combine(cells, 0, addressCells);
            ulong size = Combine(cells, addressCells, sizeCells);
            if (address > uint.MaxValue || address + size > 0x100000000UL)
            {
                Error(reg.Location, node.Path, Bindings.Reg, "region 0x" + address.ToString("X") + " + 0x" + size.ToString("X") + " runs past the 32-bit address space: IPC regions must lie below 4 GiB");
                return null;
            }

            if (size == 0 || size > int.MaxValue)
            {
                Error(reg.Location, node.Path, Bindings.Reg, "region size 0x" + size.ToString("X") + " is not usable: expected 1..0x7FFFFFFF bytes");
                return null;
            }

            MemoryRegion region = new MemoryRegion(node, (uint)address, (long)size, reg.Location);
            regions[node] = region;
            return region;
        }

        private static int CellCount(DtNode parent, string name)
        {
            uint? count = parent?.GetProperty(name)?.SingleNumber();
            return count.HasValue && count.Value >= 1 && count.Value <= 2 ? (int)count.Value : 1;
        }

        private static ulong Combine(IReadOnlyList<DtCell> cells, int start, int count)
        {
            ulong value = 0;
            for (int i = start; i < start + count; i++)
            {
                value = (value << 32) | cells[i].Value;
            }

            return value;
        }

        private long? ReadNumber(DtNode node, string name, bool required, string meaning)
        {
            DtProperty property = node.GetProperty(name);
            if (property == null)
            {
                if (required)
                {
                    Missing(node, name, meaning + ", as " + name + " = <N>;");
                }

                return null;
            }

            uint? value = property.SingleNumber();
            if (!value.HasValue)
            {
                Error(property.Location, node.Path, name, "expected one cell <N> (" + meaning + "), found " + Describe(property));
                return null;
            }

            return value.Value;
        }

        private void ReadChannels(BoardInstance instance)
        {
            DtNode node = instance.Node;
            DtProperty mboxes = node.GetProperty(Bindings.Mboxes);
            DtProperty names = node.GetProperty(Bindings.MboxNames);
            if (mboxes == null)
            {
                Missing(node, Bindings.Mboxes, "two channels, as mboxes = <&mbox 0>, <&mbox 1>;");
            }

            if (names == null)
            {
                Missing(node, Bindings.MboxNames, "mbox-names = \"tx\", \"rx\"; naming the channels of mboxes in order");
            }

            if (mboxes == null || names == null)
            {
                return;
            }

            List<(DtCell Reference, List<DtCell> Arguments)> specifiers = Specifiers(mboxes);
            if (specifiers == null || specifiers.Count != 2 || specifiers.Any(s => s.Arguments.Count != 1))
            {
                Error(mboxes.Location, node.Path, Bindings.Mboxes, "expected two channels, one for tx and one for rx, each a phandle and one channel cell: mboxes = <&mbox 0>, <&mbox 1>; found " + Describe(mboxes));
                return;
            }

            IReadOnlyList<string> strings = names.Strings();
            if (strings == null || strings.Count != 2 || !strings.Contains("tx") || !strings.Contains("rx"))
            {
                Error(names.Location, node.Path, Bindings.MboxNames, "expected \"tx\", \"rx\" (in the order of mboxes, either order), found " + Describe(names));
                return;
            }

            DtNode device = specifiers[0].Reference.Target;
            if (specifiers[1].Reference.Target != device)
            {
                Error(mboxes.Location, node.Path, Bindings.Mboxes, "tx and rx use different mailbox devices (" + specifiers[0].Reference + ", " + specifiers[1].Reference + "): expected both channels on one device, whose channel numbers the peer shares");
                return;
            }

            uint? mboxCells = device.GetProperty(Bindings.MboxCells)?.SingleNumber();
            if (mboxCells.HasValue && mboxCells.Value != 1)
            {
                Error(mboxes.Location, node.Path, Bindings.Mboxes, specifiers[0].Reference + " has #mbox-cells = <" + mboxCells.Value + ">: expected 1 (the channel number)");
                return;
            }

            int tx = strings[0] == "tx" ? 0 : 1;
            uint txChannel = specifiers[tx].Arguments[0].Value;
            uint rxChannel = specifiers[1 - tx].Arguments[0].Value;
            if (txChannel > 0xFFFF || rxChannel > 0xFFFF)
            {
                Error(mboxes.Location, node.Path, Bindings.Mboxes, "channel " + System.Math.Max(txChannel, rxChannel) + " is out of range: expected 0..65535");
                return;
            }

            instance.TxChannel = (int)txChannel;
            instance.RxChannel = (int)rxChannel;
            instance.Mailbox = ReadMailbox(device);
        }

        /// <summary>Splits flattened mbox cells into (phandle, arguments) groups; null when the first cell is not a phandle.</summary>
        private static List<(DtCell, List<DtCell>)> Specifiers(DtProperty property)
        {
            IReadOnlyList<DtCell> cells = property.AllCells();
            if (cells == null || cells.Count == 0 || !cells[0].IsReference)
            {
                return null;
            }

            List<(DtCell, List<DtCell>)> specifiers = new List<(DtCell, List<DtCell>)>();
            foreach (DtCell cell in cells)
            {
                if (cell.IsReference)
                {
                    specifiers.Add((cell, new List<DtCell>()));
                }
                else
                {
                    specifiers[specifiers.Count - 1].Item2.Add(cell);
                }
            }

            return specifiers;
        }

        private MailboxDevice ReadMailbox(DtNode node)
        {
            MailboxDevice device;
            if (mailboxes.TryGetValue(node, out device))
            {
                return device;
            }

            DtProperty compatibleProperty = node.GetProperty(Bindings.Compatible);
            string compatible = compatibleProperty?.Strings()?.FirstOrDefault();
            if (compatible == Bindings.GpioMailbox)
            {
                device = new MailboxDevice(node, MailboxKind.Gpio, compatible);
                ReadPins(device);
            }
            else if (compatible == Bindings.SimMailbox)
            {
                device = new MailboxDevice(node, MailboxKind.Sim, compatible);
                long? portBase = ReadNumber(node, Bindings.PortBase, false, "the UDP port of channel 0");
                if (portBase.HasValue && (portBase.Value < 1 || portBase.Value > 65535))
                {
                    Error(node.GetProperty(Bindings.PortBase).Location, node.Path, Bindings.PortBase, "port " + portBase.Value + " is outside 1..65535");
                }
                else if (portBase.HasValue)
                {
                    device.PortBase = (int)portBase.Value;
                }
            }
            else if (compatible == null && node.IsExternal)
            {
                device = new MailboxDevice(node, MailboxKind.External, null);
            }
            else
            {
                device = new MailboxDevice(node, MailboxKind.Unknown, compatible);
                Warning(compatibleProperty?.Location ?? node.Location, node.Path, Bindings.Compatible,
                    (compatible == null ? "mailbox node has no compatible" : "unknown mailbox compatible \"" + compatible + "\"") +
                    ": expected \"" + Bindings.GpioMailbox + "\" or \"" + Bindings.SimMailbox + "\" (or a label of the SoC's own mailbox); the tools cannot check its channels");
            }

            mailboxes[node] = device;
            board.Mailboxes.Add(device);
            return device;
        }

        private void ReadPins(MailboxDevice device)
        {
            DtNode node = device.Node;
            int[] tx = ReadPinList(node, Bindings.TxPins);
            int[] rx = ReadPinList(node, Bindings.RxPins);
            if (tx == null || rx == null)
            {
                return;
            }

            if (tx.Length != rx.Length)
            {
                Error(node.GetProperty(Bindings.RxPins).Location, node.Path, Bindings.RxPins, "lists " + rx.Length + " pins but tx-pins lists " + tx.Length + ": expected one tx pin and one rx pin per channel");
                return;
            }

            int[] all = tx.Concat(rx).ToArray();
            int repeated = all.GroupBy(p => p).Where(g => g.Count() > 1).Select(g => g.Key).DefaultIfEmpty(-1).First();
            if (repeated >= 0)
            {
                Error(node.GetProperty(Bindings.TxPins).Location, node.Path, Bindings.TxPins, "GPIO" + repeated + " is listed twice in tx-pins/rx-pins: expected a pin of its own for each end of each channel");
                return;
            }

            device.TxPins = tx;
            device.RxPins = rx;
        }

        private int[] ReadPinList(DtNode node, string name)
        {
            DtProperty property = node.GetProperty(name);
            if (property == null)
            {
                Missing(node, name, "one GPIO number per channel, as " + name + " = <25 26>;");
                return null;
            }

            IReadOnlyList<DtCell> cells = property.AllCells();
            if (cells == null || cells.Count == 0 || cells.Any(c => c.IsReference || c.Value > 255))
            {
                Error(property.Location, node.Path, name, "expected GPIO numbers (0..255), one per channel, as " + name + " = <25 26>; found " + Describe(property));
                return null;
            }

            return cells.Select(c => (int)c.Value).ToArray();
        }

        private void Missing(DtNode node, string property, string expected)
        {
            Error(node.Location, node.Path, property, "missing property: expected " + expected);
        }

        private void Error(SourceLocation at, string node, string property, string message)
        {
            board.Report(Diagnostic.Error(at, node, property, message));
        }

        private void Warning(SourceLocation at, string node, string property, string message)
        {
            board.Report(Diagnostic.Warning(at, node, property, message));
        }

        private static string Describe(DtProperty property)
        {
            return property.IsBoolean ? "a property without value" : string.Join(", ", property.Values.Select(v => v.ToString()));
        }

        private static string Quoted(IEnumerable<string> values)
        {
            return string.Join(", ", values.Select(v => "\"" + v + "\""));
        }
    }
}
