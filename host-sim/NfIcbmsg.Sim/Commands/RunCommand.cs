using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using NfIcbmsg.Icmsg;
using NfIcbmsg.Platform;
using NfIcbmsg.Sim.Link;
using NfIcbmsg.Sim.Run;
using Spectre.Console;

namespace NfIcbmsg.Sim.Commands
{
    /// <summary>`run`: one side of one instance in this process over the sim link, running an application mode.</summary>
    public static class RunCommand
    {
        public static Command Create()
        {
            Option<string> board = SimOptions.Board("This side's board file (a pair of board files, one per side, mirror each other)");
            Option<string> instance = SimOptions.Instance("The IPC instance (node name)", "ipc0");
            Option<string> shm = SimOptions.SharedFile("The instance's shared-memory file; created zero-filled if missing. Use a fresh file whenever both sides start anew: ICBMsg does not survive the restart of one side");
            Option<int?> portBase = SimOptions.InRange(new Option<int?>("--port-base") { Description = $"UDP port of mailbox channel 0 (default: the board's sim-mbox port-base, else {UdpMailbox.DefaultPortBase})" }, 1, 65535, "a UDP port");
            Option<RunMode> mode = new Option<RunMode>("--mode") { Description = "echo: send every message back; source: send --count pattern messages (echoes verified when the peer echoes); sink: verify a source's messages; ping: round-trip latency against an echo", Required = true };
            Option<string[]> endpoints = new Option<string[]>("--endpoint") { Description = "Endpoint name; repeat (or separate with commas) for several, each on its own thread", DefaultValueFactory = _ => new[] { "ep0" }, AllowMultipleArgumentsPerToken = true };
            Option<int> count = new Option<int>("--count") { Description = "Messages per endpoint; echo and sink take 0 to serve until the peer has been quiet for --idle", DefaultValueFactory = _ => 1000 };
            Option<string> size = new Option<string>("--size") { Description = "Message size N or MIN-MAX (default 8-256 for source, 16 for ping)" };
            Option<bool> zeroCopy = new Option<bool>("--zero-copy") { Description = "Send with GetTxBuffer/SendNoCopy instead of copying sends" };
            Option<PatternCheck> check = new Option<PatternCheck>("--check") { Description = "Receivers check every byte (full) or only sequence, stream and length (header)", DefaultValueFactory = _ => PatternCheck.Full };
            Option<int> timeout = SimOptions.Timeout("Milliseconds any one wait may take: binding, a send, an echo, the gap between messages, the final drain", 10000);
            Option<int> idle = SimOptions.AtLeast(new Option<int>("--idle") { Description = "With --count 0: milliseconds without a message that end the run", DefaultValueFactory = _ => 1000 }, 1, "1 ms");
            Option<bool> json = SimOptions.Json();
            Option<int?> txChannel = new Option<int?>("--tx-channel") { Description = "Sim-link channel this side rings, instead of the board's (for mailboxes whose two directions share a number or name none); with --rx-channel" };
            Option<int?> rxChannel = new Option<int?>("--rx-channel") { Description = "Sim-link channel this side is rung on, instead of the board's; with --tx-channel" };
            TreeOptions tree = new TreeOptions();
            Option<string[]> includes = TreeOptions.IncludeDirectoryOption();
            Option<bool> stopOnFault = new Option<bool>("--stop-on-fault") { Description = "End the run at the first fault (a failed send, an input the peer wrote that fails validation) instead of serving on" };
            Option<int> dropRings = SimOptions.InRange(new Option<int>("--drop-rings") { Description = "Fault injection: lose this percentage (0-100) of this side's doorbells once bonded", DefaultValueFactory = _ => 0 }, 0, 100, "a percentage");
            Option<int?> idleRecheck = new Option<int?>("--idle-recheck") { Description = $"Milliseconds after which an idle receive thread looks at the rings without a doorbell (default {InstanceConfig.HostIdleRecheckMs}; -1: doorbells only)" };
            idleRecheck.Validators.Add(result =>
            {
                if (SimOptions.Value(result, out int? given) && given is int ms && (ms == 0 || ms < -1))
                {
                    result.AddError($"--idle-recheck {ms}: use 1 ms or more, or -1 for doorbells only");
                }
            });
            Option<UnboundMode?> unbound = new Option<UnboundMode?>("--unbound") { Description = "Plain ICMsg only: the session mode (disable, enable, detect) instead of the board's" };
            Option<int> statusInterval = SimOptions.AtLeast(new Option<int>("--status") { Description = "Milliseconds between status lines on stderr (rewritten in place on a terminal); 0: none", DefaultValueFactory = _ => 1000 }, 0, "0 (none)");
            Command command = new Command("run", "Run one side of one instance in this process over the sim link (shared-memory file + UDP mailbox lines); exit 0 only when everything was verified");
            foreach (Option option in new Option[] { board, instance, shm, portBase, mode, endpoints, count, size, zeroCopy, check, timeout, idle, json, txChannel, rxChannel, tree.Base, includes, stopOnFault, dropRings, idleRecheck, unbound, statusInterval })
            {
                command.Options.Add(option);
            }

            command.SetAction(parse =>
            {
                ErrorWriter errors = ErrorWriter.For(parse);
                RunMode chosen = parse.GetValue(mode);
                string[] names = parse.GetRequiredValue(endpoints).SelectMany(e => e.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
                string sizeText = parse.GetValue(size) ?? (chosen == RunMode.Ping ? "16" : "8-256");
                SizeRange? sizes = SizeRange.Parse(sizeText, out string? sizeError);
                string? problem = sizeError
                    ?? (names.Length == 0 ? "--endpoint names no endpoint" : null)
                    ?? (names.Distinct().Count() != names.Length ? "--endpoint names an endpoint twice" : null)
                    ?? (parse.GetValue(count) < 0 || (parse.GetValue(count) == 0 && chosen is RunMode.Source or RunMode.Ping) ? $"--count {parse.GetValue(count)}: must be at least 1 (0 only for echo and sink)" : null);
                if (problem != null)
                {
                    return errors.Fail(ExitCodes.Setup, problem);
                }

                RunOptions options = new RunOptions
                {
                    SharedFile = parse.GetRequiredValue(shm),
                    PortBase = parse.GetValue(portBase),
                    Mode = chosen,
                    Endpoints = names,
                    Count = parse.GetValue(count),
                    Size = sizes!.Value,
                    ZeroCopy = parse.GetValue(zeroCopy),
                    Check = parse.GetValue(check),
                    TimeoutMs = parse.GetValue(timeout),
                    IdleMs = parse.GetValue(idle),
                    StopOnFault = parse.GetValue(stopOnFault),
                    DropRingsPercent = parse.GetValue(dropRings),
                    IdleRecheckMs = parse.GetValue(idleRecheck),
                    Unbound = parse.GetValue(unbound),
                    StatusIntervalMs = parse.GetValue(statusInterval),
                };
                BoardSide side;
                try
                {
                    side = BoardSide.Load(parse.GetRequiredValue(board), parse.GetRequiredValue(instance), tree.Read(parse, includes));
                }
                catch (BoardSideException e)
                {
                    return errors.Fail(ExitCodes.Setup, e.Message);
                }

                string? unmapped = side.SimLinkProblem(parse.GetValue(txChannel), parse.GetValue(rxChannel));
                if (unmapped != null)
                {
                    return errors.Fail(ExitCodes.Setup, unmapped);
                }

                if (parse.GetValue(txChannel) is int tx && parse.GetValue(rxChannel) is int rx)
                {
                    side.Config.TxChannel = tx;
                    side.Config.RxChannel = rx;
                }

                return Execute(options, side, parse.GetValue(json), parse.InvocationConfiguration.Output, errors);
            });
            return command;
        }

        private static int Execute(RunOptions options, BoardSide side, bool json, TextWriter output, ErrorWriter errors)
        {
            RunReport report;

            // SIGINT/SIGTERM end the run the orderly way: drain, final report, the usual exit code.
            using CancellationTokenSource stop = new CancellationTokenSource();
            void Interrupt(PosixSignalContext context)
            {
                context.Cancel = true;
                errors.Line($"event: {context.Signal} received, finishing");
                stop.Cancel();
            }

            using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
            using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
            try
            {
                report = RunSession.Execute(options with { Stop = stop.Token }, side, errors.Stream, !Console.IsErrorRedirected);
            }
            catch (Exception e) when (e is BoardSideException || e is SimLinkException || e is RunSetupException || e is ArgumentException)
            {
                return errors.Fail(ExitCodes.Setup, e.Message);
            }

            if (json)
            {
                output.WriteLine(JsonReport.Serialize(report));
            }
            else
            {
                Print(report);
            }

            if (!report.Verified)
            {
                errors.Error(report.Error ?? "not verified");
            }

            return report.Verified ? ExitCodes.Success : ExitCodes.Failed;
        }

        private static void Print(RunReport report)
        {
            AnsiConsole.MarkupLineInterpolated($"[bold]{report.Mode}[/] on {report.Instance} ({report.Role ?? "icmsg"}) from {report.Board}, shared file {report.SharedFile}, udp 127.0.0.1:{report.PortBase}+(tx {report.TxChannel}, rx {report.RxChannel})");
            Table table = new Table().AddColumns("endpoint", "address", "sent", "received", "failed", "echoes", "verified", "error");
            foreach (EndpointReport e in report.Endpoints ?? Array.Empty<EndpointReport>())
            {
                table.AddRow(Markup.Escape(e.Name), e.Address.ToString(), e.Sent.ToString(), e.Received.ToString(), e.Failed.ToString(), e.Echoes?.ToString() ?? "-", e.Verified ? "yes" : "[red]no[/]", Markup.Escape(e.Error ?? string.Empty));
            }

            AnsiConsole.Write(table);
            foreach (EndpointReport e in (report.Endpoints ?? Array.Empty<EndpointReport>()).Where(e => e.Events != null && e.Events.Count > 0))
            {
                AnsiConsole.MarkupLineInterpolated($"{e.Name} events: {string.Join("; ", e.Events!)}");
            }

            foreach (EndpointReport e in (report.Endpoints ?? Array.Empty<EndpointReport>()).Where(e => e.Latency != null && e.Latency.Count > 0))
            {
                LatencySummary l = e.Latency!;
                AnsiConsole.MarkupLineInterpolated($"{e.Name} round trip over {l.Count} pings (µs): mean {l.MeanUs:F1}, p50 {l.P50Us:F1}, p90 {l.P90Us:F1}, p99 {l.P99Us:F1}, max {l.MaxUs:F1}");
            }

            StatisticsReport s = report.Statistics ?? throw new InvalidOperationException("a run report without statistics");
            string reasons = s.Rejected == 0 ? string.Empty : " (" + string.Join(", ", s.RejectedByReason.Select(r => r.Key + " " + r.Value)) + ")";
            AnsiConsole.MarkupLineInterpolated($"messages out {s.MessagesSent}, in {s.MessagesReceived}; doorbells rung {s.DoorbellsRung}, received {s.DoorbellsReceived}, dropped on purpose {report.DoorbellsDropped}; idle re-checks {s.IdleRechecks}; rejected {s.Rejected}{reasons}; allocation waits {s.AllocationWaits}; blocks in use tx {s.TxBlocksInUse}, rx {s.RxBlocksHeld}");
            int moved = report.Mode is "sink" or "echo" ? s.MessagesReceived : s.MessagesSent;
            Console.WriteLine(FormattableString.Invariant($"traffic {report.TrafficMs:F1} ms, {(report.TrafficMs > 0 ? moved / (report.TrafficMs / 1000) : 0):F0} messages/s"));
            Console.WriteLine($"{(report.Verified ? "verified" : "FAILED")} in {report.ElapsedMs:F0} ms");
        }
    }
}
