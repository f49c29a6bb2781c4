using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using NfIcbmsg.Devicetree.Boards;
using NfIcbmsg.Devicetree.Diagnostics;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Pbuf;

namespace NfIcbmsg.Devicetree.Reporting
{
    /// <summary>
    /// The machine-readable reports of the boards CLI (--json). Numbers are JSON numbers (addresses
    /// too), names are the devicetree's; the shape is stable for scripts and CI.
    /// </summary>
    public static class BoardJson
    {
        private static readonly JsonSerializerOptions s_indented = new JsonSerializerOptions { WriteIndented = true };

        public static string List(IEnumerable<BoardFile> boards)
        {
            JsonArray files = new JsonArray();
            foreach (BoardFile board in boards)
            {
                files.Add(new JsonObject
                {
                    ["file"] = board.Path,
                    ["runtime"] = board.Runtime,
                    ["errors"] = board.Diagnostics.Count(d => d.IsError),
                    ["warnings"] = board.Diagnostics.Count(d => !d.IsError),
                    ["instances"] = new JsonArray(board.Instances.Select(i => (JsonNode)new JsonObject
                    {
                        ["name"] = i.Name,
                        ["path"] = i.Path,
                        ["compatible"] = i.Compatible,
                        ["enabled"] = i.Enabled,
                    }).ToArray()),
                });
            }

            return new JsonObject { ["boards"] = files }.ToJsonString(s_indented);
        }

        public static string Show(BoardFile board, string? onlyInstance)
        {
            return Board(board, onlyInstance).ToJsonString(s_indented);
        }

        public static string Check(PairReport report)
        {
            JsonObject root = new JsonObject
            {
                ["a"] = Board(report.A, null),
                ["b"] = Board(report.B, null),
                ["mirrors"] = report.Mirrors,
                ["mismatches"] = new JsonArray(report.Mismatches.Select(m => (JsonNode)new JsonObject
                {
                    ["severity"] = m.Severity == DiagnosticSeverity.Error ? "error" : "warning",
                    ["instance"] = m.Instance,
                    ["a"] = m.A.ToString(),
                    ["b"] = m.B.ToString(),
                    ["message"] = m.Message,
                    ["text"] = m.ToString(),
                }).ToArray()),
                // A pair holds complete instances whose layouts computed without error: regions and rings are set.
                ["pairs"] = new JsonArray(report.Pairs.Select(p => (JsonNode)new JsonObject
                {
                    ["name"] = p.Name,
                    ["initiator"] = p.Initiator == null ? null : p.Initiator == p.A ? "a" : "b",
                    ["r1"] = Region(p.A.TxRegion!, p.LayoutA.Tx, p.LayoutA.TxRing!),
                    ["r2"] = Region(p.A.RxRegion!, p.LayoutA.Rx, p.LayoutA.RxRing!),
                }).ToArray()),
            };
            return root.ToJsonString(s_indented);
        }

        private static JsonObject Board(BoardFile board, string? onlyInstance)
        {
            return new JsonObject
            {
                ["file"] = board.Path,
                ["runtime"] = board.Runtime,
                ["valid"] = !board.HasErrors,
                ["diagnostics"] = new JsonArray(board.Diagnostics.Select(d => (JsonNode)new JsonObject
                {
                    ["severity"] = d.IsError ? "error" : "warning",
                    ["file"] = d.Location.File,
                    ["line"] = d.Location.Line,
                    ["column"] = d.Location.Column,
                    ["node"] = d.NodePath,
                    ["property"] = d.Property,
                    ["message"] = d.Message,
                    ["text"] = d.ToString(),
                }).ToArray()),
                ["instances"] = new JsonArray(board.Instances.Where(i => onlyInstance == null || i.Matches(onlyInstance)).Select(i => (JsonNode)Instance(i)).ToArray()),
            };
        }

        private static JsonObject Instance(BoardInstance instance)
        {
            JsonObject json = new JsonObject
            {
                ["name"] = instance.Name,
                ["path"] = instance.Path,
                ["compatible"] = instance.Compatible,
                ["enabled"] = instance.Enabled,
                ["complete"] = instance.IsComplete,
                ["location"] = instance.Node.Location.ToString(),
                ["labels"] = new JsonArray(instance.Node.Labels.Select(l => (JsonNode)l).ToArray()),
                ["missingFromBase"] = new JsonArray(instance.MissingFromBase.Select(m => (JsonNode)m).ToArray()),
            };
            if (!instance.Enabled || !instance.IsComplete)
            {
                return json;
            }

            json["txBlocks"] = instance.TxBlocks;
            json["rxBlocks"] = instance.RxBlocks;
            json["dcacheAlignment"] = instance.DcacheAlignment;
            json["unbound"] = instance.Unbound.ToString().ToLowerInvariant();
            json["endpoints"] = instance.EndpointCount;
            json["txChannel"] = instance.TxChannel;
            json["rxChannel"] = instance.RxChannel;
            json["mailbox"] = new JsonObject
            {
                ["name"] = instance.Mailbox.Name,
                ["kind"] = instance.Mailbox.Kind.ToString().ToLowerInvariant(),
                ["compatible"] = instance.Mailbox.Compatible,
                ["portBase"] = instance.Mailbox.Kind == MailboxKind.Sim ? instance.Mailbox.PortBase : null,
                ["txPins"] = new JsonArray(instance.Mailbox.TxPins.Select(p => (JsonNode)p).ToArray()),
                ["rxPins"] = new JsonArray(instance.Mailbox.RxPins.Select(p => (JsonNode)p).ToArray()),
            };
            json["txMailbox"] = Specifier(instance.TxSpecifier);
            json["rxMailbox"] = Specifier(instance.RxSpecifier);
            json["mapsToSimLink"] = instance.MapsToSimLink;
            InstanceLayout layout = InstanceLayout.Compute(instance);
            json["layoutError"] = layout.Error;
            if (layout.Error == null)
            {
                // Without an error Compute set both rings (Fail clears them all).
                json["initiator"] = instance.Backend == BackendKind.Icbmsg ? layout.IsInitiator : null;
                json["tx"] = Region(instance.TxRegion, layout.Tx, layout.TxRing!);
                json["rx"] = Region(instance.RxRegion, layout.Rx, layout.RxRing!);
            }

            return json;
        }

        private static JsonObject Specifier(MailboxSpecifier specifier)
        {
            return new JsonObject
            {
                ["device"] = specifier.DeviceName,
                ["compatible"] = specifier.Device.Compatible,
                ["cells"] = new JsonArray(specifier.Cells.Select(c => (JsonNode)c).ToArray()),
            };
        }

        private static JsonObject Region(MemoryRegion region, RegionLayout? split, PacketBufferLayout ring)
        {
            JsonObject json = new JsonObject
            {
                ["node"] = region.Node.Path,
                ["name"] = region.Name,
                ["address"] = region.Address,
                ["size"] = region.Size,
                ["ringReadIndex"] = ring.ReadIndexOffset,
                ["ringWriteIndex"] = ring.WriteIndexOffset,
                ["ringData"] = ring.DataOffset,
                ["ringDataLength"] = ring.DataLength,
            };
            if (split != null)
            {
                json["begin"] = split.Begin;
                json["end"] = split.End;
                json["alignment"] = split.Alignment;
                json["localBlocks"] = split.BlockCount;
                json["remoteBlocks"] = split.RemoteBlockCount;
                json["icmsgArea"] = split.IcmsgAreaSize;
                json["icmsgAreaMinimum"] = split.IcmsgAreaMinimum;
                json["blockSize"] = split.BlockSize;
                json["blocksAddress"] = split.BlocksAddress;
                json["maxMessage"] = split.MaxMessageSize;
            }
            else
            {
                json["ringHandshake"] = ring.HasHandshake ? ring.HandshakeOffset : null;
                json["maxPacket"] = ring.MaxPacketLength;
            }

            return json;
        }
    }
}
