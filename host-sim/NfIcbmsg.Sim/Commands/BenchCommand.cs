using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using NfIcbmsg.Platform;
using NfIcbmsg.Sim.Bench;
using NfIcbmsg.Sim.Run;
using Spectre.Console;

namespace NfIcbmsg.Sim.Commands
{
    /// <summary>`bench`: Zephyr's ipc_service_benchmark method in process and over the sim link, with raw-copy and socket baselines.</summary>
    public static class BenchCommand
    {
        public static Command Create()
        {
            Option<int> duration = SimOptions.AtLeast(new Option<int>("--duration") { Description = "Milliseconds per case", DefaultValueFactory = _ => 750 }, 10, "10 ms");
            Option<bool> quick = new Option<bool>("--quick") { Description = "Smoke run: 100 ms per case (unless --duration is given), a shorter idle end of each receiver" };
            Option<bool> json = SimOptions.Json();
            Option<bool> idleRecheck = new Option<bool>("--idle-recheck") { Description = "Instead of the full bench: the cost of the idle re-check of the rings (idle CPU and throughput at several intervals, against the re-check off) and the throughput when every doorbell is lost" };
            Option<int?> socketPeer = SimOptions.InRange(new Option<int?>("--socket-peer") { Description = "Internal: serve the socket baseline's connection to 127.0.0.1:PORT", Hidden = true }, 1, 65535, "a TCP port");
            Command command = new Command("bench", "Turnaround (16/32 B ping-pong), one-way throughput (32..4096 B, copy and zero-copy, several producers) in process and over the sim link, against raw copy and a loopback socket; doorbells and allocations per message");
            command.Options.Add(duration);
            command.Options.Add(quick);
            command.Options.Add(json);
            command.Options.Add(idleRecheck);
            command.Options.Add(socketPeer);
            command.SetAction(parse =>
            {
                TextWriter output = parse.InvocationConfiguration.Output;
                ErrorWriter errors = ErrorWriter.For(parse);
                if (parse.GetValue(socketPeer) is int port)
                {
                    return SocketPeer.Serve(port, output);
                }

                bool isQuick = parse.GetValue(quick);
                int durationMs = parse.GetResult(duration) is { Implicit: false } ? parse.GetValue(duration) : isQuick ? 100 : 750;
                bool asJson = parse.GetValue(json);
                if (parse.GetValue(idleRecheck))
                {
                    return IdleRecheck(durationMs, asJson, output, errors);
                }

                BenchRunner runner = new BenchRunner(durationMs, isQuick ? 250 : 500, step =>
                {
                    if (!asJson)
                    {
                        AnsiConsole.MarkupLineInterpolated($"[grey]{step}...[/]");
                    }
                });
                BenchReport report;
                try
                {
                    report = runner.Run();
                }
                catch (Exception e) when (e is BenchException || e is SimLinkException)
                {
                    return errors.Fail(ExitCodes.Failed, e.Message);
                }

                if (asJson)
                {
                    output.WriteLine(JsonReport.Serialize(report));
                }
                else
                {
                    // A redirected console is 80 columns to Spectre; the table needs more to stay readable in logs.
                    if (Console.IsOutputRedirected)
                    {
                        AnsiConsole.Profile.Width = 220;
                    }

                    AnsiConsole.Write(BenchView.Render(report));
                }

                return report.Verified ? ExitCodes.Success : ExitCodes.Failed;
            });
            return command;
        }

        private static int IdleRecheck(int durationMs, bool asJson, TextWriter output, ErrorWriter errors)
        {
            IReadOnlyList<IdleRecheckCost.Row> rows = IdleRecheckCost.Measure(durationMs, step =>
            {
                if (!asJson)
                {
                    errors.Line(step + "...");
                }
            });
            if (asJson)
            {
                output.WriteLine(System.Text.Json.JsonSerializer.Serialize(rows, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
                return ExitCodes.Success;
            }

            if (Console.IsOutputRedirected)
            {
                AnsiConsole.Profile.Width = 220;
            }

            Table table = new Table().AddColumns("idle re-check", "idle CPU (% of a core, whole process)", "re-checks/s", "CPU per re-check (µs)", $"{IdleRecheckCost.MessageSize} B msg/s", "× off", "msg/s, every doorbell lost");
            foreach (IdleRecheckCost.Row r in rows)
            {
                table.AddRow(r.IntervalMs < 0 ? "off (baseline)" : r.IntervalMs + " ms", r.IdleCpuPercent.ToString("F2"), r.IdleRechecksPerSecond.ToString("F0"), r.IntervalMs < 0 ? "-" : r.CpuUsPerRecheck.ToString("F1"), r.MessagesPerSecond.ToString("F0"), r.TimesBaseline.ToString("F2"), r.IntervalMs < 0 ? "stalls" : r.MessagesPerSecondAllRingsLost.ToString("F0"));
            }

            AnsiConsole.Write(table);
            output.WriteLine($"in process, {durationMs} ms per measurement, two alternated rounds averaged; geometry: {BenchGeometry.Describe()}");
            return ExitCodes.Success;
        }
    }
}
