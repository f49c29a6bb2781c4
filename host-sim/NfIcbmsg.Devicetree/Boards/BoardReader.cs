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

        private readonly BoardFile _board;

        // The board's tree, known non-null here (BoardFile.Tree is null only for a file that could not be read).
        private readonly DtTree _tree;
        private readonly Dictionary<DtNode, MemoryRegion?> _regions = new Dictionary<DtNode, MemoryRegion?>();
        private readonly Dictionary<DtNode, MailboxDevice> _mailboxes = new Dictionary<DtNode, MailboxDevice>();

        // Properties an IPC instance needs, read strictly; an unresolved one anywhere else is only a warning.
        private readonly HashSet<DtProperty> _strict = new HashSet<DtProperty>();

        private static readonly string[] s_instanceProperties =
        {
            Bindings.TxRegion, Bindings.RxRegion, Bindings.TxBlocks, Bindings.RxBlocks, Bindings.Mboxes, Bindings.MboxNames, Bindings.DcacheAlignment, Bindings.Unbound,
        };

        private BoardReader(BoardFile board, DtTree tree)
        {
            this._board = board;
            this._tree = tree;
        }

        public static BoardFile Read(DtTree tree)
        {
            BoardFile board = new BoardFile(tree.File, tree);
            foreach (Diagnostic diagnostic in tree.Diagnostics)
            {
                board.Report(diagnostic);
            }

            BoardReader reader = new BoardReader(board, tree);
            reader.ReadRuntime();
            reader.ReadReservedRegions();
            foreach (DtNode node in tree.AllNodes())
            {
                reader.ReadNode(node);
            }

            reader.ReportIncomplete();
            reader.ReportUnresolvedElsewhere();
            return board;
        }

        private void ReadRuntime()
        {
            DtProperty? runtime = _tree.Root.GetProperty(Bindings.Runtime);
            if (runtime == null)
            {
                return;
            }

            string? value = runtime.SingleString();
            if (value == null || !Bindings.Runtimes.Contains(value))
            {
                Error(runtime.Location, "/", Bindings.Runtime, "expected one of " + Quoted(Bindings.Runtimes) + ", found " + Describe(runtime));
                return;
            }

            _board.Runtime = value;
        }

        private void ReadReservedRegions()
        {
            DtNode? reserved = _tree.FindPath(ReservedMemory);
            if (reserved == null)
            {
                return;
            }

            foreach (DtNode child in reserved.Children.Where(c => c.GetProperty(Bindings.Reg) != null))
            {
                MemoryRegion? region = ReadReg(child);
                if (region != null)
                {
                    _board.ReservedRegions.Add(region);
                }
            }
        }

        private void ReadNode(DtNode node)
        {
            DtProperty? compatibleProperty = node.GetProperty(Bindings.Compatible);
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

            if (compatibleProperty == null && IsBaseInstance(node))
            {
                // "&ipc0 { ... };" on a node of the base devicetree: the compatible is there.
                BoardInstance instance = ReadInstance(node, node.GetProperty(Bindings.TxBlocks) != null || node.GetProperty(Bindings.RxBlocks) != null ? BackendKind.Icbmsg : BackendKind.Icmsg);
                instance.CompatibleInBase = true;
                instance.MissingFromBase.Insert(0, Bindings.Compatible);
                return;
            }

            string known = compatibles.Count > 0 ? "is not an IPC instance (compatible \"" + compatibles[0] + "\")" : "has no compatible";
            if (node.GetProperty(Bindings.TxRegion) != null || node.GetProperty(Bindings.RxRegion) != null)
            {
                Warning(compatibleProperty?.Location ?? node.Location, node.Path, Bindings.Compatible, "node has tx-region/rx-region but " + known + ": expected compatible = \"" + Bindings.Icbmsg + "\" or \"" + Bindings.Icmsg + "\"; the node is ignored");
                return;
            }

            foreach (string compatible in compatibles)
            {
                bool ours = compatible.StartsWith("nf,") && compatible != Bindings.GpioMailbox && compatible != Bindings.SimMailbox;
                bool ipc = compatible.StartsWith("zephyr,ipc-");
                if (ours || ipc)
                {
                    // compatibles is empty when there is no compatible property.
                    Warning(compatibleProperty!.Location, node.Path, Bindings.Compatible, "unknown compatible \"" + compatible + "\": expected " + Bindings.Icbmsg + ", " + Bindings.Icmsg + ", " + Bindings.GpioMailbox + " or " + Bindings.SimMailbox + "; the node is ignored");
                }
            }
        }

        /// <summary>
        /// A node of the base devicetree (known here only by its label) that the file treats as an IPC instance
        /// without giving its compatible: it sets an instance property, or it is named like one ("ipc" in a
        /// label, as Zephyr's SoC trees name them) and is no region or mailbox.
        /// </summary>
        private static bool IsBaseInstance(DtNode node)
        {
            if (node.ExternalLabel == null || node.GetProperty(Bindings.Reg) != null || node.GetProperty(Bindings.MboxCells) != null)
            {
                return false;
            }

            if (s_instanceProperties.Any(p => node.GetProperty(p) != null))
            {
                return true;
            }

            return node.Properties.Count > 0 && node.Labels.Any(l => l.ToLowerInvariant().Contains("ipc") && !l.ToLowerInvariant().Contains("shm"));
        }

        private BoardInstance ReadInstance(DtNode node, BackendKind backend)
        {
            BoardInstance instance = new BoardInstance(node, backend, _board.Path);
            _board.Instances.Add(instance);
            DtProperty? status = node.GetProperty(Bindings.Status);
            string? statusText = status?.SingleString();
            if (status != null && statusText != "okay" && statusText != "ok")
            {
                // Zephyr ignores a node that is not "okay", and so does the peer's build.
                instance.Enabled = false;
                return instance;
            }

            foreach (string name in s_instanceProperties.Concat(new[] { Bindings.Endpoints }))
            {
                DtProperty? property = node.GetProperty(name);
                if (property != null)
                {
                    _strict.Add(property);
                }
            }

            instance.TxRegion = ReadRegionReference(instance, Bindings.TxRegion);
            instance.RxRegion = ReadRegionReference(instance, Bindings.RxRegion);
            if (backend == BackendKind.Icbmsg)
            {
                instance.TxBlocks = ReadInstanceNumber(instance, Bindings.TxBlocks, true, "a block count 1..256");
                instance.RxBlocks = ReadInstanceNumber(instance, Bindings.RxBlocks, true, "a block count 1..256");
            }

            instance.DcacheAlignment = ReadInstanceNumber(instance, Bindings.DcacheAlignment, false, "the cache line size shared by both cores, a power of two") ?? 0;
            instance.EndpointCount = ReadInstanceNumber(instance, Bindings.Endpoints, false, "the endpoint count 1..254") ?? Bindings.DefaultEndpoints;
            instance.Unbound = ReadUnbound(node);
            ReadChannels(instance);
            return instance;
        }

        /// <summary>A base-devicetree node may get a missing property from the base; a node of this file cannot.</summary>
        private static bool MayComeFromBase(BoardInstance instance)
        {
            return instance.Node.IsExternal;
        }

        private long? ReadInstanceNumber(BoardInstance instance, string name, bool required, string meaning)
        {
            if (instance.Node.GetProperty(name) == null && required && MayComeFromBase(instance))
            {
                instance.MissingFromBase.Add(name);
                return null;
            }

            return ReadNumber(instance.Node, name, required, meaning);
        }

        /// <summary>One message per instance that the base devicetree must complete: what is missing, and how to give it.</summary>
        private void ReportIncomplete()
        {
            foreach (BoardInstance instance in _board.EnabledInstances.Where(i => i.MissingFromBase.Count > 0))
            {
                string what = string.Join(", ", instance.MissingFromBase);
                string name = instance.Node.Labels.Count > 0 ? "&" + string.Join(", &", instance.Node.Labels) : instance.Path;
                if (_tree.HasBase)
                {
                    Error(instance.Node.Location, instance.Path, null, "incomplete instance " + name + ": " + what + " defined neither in this file nor in the base devicetree given with --base");
                }
                else
                {
                    Warning(instance.Node.Location, instance.Path, null, "incomplete instance " + name + ": " + what + " not in this file; defined in the base devicetree: pass --base build/zephyr/zephyr.dts");
                }
            }
        }

        /// <summary>Unresolved labels and undefined macros in properties no instance needs: Zephyr's business, not ours; named once each.</summary>
        private void ReportUnresolvedElsewhere()
        {
            string remedy = _tree.HasBase ? " (not in the base devicetree either)" : " (it is in the base devicetree: pass --base build/zephyr/zephyr.dts to check it)";
            foreach (IGrouping<DtProperty, UnresolvedReference> group in _tree.UnresolvedReferences.Where(r => !_strict.Contains(r.Property)).GroupBy(r => r.Property))
            {
                UnresolvedReference first = group.First();
                string names = string.Join(", ", group.Select(r => r.Cell.ToString()).Distinct());
                Warning(first.Cell.Location, first.Node.Path, first.Property.Name, names + " is not defined in this file" + remedy + "; the IPC tools do not use this property");
            }

            foreach (DtNode node in _tree.AllNodes())
            {
                foreach (DtProperty property in node.Properties.Where(p => p.Unresolved != null && !_strict.Contains(p)))
                {
                    // The filter above keeps only properties with Unresolved set.
                    Warning(property.Unresolved!.Location, node.Path, property.Name, "value not read: " + property.Unresolved.Identifier + " is not defined (a macro of a Zephyr header: pass --include-dir DIR to resolve it); the IPC tools do not use this property");
                }
            }
        }

        /// <summary>The error for a strictly read property whose value uses an undefined identifier; false when it has none.</summary>
        private bool UnresolvedValue(DtNode node, DtProperty property)
        {
            if (property.Unresolved == null)
            {
                return false;
            }

            _strict.Add(property);
            Error(property.Unresolved.Location, node.Path, property.Name, property.Unresolved.Identifier + " is not defined: this property is needed for the IPC instance; #define it, or pass --include-dir DIR for the header that defines it");
            return true;
        }

        private UnboundMode ReadUnbound(DtNode node)
        {
            DtProperty? property = node.GetProperty(Bindings.Unbound);
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

        private MemoryRegion? ReadRegionReference(BoardInstance instance, string name)
        {
            DtNode node = instance.Node;
            DtProperty? property = node.GetProperty(name);
            if (property == null && MayComeFromBase(instance))
            {
                instance.MissingFromBase.Add(name);
                return null;
            }

            if (property == null)
            {
                Missing(node, name, "a phandle <&label> to a reserved-memory node with reg = <address size>");
                return null;
            }

            if (UnresolvedValue(node, property))
            {
                return null;
            }

            IReadOnlyList<DtCell>? cells = property.AllCells();
            if (cells == null || cells.Count != 1 || !cells[0].IsReference)
            {
                Error(property.Location, node.Path, name, "expected one phandle <&label> to a reserved-memory node, found " + Describe(property));
                return null;
            }

            DtNode? target = cells[0].Target;
            if (target == null || (target.IsExternal && target.GetProperty(Bindings.Reg) == null))
            {
                // The region is a node of the base devicetree (the SoC's shared SRAM partitions).
                instance.MissingFromBase.Add(name + " (" + cells[0] + (target == null ? string.Empty : "'s reg") + ")");
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
        private MemoryRegion? ReadReg(DtNode node)
        {
            MemoryRegion? cached;
            if (_regions.TryGetValue(node, out cached))
            {
                return cached;
            }

            _regions[node] = null;
            // Callers pass only nodes with a reg (ReadReservedRegions filters on it, ReadRegionReference checks it).
            DtProperty reg = node.GetProperty(Bindings.Reg)!;
            if (UnresolvedValue(node, reg))
            {
                return null;
            }

            _strict.Add(reg);
            int addressCells = CellCount(node.Parent, "#address-cells");
            int sizeCells = CellCount(node.Parent, "#size-cells");
            IReadOnlyList<DtCell>? cells = reg.AllCells();
            if (cells == null || cells.Count != addressCells + sizeCells || cells.Any(c => c.IsReference))
            {
                Error(reg.Location, node.Path, Bindings.Reg, "expected reg = <address size> (" + addressCells + " address cell(s), " + sizeCells + " size cell(s)), found " + Describe(reg));
                return null;
            }

            ulong address = Translate(node, Combine(cells, 0, addressCells));
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
            _regions[node] = region;
            return region;
        }

        /// <summary>
        /// A child address in the physical address space: through each ancestor's 'ranges'
        /// (child address, parent address, length) as the base devicetree writes SRAM partitions.
        /// An empty 'ranges' or none maps one to one.
        /// </summary>
        private static ulong Translate(DtNode node, ulong address)
        {
            for (DtNode? bus = node.Parent; bus != null && bus.Parent != null; bus = bus.Parent)
            {
                IReadOnlyList<DtCell>? ranges = bus.GetProperty("ranges")?.AllCells();
                if (ranges == null || ranges.Count == 0)
                {
                    continue;
                }

                int child = CellCount(bus, "#address-cells");
                int parent = CellCount(bus.Parent, "#address-cells");
                int length = CellCount(bus, "#size-cells");
                int entry = child + parent + length;
                for (int i = 0; i + entry <= ranges.Count; i += entry)
                {
                    ulong from = Combine(ranges, i, child);
                    ulong size = Combine(ranges, i + child + parent, length);
                    if (address >= from && address - from < size)
                    {
                        address = address - from + Combine(ranges, i + child, parent);
                        break;
                    }
                }
            }

            return address;
        }

        private static int CellCount(DtNode? parent, string name)
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
            DtProperty? property = node.GetProperty(name);
            if (property == null)
            {
                if (required)
                {
                    Missing(node, name, meaning + ", as " + name + " = <N>;");
                }

                return null;
            }

            if (UnresolvedValue(node, property))
            {
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
            DtProperty? mboxes = node.GetProperty(Bindings.Mboxes);
            DtProperty? names = node.GetProperty(Bindings.MboxNames);
            foreach ((DtProperty? property, string name, string expected) in new[]
            {
                (mboxes, Bindings.Mboxes, "two mailbox specifiers, as mboxes = <&mbox 0>, <&mbox 1>;"),
                (names, Bindings.MboxNames, "mbox-names = \"tx\", \"rx\"; naming the channels of mboxes in order"),
            })
            {
                if (property != null)
                {
                    continue;
                }

                if (MayComeFromBase(instance))
                {
                    instance.MissingFromBase.Add(name);
                }
                else
                {
                    Missing(node, name, expected);
                }
            }

            if (mboxes == null || names == null || UnresolvedValue(node, mboxes) || UnresolvedValue(node, names))
            {
                return;
            }

            List<(DtCell Reference, List<DtCell> Arguments)>? specifiers = Specifiers(mboxes);
            if (specifiers == null || specifiers.Count != 2)
            {
                Error(mboxes.Location, node.Path, Bindings.Mboxes, "expected two mailbox specifiers, one for tx and one for rx, each a phandle and the device's #mbox-cells cells: mboxes = <&mbox 0>, <&mbox 1>; found " + Describe(mboxes));
                return;
            }

            IReadOnlyList<string>? strings = names.Strings();
            if (strings == null || strings.Count != 2 || !strings.Contains("tx") || !strings.Contains("rx"))
            {
                Error(names.Location, node.Path, Bindings.MboxNames, "expected \"tx\", \"rx\" (in the order of mboxes, either order), found " + Describe(names));
                return;
            }

            int tx = strings[0] == "tx" ? 0 : 1;
            MailboxSpecifier? txSpecifier = ReadSpecifier(instance, mboxes, specifiers[tx]);
            MailboxSpecifier? rxSpecifier = ReadSpecifier(instance, mboxes, specifiers[1 - tx]);
            if (txSpecifier == null || rxSpecifier == null)
            {
                return;
            }

            bool ours = IsOurs(txSpecifier.Device) || IsOurs(rxSpecifier.Device);
            if (ours && txSpecifier.Device != rxSpecifier.Device)
            {
                Error(mboxes.Location, node.Path, Bindings.Mboxes, "tx and rx use different mailbox devices (" + txSpecifier.DeviceName + ", " + rxSpecifier.DeviceName + "): expected both channels on one device, whose channel numbers the peer shares");
                return;
            }

            instance.TxSpecifier = txSpecifier;
            instance.RxSpecifier = rxSpecifier;
            instance.TxChannel = txSpecifier.Channel;
            instance.RxChannel = rxSpecifier.Channel;
            instance.Mailbox = txSpecifier.Device;
            instance.RxMailbox = rxSpecifier.Device;
        }

        private static bool IsOurs(MailboxDevice device)
        {
            return device.Kind == MailboxKind.Gpio || device.Kind == MailboxKind.Sim;
        }

        /// <summary>
        /// One direction: the device, and cells that fit it. Our devices take exactly one channel cell; a SoC's
        /// device takes what its #mbox-cells says where the tree gives it (any count where it does not).
        /// </summary>
        private MailboxSpecifier? ReadSpecifier(BoardInstance instance, DtProperty mboxes, (DtCell Reference, List<DtCell> Arguments) specifier)
        {
            DtNode node = instance.Node;
            DtNode? deviceNode = specifier.Reference.Target;
            if (deviceNode == null)
            {
                Error(specifier.Reference.Location, node.Path, Bindings.Mboxes, "unknown path " + specifier.Reference + ": expected a mailbox device's &label or the path of a node of this tree");
                return null;
            }

            MailboxDevice device = ReadMailbox(deviceNode);
            uint? declared = deviceNode.GetProperty(Bindings.MboxCells)?.SingleNumber();
            int expected = IsOurs(device) ? 1 : declared.HasValue ? (int)declared.Value : specifier.Arguments.Count;
            if (IsOurs(device) && declared.HasValue && declared.Value != 1)
            {
                Error(mboxes.Location, node.Path, Bindings.Mboxes, specifier.Reference + " has #mbox-cells = <" + declared.Value + ">: expected 1 (the channel number)");
                return null;
            }

            if (specifier.Arguments.Count != expected)
            {
                // Not ours and the count differs: expected came from #mbox-cells, so the property is there.
                string rule = IsOurs(device) ? "one channel cell (" + device.Compatible + ")" : expected + " cell(s) (#mbox-cells of " + specifier.Reference + " at " + deviceNode.GetProperty(Bindings.MboxCells)!.Location + ")";
                Error(specifier.Reference.Location, node.Path, Bindings.Mboxes, "the specifier " + specifier.Reference + (specifier.Arguments.Count == 0 ? string.Empty : " " + string.Join(" ", specifier.Arguments)) + " has " + specifier.Arguments.Count + " cell(s): expected " + rule);
                return null;
            }

            if (specifier.Arguments.Count > 0 && specifier.Arguments[0].Value > 0xFFFF)
            {
                Error(mboxes.Location, node.Path, Bindings.Mboxes, "channel " + specifier.Arguments[0].Value + " is out of range: expected 0..65535");
                return null;
            }

            return new MailboxSpecifier(device, specifier.Reference.ToString(), specifier.Arguments.Select(c => c.Value).ToList(), specifier.Reference.Location);
        }

        /// <summary>Splits flattened mbox cells into (phandle, arguments) groups; null when the first cell is not a phandle.</summary>
        private static List<(DtCell, List<DtCell>)>? Specifiers(DtProperty property)
        {
            IReadOnlyList<DtCell>? cells = property.AllCells();
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
            MailboxDevice? device;
            if (_mailboxes.TryGetValue(node, out device))
            {
                return device;
            }

            DtProperty? compatibleProperty = node.GetProperty(Bindings.Compatible);
            string? compatible = compatibleProperty?.Strings()?.FirstOrDefault();
            if (compatible == Bindings.GpioMailbox)
            {
                device = new MailboxDevice(node, MailboxKind.Gpio, compatible);
                ReadPins(device);
            }
            else if (compatible == Bindings.SimMailbox)
            {
                device = new MailboxDevice(node, MailboxKind.Sim, compatible);
                StrictProperty(node, Bindings.PortBase);
                long? portBase = ReadNumber(node, Bindings.PortBase, false, "the UDP port of channel 0");
                if (portBase.HasValue && (portBase.Value < 1 || portBase.Value > 65535))
                {
                    // ReadNumber returned a value, so port-base is there.
                    Error(node.GetProperty(Bindings.PortBase)!.Location, node.Path, Bindings.PortBase, "port " + portBase.Value + " is outside 1..65535");
                }
                else if (portBase.HasValue)
                {
                    device.PortBase = (int)portBase.Value;
                }
            }
            else if ((compatible == null && node.IsExternal) || (compatible != null && !compatible.StartsWith("nf,")))
            {
                // The SoC's own mailbox (VEVIF, bellboard, IPC peripheral...): channels are opaque numbers to the tools.
                device = new MailboxDevice(node, MailboxKind.External, compatible);
            }
            else
            {
                device = new MailboxDevice(node, MailboxKind.Unknown, compatible);
                Warning(compatibleProperty?.Location ?? node.Location, node.Path, Bindings.Compatible,
                    (compatible == null ? "mailbox node has no compatible" : "unknown mailbox compatible \"" + compatible + "\"") +
                    ": expected \"" + Bindings.GpioMailbox + "\" or \"" + Bindings.SimMailbox + "\" (or a label of the SoC's own mailbox); the tools cannot check its channels");
            }

            _mailboxes[node] = device;
            _board.Mailboxes.Add(device);
            return device;
        }

        private void StrictProperty(DtNode node, string name)
        {
            DtProperty? property = node.GetProperty(name);
            if (property != null)
            {
                _strict.Add(property);
            }
        }

        private void ReadPins(MailboxDevice device)
        {
            DtNode node = device.Node;
            StrictProperty(node, Bindings.TxPins);
            StrictProperty(node, Bindings.RxPins);
            int[]? tx = ReadPinList(node, Bindings.TxPins);
            int[]? rx = ReadPinList(node, Bindings.RxPins);
            if (tx == null || rx == null)
            {
                return;
            }

            if (tx.Length != rx.Length)
            {
                // ReadPinList returned pins, so rx-pins is there.
                Error(node.GetProperty(Bindings.RxPins)!.Location, node.Path, Bindings.RxPins, "lists " + rx.Length + " pins but tx-pins lists " + tx.Length + ": expected one tx pin and one rx pin per channel");
                return;
            }

            int[] all = tx.Concat(rx).ToArray();
            int repeated = all.GroupBy(p => p).Where(g => g.Count() > 1).Select(g => g.Key).DefaultIfEmpty(-1).First();
            if (repeated >= 0)
            {
                // ReadPinList returned pins, so tx-pins is there.
                Error(node.GetProperty(Bindings.TxPins)!.Location, node.Path, Bindings.TxPins, "GPIO" + repeated + " is listed twice in tx-pins/rx-pins: expected a pin of its own for each end of each channel");
                return;
            }

            device.TxPins = tx;
            device.RxPins = rx;
        }

        private int[]? ReadPinList(DtNode node, string name)
        {
            DtProperty? property = node.GetProperty(name);
            if (property == null)
            {
                Missing(node, name, "one GPIO number per channel, as " + name + " = <25 26>;");
                return null;
            }

            IReadOnlyList<DtCell>? cells = property.AllCells();
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

        private void Error(SourceLocation at, string node, string? property, string message)
        {
            _board.Report(Diagnostic.Error(at, node, property, message));
        }

        private void Warning(SourceLocation at, string node, string? property, string message)
        {
            _board.Report(Diagnostic.Warning(at, node, property, message));
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
