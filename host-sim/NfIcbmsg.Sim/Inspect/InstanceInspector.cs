using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Icmsg;
using NfIcbmsg.Pbuf;

namespace NfIcbmsg.Sim.Inspect
{
    /// <summary>
    /// Decodes a snapshot of an instance's shared window as one side's board file lays it out: both
    /// rings (indices, occupancy, pending packets as control messages or the bonding magic), the
    /// blocks that pending messages show to be allocated, and everything that fails validation.
    /// Reads only the snapshot; every peer-written value is checked before it is used as an index.
    /// </summary>
    public sealed class InstanceInspector
    {
        /// <summary>More pending packets than this are not listed (a ring holds a few hundred at most).</summary>
        private const int MaxPending = 1024;

        private readonly InstanceConfig _config;
        private readonly WindowBytes _window;
        private readonly List<string> _anomalies = new List<string>();

        private InstanceInspector(InstanceConfig config, WindowBytes window)
        {
            _config = config;
            _window = window;
        }

        public static InspectReport Decode(InstanceConfig config, WindowBytes window, string sharedFile, string board)
        {
            InstanceInspector inspector = new InstanceInspector(config, window);
            IReadOnlyList<RegionReport> regions = config.Backend == BackendKind.Icbmsg ? inspector.DecodeIcbmsg() : inspector.DecodeIcmsg();
            return new InspectReport
            {
                SharedFile = sharedFile,
                Board = board,
                Instance = config.Name,
                Backend = config.Backend == BackendKind.Icbmsg ? "icbmsg" : "icmsg",
                WindowBase = window.BaseAddress,
                WindowLength = window.Bytes.Length,
                Regions = regions,
                Anomalies = inspector._anomalies,
            };
        }

        private IReadOnlyList<RegionReport> DecodeIcmsg()
        {
            bool handshake = _config.Unbound != UnboundMode.Disable;
            List<RegionReport> regions = new List<RegionReport>();
            foreach ((string name, string writer, uint address, int size) in Regions())
            {
                PacketBufferLayout ring = PacketBufferLayout.TryCreate(address, _window.OffsetOf(address), size, _config.DcacheAlignment, handshake, out string error);
                if (ring == null)
                {
                    _anomalies.Add($"{name}: {error}");
                    continue;
                }

                RingReport report = DecodeRing(name, ring, handshake, payload => payload.Length == BondingMagic.Length && BondingMagic.Matches(payload, payload.Length)
                    ? Magic(payload.Length)
                    : new PacketReport { Kind = "payload", Text = $"payload of {payload.Length} bytes" });
                regions.Add(new RegionReport { Name = name, Writer = writer, Address = address, Size = size, Ring = report, Blocks = Array.Empty<BlockReport>() });
            }

            return regions;
        }

        private IReadOnlyList<RegionReport> DecodeIcbmsg()
        {
            List<(string Name, string Writer, RegionLayout Layout, RingReport Ring)> decoded = new();
            foreach ((string name, string writer, uint address, int size) in Regions())
            {
                bool tx = name == "tx";
                RegionLayout layout = RegionLayout.TryCompute(address, size, tx ? _config.TxBlocks : _config.RxBlocks, tx ? _config.RxBlocks : _config.TxBlocks, _config.DcacheAlignment, out string error);
                PacketBufferLayout? ring = layout == null ? null : PacketBufferLayout.TryCreate(layout.Begin, _window.OffsetOf(layout.Begin), layout.IcmsgAreaSize, _config.DcacheAlignment, false, out error);
                if (ring == null)
                {
                    _anomalies.Add($"{name}: {error}");
                    continue;
                }

                decoded.Add((name, writer, layout!, DecodeRing(name, ring, false, Control)));
            }

            if (decoded.Count != 2)
            {
                return decoded.Select(d => new RegionReport { Name = d.Name, Writer = d.Writer, Address = d.Layout.RegionAddress, Size = d.Layout.RegionSize, Ring = d.Ring, Blocks = Array.Empty<BlockReport>() }).ToArray();
            }

            List<RegionReport> regions = new List<RegionReport>();
            for (int i = 0; i < 2; i++)
            {
                (string Name, string Writer, RegionLayout Layout, RingReport Ring) own = decoded[i];
                (string Name, string Writer, RegionLayout Layout, RingReport Ring) other = decoded[1 - i];
                // A region's blocks are named by DATA/BOUND in its own ring and by releases in the other one.
                IEnumerable<(PacketReport Packet, string Where, string State)> references = own.Ring.Pending.Where(p => p.Type is "DATA" or "BOUND").Select(p => (Packet: p, Where: own.Name, State: "sent"))
                    .Concat(other.Ring.Pending.Where(p => p.Type is "RELEASE_DATA" or "RELEASE_BOUND").Select(p => (Packet: p, Where: other.Name, State: "releasing")));
                BlockReport[] blocks = MapBlocks(own.Name, own.Layout, references);
                regions.Add(new RegionReport
                {
                    Name = own.Name,
                    Writer = own.Writer,
                    Address = own.Layout.RegionAddress,
                    Size = own.Layout.RegionSize,
                    Ring = own.Ring,
                    BlockSize = own.Layout.BlockSize,
                    BlocksAddress = own.Layout.BlocksAddress,
                    Blocks = blocks,
                });
            }

            return regions;
        }

        private IEnumerable<(string Name, string Writer, uint Address, int Size)> Regions()
        {
            yield return ("tx", "this side", _config.TxRegionAddress, _config.TxRegionSize);
            yield return ("rx", "the peer", _config.RxRegionAddress, _config.RxRegionSize);
        }

        private RingReport DecodeRing(string region, PacketBufferLayout ring, bool handshake, Func<byte[], PacketReport> decode)
        {
            uint rd = _window.Word(ring.ReadIndexOffset);
            uint wr = _window.Word(ring.WriteIndexOffset);
            int length = ring.DataLength;
            bool valid = Index(region, "rd_idx", rd, length) & Index(region, "wr_idx", wr, length);
            List<PacketReport> pending = new List<PacketReport>();
            int? occupied = null;
            if (valid)
            {
                occupied = rd > wr ? length - (int)(rd - wr) : (int)(wr - rd);
                int position = (int)rd;
                int remaining = occupied.Value;
                while (remaining > 0 && pending.Count < MaxPending)
                {
                    byte[] header = _window.Wrapped(ring.DataOffset, length, position, PacketBufferLayout.HeaderSize);
                    int size = (header[0] << 8) | header[1];
                    int total = PacketBufferLayout.HeaderSize + ((size + 3) & ~3);
                    if (remaining < PacketBufferLayout.HeaderSize || size == 0 || total > remaining)
                    {
                        string what = size == 0 ? "a zero length" : $"{size} bytes, but only {remaining - PacketBufferLayout.HeaderSize} are written up to wr_idx";
                        _anomalies.Add($"{region}: packet at data offset {position} claims {what}");
                        pending.Add(new PacketReport { Offset = position, Length = size, Kind = "invalid", Text = $"invalid header {Convert.ToHexString(header)}" });
                        break;
                    }

                    PacketReport packet = decode(_window.Wrapped(ring.DataOffset, length, (position + PacketBufferLayout.HeaderSize) % length, size)) with { Offset = position, Length = size };
                    if (packet.Kind == "invalid")
                    {
                        _anomalies.Add($"{region}: packet at data offset {position}: {packet.Text}");
                    }

                    pending.Add(packet);
                    position = (position + total) % length;
                    remaining -= total;
                }
            }

            return new RingReport
            {
                Address = _window.BaseAddress + (uint)ring.RegionOffset,
                DataLength = length,
                ReadIndex = rd,
                WriteIndex = wr,
                IndicesValid = valid,
                Occupied = occupied,
                Free = occupied.HasValue ? length - occupied.Value - PacketBufferLayout.IndexSize : null,
                Handshake = handshake ? _window.Word(ring.HandshakeOffset) : null,
                Pending = pending,
            };
        }

        private bool Index(string region, string name, uint value, int length)
        {
            if (value % 4 == 0 && value < length)
            {
                return true;
            }

            _anomalies.Add($"{region}: {name} = {value} is {(value % 4 != 0 ? "not a multiple of 4" : $"outside the {length}-byte data area")}");
            return false;
        }

        private PacketReport Control(byte[] payload)
        {
            if (BondingMagic.Matches(payload, payload.Length))
            {
                return Magic(payload.Length);
            }

            if (payload.Length < ControlMessage.Length)
            {
                return new PacketReport { Kind = "invalid", Text = $"control message of {payload.Length} bytes (3 needed)" };
            }

            string type = ControlMessage.Name(payload[0]);
            int endpoint = payload[1];
            int block = payload[2];
            string text = $"{type} ep={endpoint} blk={block}";
            bool known = payload[0] <= ControlMessage.ReleaseBound;
            if (!known || endpoint >= _config.EndpointCount)
            {
                string why = known ? $"endpoint address {endpoint} is not below the {_config.EndpointCount} endpoints" : "unknown type";
                return new PacketReport { Kind = "invalid", Type = type, Endpoint = endpoint, Block = block, Text = $"{text}: {why}" };
            }

            return new PacketReport { Kind = "control", Type = type, Endpoint = endpoint, Block = block, Text = text };
        }

        private static PacketReport Magic(int length)
        {
            return new PacketReport { Kind = "magic", Text = $"BOND magic \"Em1l1K0rn3li4\"{(length > BondingMagic.Length ? $" (+{length - BondingMagic.Length} bytes)" : string.Empty)}" };
        }

        private BlockReport[] MapBlocks(string region, RegionLayout layout, IEnumerable<(PacketReport Packet, string Where, string State)> references)
        {
            BlockReport[] blocks = new BlockReport[layout.BlockCount];
            for (int k = 0; k < blocks.Length; k++)
            {
                blocks[k] = new BlockReport { Index = k, Address = layout.BlockAddress(k), State = "unreferenced" };
            }

            foreach ((PacketReport packet, string where, string state) in references)
            {
                int first = packet.Block!.Value;
                string owner = $"{packet.Text} ({state}, in the {where} ring)";
                if (first >= blocks.Length)
                {
                    _anomalies.Add($"{region}: {packet.Text} in the {where} ring names block {first}; the region has {blocks.Length}");
                    continue;
                }

                int offset = _window.OffsetOf(layout.BlockAddress(first));
                uint size = _window.Word(offset);
                long room = (long)(blocks.Length - first) * layout.BlockSize - RegionLayout.BlockHeaderSize;
                if (size > room)
                {
                    _anomalies.Add($"{region}: block {first} ({packet.Text}) claims {size} bytes; {room} fit from there");
                    size = 0;
                }

                int span = layout.BlocksFor((int)size);
                string? name = packet.Type == "BOUND" ? BoundName(offset + RegionLayout.BlockHeaderSize, (int)size) : null;
                if (packet.Type == "BOUND" && name == null)
                {
                    _anomalies.Add($"{region}: block {first} ({packet.Text}) holds no printable NUL-terminated endpoint name");
                }

                for (int k = first; k < first + span; k++)
                {
                    if (blocks[k].State != "unreferenced")
                    {
                        _anomalies.Add($"{region}: block {k} is named by both {blocks[k].Owner} and {owner}");
                        continue;
                    }

                    blocks[k] = blocks[k] with { State = state, FirstBlock = first, Owner = owner };
                }

                blocks[first] = blocks[first] with { Size = size, Span = span, EndpointName = name };
            }

            return blocks;
        }

        private string? BoundName(int offset, int size)
        {
            StringBuilder name = new StringBuilder();
            for (int i = 0; i < size; i++)
            {
                byte b = _window.Bytes[offset + i];
                if (b == 0)
                {
                    return name.Length > 0 ? name.ToString() : null;
                }

                if (b < 0x20 || b > 0x7E)
                {
                    return null;
                }

                name.Append((char)b);
            }

            return null;
        }
    }
}
