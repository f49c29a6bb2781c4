using System.CommandLine;
using System.CommandLine.Parsing;
using NfIcbmsg.Sim.Commands;

namespace NfIcbmsg.Sim
{
    /// <summary>Entry point: one sub-command per file under Commands/.</summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            return Invoke(CreateRoot(), args, new InvocationConfiguration());
        }

        /// <summary>nf-sim's commands.</summary>
        public static RootCommand CreateRoot()
        {
            RootCommand root = new RootCommand("nf-sim: the nf-icbmsg host simulator (Zephyr ICBMsg/ICMsg on a desktop)");
            root.Subcommands.Add(DemoCommand.Create());
            root.Subcommands.Add(BoardsCommand.Create());
            root.Subcommands.Add(RunCommand.Create());
            root.Subcommands.Add(InspectCommand.Create());
            root.Subcommands.Add(BenchCommand.Create());
            root.Subcommands.Add(SoakCommand.Create());
            return root;
        }

        /// <summary>
        /// Parses and runs <paramref name="args"/>. A command line that does not parse (unknown option, missing
        /// required option, a value of the wrong type or outside its range) is a setup error like every other:
        /// each problem on stderr as "error: ...", then ExitCodes.Setup, nothing run.
        /// </summary>
        public static int Invoke(RootCommand root, string[] args, InvocationConfiguration configuration)
        {
            ParseResult parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                ErrorWriter errors = new ErrorWriter(configuration.Error);
                foreach (ParseError error in parse.Errors)
                {
                    errors.Error(error.Message);
                }

                string command = "nf-sim ";
                for (SymbolResult? result = parse.CommandResult; result is CommandResult named && named.Command != root; result = result.Parent)
                {
                    command = "nf-sim " + named.Command.Name + command.Substring("nf-sim".Length);
                }

                errors.Line("(" + command + "--help lists the options)");
                return ExitCodes.Setup;
            }

            return parse.Invoke(configuration);
        }
    }
}
