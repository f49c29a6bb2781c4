using System;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Threading;
using NfIcbmsg.Platform;
using NfIcbmsg.Sim.Inspect;
using NfIcbmsg.Sim.Link;
using NfIcbmsg.Sim.Run;
using Spectre.Console;

namespace NfIcbmsg.Sim.Commands
{
    /// <summary>`inspect`: decode a live or dead shared-memory file read-only: rings, pending messages, blocks, anomalies.</summary>
    public static class InspectCommand
    {
        public static Command Create()
        {
            Option<string> board = SimOptions.Board("A board file of the instance (the decoding is from that side: its tx region is \"tx\")");
            Option<string> instance = SimOptions.Instance("The IPC instance (node name)", "ipc0");
            Option<string> shm = SimOptions.SharedFile("The shared-memory file (opened read-only, never written)");
            Option<bool> json = SimOptions.Json("Print the report as JSON (with --watch: one compact document per line and refresh)");
            Option<bool> watch = new Option<bool>("--watch") { Description = "Refresh until interrupted (or --for elapses)" };
            Option<int> interval = SimOptions.AtLeast(new Option<int>("--interval") { Description = "Milliseconds between refreshes with --watch", DefaultValueFactory = _ => 500 }, 1, "1 ms");
            Option<double?> duration = new Option<double?>("--for") { Description = "With --watch: stop after this many seconds" };
            duration.Validators.Add(result =>
            {
                if (SimOptions.Value(result, out double? given) && given is double seconds && !(seconds > 0))
                {
                    result.AddError($"--for {seconds}: must be more than 0 seconds");
                }
            });
            TreeOptions tree = new TreeOptions();
            Option<string[]> includes = TreeOptions.IncludeDirectoryOption();
            Command command = new Command("inspect", "Decode an instance's shared-memory file read-only: both rings (indices, occupancy, pending control messages), the blocks they show allocated, and anomalies; exit 1 when there are anomalies");
            foreach (Option option in new Option[] { board, instance, shm, json, watch, interval, duration, tree.Base, includes })
            {
                command.Options.Add(option);
            }

            command.SetAction(parse =>
            {
                ErrorWriter errors = ErrorWriter.For(parse);
                BoardSide side;
                MappedFileMemory memory;
                try
                {
                    side = BoardSide.Load(parse.GetRequiredValue(board), parse.GetRequiredValue(instance), tree.Read(parse, includes));
                    memory = MappedFileMemory.Open(parse.GetRequiredValue(shm), side.Config.WindowBase, checked((int)side.Config.WindowLength), true);
                }
                catch (Exception e) when (e is BoardSideException || e is SimLinkException || e is OverflowException)
                {
                    return errors.Fail(ExitCodes.Setup, e.Message);
                }

                using (memory)
                {
                    Func<InspectReport> snapshot = () => Snapshot(memory, side);
                    if (!parse.GetValue(watch))
                    {
                        InspectReport report = snapshot();
                        if (parse.GetValue(json))
                        {
                            parse.InvocationConfiguration.Output.WriteLine(JsonReport.Serialize(report));
                        }
                        else
                        {
                            AnsiConsole.Write(InspectView.Render(report));
                        }

                        return report.Anomalies.Count == 0 ? ExitCodes.Success : ExitCodes.Failed;
                    }

                    return Watch(snapshot, parse.GetValue(json), parse.GetValue(interval), parse.GetValue(duration), parse.InvocationConfiguration.Output);
                }
            });
            return command;
        }

        private static InspectReport Snapshot(MappedFileMemory memory, BoardSide side)
        {
            byte[] bytes = new byte[memory.Length];
            memory.Read(0, bytes, 0, bytes.Length);
            return InstanceInspector.Decode(side.Config, new WindowBytes(memory.BaseAddress, bytes), memory.Path, side.BoardPath);
        }

        private static int Watch(Func<InspectReport> snapshot, bool json, int intervalMs, double? seconds, TextWriter output)
        {
            Stopwatch clock = Stopwatch.StartNew();
            Func<bool> going = () => seconds == null || clock.Elapsed.TotalSeconds < seconds.Value;
            InspectReport report = snapshot();
            if (json)
            {
                JsonSerializerOptions compact = new JsonSerializerOptions(JsonReport.Options) { WriteIndented = false };
                while (true)
                {
                    output.WriteLine(JsonSerializer.Serialize(report, compact));
                    if (!Pause(going, intervalMs))
                    {
                        break;
                    }

                    report = snapshot();
                }
            }
            else
            {
                AnsiConsole.Live(InspectView.Render(report)).Start(context =>
                {
                    while (Pause(going, intervalMs))
                    {
                        report = snapshot();
                        context.UpdateTarget(InspectView.Render(report));
                    }
                });
            }

            return report.Anomalies.Count == 0 ? ExitCodes.Success : ExitCodes.Failed;
        }

        private static bool Pause(Func<bool> going, int intervalMs)
        {
            if (!going())
            {
                return false;
            }

            Thread.Sleep(intervalMs);
            return going();
        }
    }
}
