using System;
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
            Option<int> duration = new Option<int>("--duration") { Description = "Milliseconds per case", DefaultValueFactory = _ => 750 };
            Option<bool> quick = new Option<bool>("--quick") { Description = "Smoke run: 100 ms per case (unless --duration is given), a shorter idle end of each receiver" };
            Option<bool> json = new Option<bool>("--json") { Description = "Print the report as JSON" };
            Option<int?> socketPeer = new Option<int?>("--socket-peer") { Description = "Internal: serve the socket baseline's connection to 127.0.0.1:PORT", Hidden = true };
            Command command = new Command("bench", "Turnaround (16/32 B ping-pong), one-way throughput (32..4096 B, copy and zero-copy, several producers) in process and over the sim link, against raw copy and a loopback socket; doorbells and allocations per message");
            command.Options.Add(duration);
            command.Options.Add(quick);
            command.Options.Add(json);
            command.Options.Add(socketPeer);
            command.SetAction(parse =>
            {
                TextWriter output = parse.InvocationConfiguration.Output;
                TextWriter error = parse.InvocationConfiguration.Error;
                if (parse.GetValue(socketPeer) is int port)
                {
                    return SocketPeer.Serve(port, output);
                }

                bool isQuick = parse.GetValue(quick);
                int durationMs = parse.GetResult(duration) is { Implicit: false } ? parse.GetValue(duration) : isQuick ? 100 : 750;
                if (durationMs < 10)
                {
                    error.WriteLine("error: --duration must be at least 10 ms");
                    return 2;
                }

                bool asJson = parse.GetValue(json);
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
                    error.WriteLine("error: " + e.Message);
                    return 1;
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

                return report.Verified ? 0 : 1;
            });
            return command;
        }
    }
}
