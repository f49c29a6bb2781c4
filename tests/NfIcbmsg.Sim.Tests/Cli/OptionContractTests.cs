using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NfIcbmsg.Sim.Commands;
using NfIcbmsg.Sim.Tests.Support;
using Xunit;

namespace NfIcbmsg.Sim.Tests.Cli
{
    /// <summary>
    /// One CLI contract: a value outside its range (or of the wrong type, or a missing file) stops nf-sim before
    /// anything runs, with ExitCodes.Setup, nothing on stdout and a message naming the option and the value;
    /// the options several commands share are declared once (SimOptions, TreeOptions); and stderr is written
    /// through ErrorWriter only.
    /// </summary>
    public sealed class OptionContractTests
    {
        [Theory]
        [InlineData("--messages 0: must be at least 1", "demo", "--messages", "0")]
        [InlineData("--min-size 4: must be at least 8 bytes", "demo", "--min-size", "4")]
        [InlineData("--max-size 8 is below --min-size 16", "demo", "--min-size", "16", "--max-size", "8")]
        [InlineData("--timeout 0: must be at least 1 ms", "demo", "--timeout", "0")]
        [InlineData("--duration 9: must be at least 10 ms", "bench", "--duration", "9")]
        [InlineData("--socket-peer 70000: a TCP port must be 1..65535", "bench", "--socket-peer", "70000")]
        [InlineData("--interval 0: must be at least 1 ms", "inspect", "--board", "boards/sim/local.overlay", "--shm", "x.shm", "--interval", "0")]
        [InlineData("--for -2: must be more than 0 seconds", "inspect", "--board", "boards/sim/local.overlay", "--shm", "x.shm", "--for", "-2")]
        [InlineData("--drop-rings 101: a percentage must be 0..100", "run", "--board", "boards/sim/local.overlay", "--shm", "x.shm", "--mode", "sink", "--drop-rings", "101")]
        [InlineData("--idle-recheck -5: use 1 ms or more, or -1 for doorbells only", "run", "--board", "boards/sim/local.overlay", "--shm", "x.shm", "--mode", "sink", "--idle-recheck", "-5")]
        [InlineData("--port-base 0: a UDP port must be 1..65535", "run", "--board", "boards/sim/local.overlay", "--shm", "x.shm", "--mode", "sink", "--port-base", "0")]
        [InlineData("--status -1: must be at least 0 (none)", "run", "--board", "boards/sim/local.overlay", "--shm", "x.shm", "--mode", "sink", "--status", "-1")]
        [InlineData("--idle 0: must be at least 1 ms", "run", "--board", "boards/sim/local.overlay", "--shm", "x.shm", "--mode", "echo", "--idle", "0")]
        [InlineData("--count 0: must be at least 1 (0 only for echo and sink)", "run", "--board", "boards/sim/local.overlay", "--shm", "x.shm", "--mode", "source", "--count", "0")]
        [InlineData("--seconds -1", "soak", "--seconds", "-1")]
        [InlineData("'abc' for option '--messages'", "demo", "--messages", "abc")]
        [InlineData("Option '--shm' is required", "run", "--board", "boards/sim/local.overlay", "--mode", "sink")]
        [InlineData("Unrecognized command or argument '--no-such-option'", "demo", "--no-such-option")]
        public void ABadValueStopsBeforeAnythingRunsNamingTheOptionAndTheValue(string message, params string[] args)
        {
            (int exit, string output, string error) = Invoke(args);
            Assert.True(exit == ExitCodes.Setup, exit + "\n" + error);
            Assert.Equal(string.Empty, output);
            Assert.Contains("error: ", error);
            Assert.Contains(message, error);
        }

        [Fact]
        public void MissingBaseFilesAndIncludeDirectoriesAreNamed()
        {
            using TempDirectory temp = new TempDirectory();
            string missingBase = temp.File("zephyr.dts");
            string missingInclude = temp.File("include");
            File.WriteAllText(temp.File("file.dtsi"), "/ { };\n");
            foreach (string command in new[] { "demo", "boards show boards/sim/local.overlay", "inspect --board boards/sim/local.overlay --shm x.shm", "run --board boards/sim/local.overlay --shm x.shm --mode sink" })
            {
                string[] args = command.Split(' ').Concat(new[] { "--base", missingBase, "--include-dir", missingInclude, "--include-dir", temp.File("file.dtsi") }).ToArray();
                (int exit, string output, string error) = Invoke(args);
                Assert.True(exit == ExitCodes.Setup, command + ": " + exit + "\n" + error);
                Assert.Equal(string.Empty, output);
                Assert.Contains("--base " + missingBase + ": no such file", error);
                Assert.Contains("--include-dir " + missingInclude + ": no such directory", error);
                Assert.Contains("--include-dir " + temp.File("file.dtsi") + ": no such directory (it is a file)", error);
            }
        }

        [Fact]
        public void AGoodValueAtTheBoundaryPasses()
        {
            // The checks do not refuse their own limits: --duration 10 and --interval 1 parse without error.
            Assert.Empty(Program.CreateRoot().Parse(new[] { "bench", "--duration", "10" }).Errors);
            Assert.Empty(Program.CreateRoot().Parse(new[] { "inspect", "--board", "b", "--shm", "s", "--interval", "1", "--for", "0.5" }).Errors);
            Assert.Empty(Program.CreateRoot().Parse(new[] { "run", "--board", "b", "--shm", "s", "--mode", "sink", "--drop-rings", "100", "--idle-recheck", "-1", "--status", "0", "--port-base", "65535" }).Errors);
        }

        [Fact]
        public void SharedOptionsAreDeclaredOnlyInSimOptionsAndTreeOptions()
        {
            string[] shared = { "--board", "--instance", "--json", "--shm", "--timeout", "--repo", "--base", "--include-dir" };
            Regex declaration = new Regex(@"new\s+Option<[^>]+>\s*\(\s*""(--[a-z-]+)""");
            string commands = Path.Combine(Repository.Root, "host-sim", "NfIcbmsg.Sim", "Commands");
            foreach (string file in Directory.GetFiles(commands, "*.cs").Where(f => !f.EndsWith("SimOptions.cs") && !f.EndsWith("TreeOptions.cs")))
            {
                foreach (Match match in declaration.Matches(File.ReadAllText(file)))
                {
                    Assert.False(shared.Contains(match.Groups[1].Value), Path.GetFileName(file) + " declares " + match.Groups[1].Value + " itself: use SimOptions/TreeOptions");
                }
            }

            // Every command that takes a shared option has it from one declaration: same name, same type.
            foreach (string name in shared.Where(n => n != "--instance"))
            {
                System.Type[] types = AllCommands(Program.CreateRoot()).SelectMany(c => c.Options).Where(o => o.Name == name).Select(o => o.ValueType).Distinct().ToArray();
                Assert.True(types.Length == 1, name + ": " + string.Join(", ", types.Select(t => t.Name)));
            }
        }

        [Fact]
        public void OnlyErrorWriterWritesToStderr()
        {
            // Console.Error, the invocation's Error stream and the "error: " prefix appear in ErrorWriter alone.
            Regex stderr = new Regex(@"Console\.Error\b|InvocationConfiguration\.Error\b|""error: ");
            string hostSim = Path.Combine(Repository.Root, "host-sim");
            string[] files = Directory.GetFiles(hostSim, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
                .ToArray();
            Assert.Contains(files, f => f.EndsWith(Path.Combine("Commands", "ErrorWriter.cs")));
            foreach (string file in files.Where(f => !f.EndsWith(Path.Combine("Commands", "ErrorWriter.cs"))))
            {
                string[] lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                {
                    string code = lines[i].TrimStart();
                    Assert.False(!code.StartsWith("//") && stderr.IsMatch(code), Path.GetRelativePath(hostSim, file) + ":" + (i + 1) + ": writes to stderr past ErrorWriter: " + code);
                }
            }
        }

        private static (int Exit, string Output, string Error) Invoke(params string[] args)
        {
            StringWriter output = new StringWriter();
            StringWriter error = new StringWriter();
            int exit = Program.Invoke(Program.CreateRoot(), args, new InvocationConfiguration { Output = output, Error = error });
            return (exit, output.ToString(), error.ToString());
        }

        private static System.Collections.Generic.IEnumerable<Command> AllCommands(Command command)
        {
            return new[] { command }.Concat(command.Subcommands.SelectMany(AllCommands));
        }
    }
}
