using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using NfIcbmsg.Devicetree;
using NfIcbmsg.Devicetree.Boards;
using NfIcbmsg.Devicetree.Diagnostics;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Sim.Boards;
using NfIcbmsg.Sim.Demo;
using Spectre.Console;

namespace NfIcbmsg.Sim.Commands
{
    /// <summary>`demo`: two in-process cores exchanging verified messages on several endpoints (the main job).</summary>
    public static class DemoCommand
    {
        public static Command Create()
        {
            Option<string> board = SimOptions.Board("Board file whose ICBMsg instances to run (side A's view)", DefaultBoard);
            Option<int> messages = SimOptions.AtLeast(new Option<int>("--messages") { Description = "Messages per endpoint and direction", DefaultValueFactory = _ => 2000 }, 1, "1");
            Option<int> minSize = SimOptions.AtLeast(new Option<int>("--min-size") { Description = "Smallest message in bytes (at least 8: the pattern header)", DefaultValueFactory = _ => 8 }, 8, "8 bytes (the pattern header)");
            Option<int> maxSize = SimOptions.AtLeast(new Option<int>("--max-size") { Description = "Largest message in bytes", DefaultValueFactory = _ => 256 }, 8, "8 bytes (the pattern header)");
            Option<int> timeout = SimOptions.Timeout("Milliseconds to wait for binding, and extra time for the exchange", 10000);
            Option<bool> json = SimOptions.Json("Print the result as JSON");
            TreeOptions tree = new TreeOptions();
            Option<string[]> includes = TreeOptions.IncludeDirectoryOption();
            Command command = new Command("demo", "Two simulated cores in this process exchange verified messages on several endpoints (Zephyr's multi_endpoint sample)");
            command.Options.Add(board);
            command.Options.Add(messages);
            command.Options.Add(minSize);
            command.Options.Add(maxSize);
            command.Options.Add(timeout);
            command.Options.Add(json);
            tree.AddTo(command);
            command.Options.Add(includes);
            command.SetAction(parse => Run(parse.GetRequiredValue(board), tree.Read(parse, includes), parse.GetValue(messages), parse.GetValue(minSize), parse.GetValue(maxSize), parse.GetValue(timeout), parse.GetValue(json), ErrorWriter.For(parse)));
            return command;
        }

        /// <summary>The board the demo runs on unless --board says otherwise.</summary>
        public const string DefaultBoard = "boards/sim/local.overlay";

        /// <summary>
        /// The instances of a board file, with endpoints as in Zephyr's multi_endpoint sample: two on
        /// the first instance, one on each other. Null (and a message on stderr) when the file fails.
        /// </summary>
        public static IReadOnlyList<DemoInstance>? LoadInstances(string board)
        {
            return LoadInstances(board, ReadOptions.None, ErrorWriter.Process);
        }

        /// <summary>
        /// As <see cref="LoadInstances(string)"/>, on top of a base devicetree. Each direction runs on its own
        /// in-process line, so every mailbox form runs here, whatever its channel numbers.
        /// </summary>
        public static IReadOnlyList<DemoInstance>? LoadInstances(string board, ReadOptions options, ErrorWriter errors)
        {
            if (BundledBoards.Resolve(board, out _) == null)
            {
                errors.Error($"board file {board} not found here, in a checkout above {Directory.GetCurrentDirectory()}, or among the boards shipped with nf-sim ({string.Join(", ", BundledBoards.Files)}); pass --board FILE");
                return null;
            }

            BoardFile file = BundledBoards.Load(board, options);
            foreach (Diagnostic diagnostic in file.Diagnostics)
            {
                errors.Line(diagnostic.ToString());
            }

            if (file.HasErrors)
            {
                return null;
            }

            List<DemoInstance> instances = new List<DemoInstance>();
            char next = 'a';
            foreach (BoardInstance instance in file.CompleteInstances.Where(i => i.Backend == BackendKind.Icbmsg))
            {
                int count = instances.Count == 0 ? 2 : 1;
                string[] endpoints = Enumerable.Range(0, count).Select(_ => "ep_" + next++).ToArray();
                InstanceConfig config = instance.ToInstanceConfig();
                config.IdleRecheckMs = InstanceConfig.HostIdleRecheckMs;
                instances.Add(new DemoInstance(config, endpoints));
            }

            if (instances.Count == 0)
            {
                bool incomplete = file.EnabledInstances.Any(i => i.MissingFromBase.Count > 0);
                errors.Error($"{board} has no complete, enabled zephyr,ipc-icbmsg instance" + (incomplete ? " (incomplete ones are completed by the base devicetree: pass --base build/zephyr/zephyr.dts)" : string.Empty));
                return null;
            }

            return instances;
        }

        private static int Run(string board, ReadOptions options, int messages, int minSize, int maxSize, int timeoutMs, bool json, ErrorWriter errors)
        {
            if (maxSize < minSize)
            {
                return errors.Fail(ExitCodes.Setup, $"--max-size {maxSize} is below --min-size {minSize}");
            }

            IReadOnlyList<DemoInstance>? instances = LoadInstances(board, options, errors);
            if (instances == null)
            {
                return ExitCodes.Setup;
            }

            using DemoRun run = new DemoRun(instances, messages, minSize, maxSize, timeoutMs);
            if (!run.Bind())
            {
                string unbound = string.Join(", ", run.Endpoints.Where(e => !e.A.IsBound || !e.B.IsBound).Select(e => $"{e.Instance}/{e.A.Name}"));
                return errors.Fail(ExitCodes.Failed, $"endpoints not bound within {timeoutMs} ms: {unbound}");
            }

            bool ok;
            if (json || Console.IsOutputRedirected)
            {
                ok = run.Exchange(_ => { });
            }
            else
            {
                PrintBindings(run);
                ok = false;
                AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .Start(context =>
                    {
                        ProgressTask task = context.AddTask("messages verified", maxValue: run.TotalMessages);
                        ok = run.Exchange(done => task.Value = done);
                    });
            }

            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(Report(run, ok), new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                if (Console.IsOutputRedirected)
                {
                    PrintBindings(run);
                }

                PrintTable(run, ok, errors);
            }

            return ok ? ExitCodes.Success : ExitCodes.Failed;
        }

        private static void PrintBindings(DemoRun run)
        {
            foreach ((string instance, Endpoint a, Endpoint b) in run.Endpoints)
            {
                IcbmsgInstance side = (IcbmsgInstance)a.Instance;
                string initiator = side.IsInitiator ? "A" : "B";
                AnsiConsole.MarkupLineInterpolated($"bound {instance}/{a.Name}: address {a.Address} (A) = {b.Address} (B), initiator {initiator}");
            }
        }

        private static void PrintTable(DemoRun run, bool ok, ErrorWriter errors)
        {
            double seconds = Math.Max(run.Elapsed.TotalSeconds, 1e-6);
            Table table = new Table().AddColumns("instance", "endpoint", "direction", "sent", "verified", "failed", "bytes", "msg/s");
            foreach (DemoStream s in run.Streams)
            {
                table.AddRow(s.Instance, s.Endpoint, s.Direction, s.Sent.ToString(), s.Verified.ToString(), s.Failed.ToString(), s.Bytes.ToString(), (s.Verified / seconds).ToString("F0"));
            }

            AnsiConsole.Write(table);
            Table stats = new Table().AddColumns("instance", "side", "out", "in", "rejected", "rung", "waits", "tx used", "rx held");
            for (int i = 0; i < run.Pairs.Count; i++)
            {
                AddStats(stats, run.Pairs[i].ConfigA.Name, "A", run.Pairs[i].SideA.Statistics);
                AddStats(stats, run.Pairs[i].ConfigA.Name, "B", run.Pairs[i].SideB.Statistics);
            }

            AnsiConsole.Write(stats);
            foreach (string firstError in run.Streams.Select(s => s.FirstError).OfType<string>())
            {
                errors.Error(firstError);
            }

            Console.WriteLine($"{(ok ? "verified" : "FAILED")}: {run.TotalVerified} of {run.TotalMessages} messages in {run.Elapsed.TotalMilliseconds:F0} ms");
        }

        private static void AddStats(Table table, string instance, string side, IpcStatistics s)
        {
            table.AddRow(instance, side, s.MessagesSent.ToString(), s.MessagesReceived.ToString(), s.Rejected.ToString(), s.DoorbellsRung.ToString(), s.AllocationWaits.ToString(), s.TxBlocksInUse.ToString(), s.RxBlocksHeld.ToString());
        }

        private static object Report(DemoRun run, bool ok)
        {
            return new
            {
                verified = ok,
                elapsedMs = run.Elapsed.TotalMilliseconds,
                endpoints = run.Endpoints.Select(e => new { instance = e.Instance, name = e.A.Name, addressA = e.A.Address, addressB = e.B.Address }),
                streams = run.Streams.Select(s => new { s.Instance, s.Endpoint, s.Direction, s.Messages, s.Sent, s.Verified, s.Failed, s.Bytes, error = s.FirstError }),
                sides = run.Pairs.SelectMany(p => new[] { (p.ConfigA.Name, "A", p.SideA.Statistics), (p.ConfigA.Name, "B", p.SideB.Statistics) })
                    .Select(x => new { instance = x.Item1, side = x.Item2, messagesSent = x.Item3.MessagesSent, messagesReceived = x.Item3.MessagesReceived, rejected = x.Item3.Rejected, doorbellsRung = x.Item3.DoorbellsRung, allocationWaits = x.Item3.AllocationWaits }),
            };
        }
    }
}
