using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Sim.Link;
using NfIcbmsg.Sim.Soak;

namespace NfIcbmsg.Sim.Commands
{
    /// <summary>`soak`: random mutation of the shared memory under live instances, for a count or a time, from a seed.</summary>
    public static class SoakCommand
    {
        public static Command Create()
        {
            Option<string> board = SimOptions.Board("Board file whose instances are soaked", DemoCommand.DefaultBoard);
            Option<string[]> instances = SimOptions.Instances("Instances to soak, in turn (default: every enabled one)");
            Option<long> mutations = new Option<long>("--mutations") { Description = "Stop after this many mutations", DefaultValueFactory = _ => 1_000_000 };
            Option<int> seconds = new Option<int>("--seconds") { Description = "Stop after this many seconds (0: no limit)", DefaultValueFactory = _ => 0 };
            Option<int> perRound = new Option<int>("--per-round") { Description = "Mutations per round (each round starts from fresh memory and newly bound instances)", DefaultValueFactory = _ => 50_000 };
            Option<uint> seed = new Option<uint>("--seed") { Description = "Seed of the mutations (a run replays from its seed, up to thread timing)", DefaultValueFactory = _ => 1 };
            Option<bool> json = SimOptions.Json();
            Command command = new Command("soak", "Mutate the shared memory at random under two live instances exchanging messages; report mutations, crashes, accesses outside the regions, hangs and deliveries; exit 0 only when there were no crashes, outside accesses or hangs");
            foreach (Option option in new Option[] { board, instances, mutations, seconds, perRound, seed, json })
            {
                command.Options.Add(option);
            }

            command.SetAction(parse =>
            {
                TextWriter output = parse.InvocationConfiguration.Output;
                ErrorWriter errors = ErrorWriter.For(parse);
                if (parse.GetValue(mutations) < 1 || parse.GetValue(perRound) < 1 || parse.GetValue(seconds) < 0)
                {
                    return errors.Fail(ExitCodes.Setup, $"--mutations and --per-round must be at least 1, --seconds at least 0 (got --mutations {parse.GetValue(mutations)}, --per-round {parse.GetValue(perRound)}, --seconds {parse.GetValue(seconds)})");
                }

                List<InstanceConfig> configs;
                try
                {
                    configs = Configs(parse.GetRequiredValue(board), parse.GetValue(instances));
                }
                catch (BoardSideException e)
                {
                    return errors.Fail(ExitCodes.Setup, e.Message);
                }

                errors.Line($"soak: {string.Join(", ", configs.Select(Describe))}; seed {parse.GetValue(seed)}");
                SoakReport report = SoakRunner.Run(configs, parse.GetValue(mutations), parse.GetValue(seconds), parse.GetValue(perRound), parse.GetValue(seed), r => errors.Line("soak: " + Line(r)));
                output.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }) : Line(report));
                if (!report.Clean)
                {
                    errors.Error(report.FirstProblem ?? "not clean");
                }

                return report.Clean ? ExitCodes.Success : ExitCodes.Failed;
            });
            return command;
        }

        private static string Line(SoakReport r)
        {
            return $"{r.Mutations} mutations in {r.Rounds} rounds ({r.RoundsBound} bound) in {r.ElapsedSeconds:F0} s: {r.Crashes} crashes, {r.OutsideAccesses} accesses outside the regions, {r.Hangs} hangs, {r.Deliveries} deliveries, {r.Rejected} inputs rejected";
        }

        private static string Describe(InstanceConfig c)
        {
            return $"{c.Name} ({c.Backend}, {c.TxBlocks}/{c.RxBlocks} blocks, alignment {c.DcacheAlignment}{(c.Backend == BackendKind.Icmsg ? ", unbound " + c.Unbound : string.Empty)})";
        }

        // The board's instances, plus two geometries of the first ICBMsg one that the attacks found
        // interesting: cache alignment 32, and 4-byte blocks.
        private static List<InstanceConfig> Configs(string boardPath, string[]? names)
        {
            if (names == null || names.Length == 0)
            {
                names = NfIcbmsg.Devicetree.Boards.BoardLoader.Load(boardPath).EnabledInstances.Select(i => i.Name).ToArray();
            }

            List<InstanceConfig> configs = names.Select(n => BoardSide.Load(boardPath, n).Config).ToList();
            InstanceConfig? icbmsg = configs.FirstOrDefault(c => c.Backend == BackendKind.Icbmsg);
            if (icbmsg != null)
            {
                InstanceConfig aligned = icbmsg.Mirror().Mirror();
                aligned.Name = icbmsg.Name + "-align32";
                aligned.DcacheAlignment = 32;
                configs.Add(aligned);
                InstanceConfig tiny = icbmsg.Mirror().Mirror();
                tiny.Name = icbmsg.Name + "-4byte-blocks";
                for (int n = RegionLayout.MaxBlocks; n > 0; n--)
                {
                    RegionLayout tx = RegionLayout.TryCompute(tiny.TxRegionAddress, tiny.TxRegionSize, n, n, 0, out _);
                    RegionLayout rx = RegionLayout.TryCompute(tiny.RxRegionAddress, tiny.RxRegionSize, n, n, 0, out _);
                    if (tx != null && rx != null && tx.BlockSize == RegionLayout.MinBlockSize && rx.BlockSize == RegionLayout.MinBlockSize)
                    {
                        tiny.TxBlocks = n;
                        tiny.RxBlocks = n;
                        configs.Add(tiny);
                        break;
                    }
                }
            }

            return configs;
        }
    }
}
