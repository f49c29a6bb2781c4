using System.CommandLine;
using NfIcbmsg.Sim.Commands;

namespace NfIcbmsg.Sim
{
    /// <summary>Entry point: one sub-command per file under Commands/.</summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            RootCommand root = new RootCommand("nf-sim: the nf-icbmsg host simulator (Zephyr ICBMsg/ICMsg on a desktop)");
            root.Subcommands.Add(DemoCommand.Create());
            root.Subcommands.Add(BoardsCommand.Create());
            root.Subcommands.Add(RunCommand.Create());
            root.Subcommands.Add(InspectCommand.Create());
            root.Subcommands.Add(BenchCommand.Create());
            root.Subcommands.Add(SoakCommand.Create());
            return root.Parse(args).Invoke();
        }
    }
}
