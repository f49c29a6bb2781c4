using System.Globalization;
using System.Linq;
using NfIcbmsg.Sim.Run;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace NfIcbmsg.Sim.Bench
{
    /// <summary>The bench report for people: one table of every case with its ratios, then the receivers and the notes.</summary>
    public static class BenchView
    {
        public static IRenderable Render(BenchReport report)
        {
            Table cases = new Table().Title(Markup.Escape(report.Geometry)).AddColumns(
                "case", "msg/s", "MB/s", "round trip µs mean/p50/p90/p99/max", "of raw copy", "x socket", "doorbells/msg tx/rx", "alloc B/msg tx/rx", "ok");
            foreach (BenchCase c in report.Cases)
            {
                LatencySummary? l = c.Latency;
                cases.AddRow(
                    Markup.Escape(c.Name),
                    F(c.MessagesPerSecond, "F0"),
                    c.Kind == "turnaround" ? "-" : F(c.MegabytesPerSecond, "F1"),
                    l != null && l.Count > 0 ? $"{F(l.MeanUs, "F1")}/{F(l.P50Us, "F1")}/{F(l.P90Us, "F1")}/{F(l.P99Us, "F1")}/{F(l.MaxUs, "F0")}" : "-",
                    c.FractionOfRawCopy.HasValue ? F(c.FractionOfRawCopy.Value * 100, "F2") + " %" : "-",
                    c.TimesSocket.HasValue ? F(c.TimesSocket.Value, "F2") : "-",
                    Pair(c.SenderDoorbellsPerMessage, c.ReceiverDoorbellsPerMessage, "F2"),
                    Pair(c.SenderAllocatedBytesPerMessage, c.ReceiverAllocatedBytesPerMessage, "F1"),
                    c.Verified ? "yes" : "[red]" + Markup.Escape(c.Error ?? "no") + "[/]");
            }

            Table receivers = new Table().AddColumns("receiver", "phase", "messages", "doorbells rung", "per message", "verified");
            foreach (ReceiverSummary r in report.Receivers)
            {
                receivers.AddRow(r.Transport, r.Phase, r.MessagesReceived.ToString(CultureInfo.InvariantCulture), r.DoorbellsRung.ToString(CultureInfo.InvariantCulture), F(r.DoorbellsPerMessage, "F2"), r.Verified ? "yes" : "[red]" + Markup.Escape(r.Error ?? "no") + "[/]");
            }

            return new Rows(new IRenderable[] { cases, receivers }.Concat(report.Notes.Select(n => (IRenderable)new Markup("[grey]" + Markup.Escape(n) + "[/]")))
                .Append(new Markup($"{(report.Verified ? "[green]verified[/]" : "[red]NOT verified[/]")}: {report.Cases.Count} cases, {report.DurationMs} ms each, {report.ProcessorCount} cores")));
        }

        private static string F(double value, string format)
        {
            return value.ToString(format, CultureInfo.InvariantCulture);
        }

        private static string Pair(double? sender, double? receiver, string format)
        {
            return sender.HasValue || receiver.HasValue ? $"{(sender.HasValue ? F(sender.Value, format) : "-")}/{(receiver.HasValue ? F(receiver.Value, format) : "-")}" : "-";
        }
    }
}
