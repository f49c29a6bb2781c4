using System.Collections.Generic;
using System.Linq;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace NfIcbmsg.Sim.Inspect
{
    /// <summary>The inspect report for people: per region the ring, its pending packets and the referenced blocks; then the anomalies.</summary>
    public static class InspectView
    {
        public static IRenderable Render(InspectReport report)
        {
            List<IRenderable> rows = new List<IRenderable>
            {
                new Markup(Markup.Escape($"{report.SharedFile}: {report.Backend} instance {report.Instance} of {report.Board}, window 0x{report.WindowBase:X8}+{report.WindowLength}")),
            };
            foreach (RegionReport region in report.Regions)
            {
                rows.Add(Region(region));
            }

            rows.Add(report.Anomalies.Count == 0
                ? new Markup("[green]no anomalies[/]")
                : new Rows(report.Anomalies.Select(a => (IRenderable)new Markup("[red]anomaly:[/] " + Markup.Escape(a))).Prepend(new Markup($"[red]{report.Anomalies.Count} anomalies[/]"))));
            return new Rows(rows);
        }

        private static IRenderable Region(RegionReport region)
        {
            RingReport ring = region.Ring;
            string occupancy = ring.IndicesValid ? $"{ring.Occupied} of {ring.DataLength} bytes used, {ring.Free} free, {ring.Pending.Count} pending" : "indices invalid";
            string handshake = ring.Handshake.HasValue ? $", handshake 0x{ring.Handshake:X8}" : string.Empty;
            Table table = new Table().Title(Markup.Escape($"{region.Name} region 0x{region.Address:X8}+{region.Size} (written by {region.Writer})"))
                .AddColumns("what", "detail");
            table.AddRow("ring", Markup.Escape($"@0x{ring.Address:X8}: rd_idx {ring.ReadIndex}, wr_idx {ring.WriteIndex}: {occupancy}{handshake}"));
            foreach (PacketReport packet in ring.Pending)
            {
                string text = Markup.Escape($"@{packet.Offset} ({packet.Length} B): {packet.Text}");
                table.AddRow("pending", packet.Kind == "invalid" ? $"[red]{text}[/]" : text);
            }

            if (region.Blocks.Count > 0)
            {
                foreach (BlockReport block in region.Blocks.Where(b => b.State != "unreferenced" && b.FirstBlock == b.Index))
                {
                    string name = block.EndpointName != null ? $", name \"{block.EndpointName}\"" : string.Empty;
                    table.AddRow($"block {block.Index}", Markup.Escape($"@0x{block.Address:X8}: {block.Size} bytes in {block.Span} block(s){name}; {block.Owner}"));
                }

                int unreferenced = region.Blocks.Count(b => b.State == "unreferenced");
                table.AddRow("blocks", Markup.Escape($"{region.Blocks.Count} blocks of {region.BlockSize} bytes at 0x{region.BlocksAddress:X8}; {unreferenced} unreferenced (free, held by the reader, or leased: memory cannot tell)"));
            }

            return table;
        }
    }
}
