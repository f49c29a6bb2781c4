using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NfIcbmsg.Sim.Commands;
using NfIcbmsg.Sim.Tests.Support;
using Xunit;

namespace NfIcbmsg.Sim.Tests.Cli
{
    /// <summary>
    /// One exit-code contract for every command (ExitCodes): 0 all right, 1 ran and found something
    /// wrong, 2 could not start. The commands name the codes instead of writing numbers, and each
    /// command's own option check ends with ExitCodes.Setup.
    /// </summary>
    public sealed class ExitCodeTests
    {
        private const int ProcessTimeoutMs = 20000;

        [Fact]
        public void TheCodesAreDistinctAndZeroMeansSuccess()
        {
            Assert.Equal(0, ExitCodes.Success);
            Assert.Equal(3, new[] { ExitCodes.Success, ExitCodes.Failed, ExitCodes.Setup }.Distinct().Count());
        }

        [Fact]
        public void NoCommandReturnsANumberOfItsOwn()
        {
            string commands = Path.Combine(Repository.Root, "host-sim", "NfIcbmsg.Sim", "Commands");
            string[] files = Directory.GetFiles(commands, "*Command.cs").Append(Path.Combine(Repository.Root, "host-sim", "NfIcbmsg.Sim", "Bench", "SocketPeer.cs")).ToArray();
            Assert.Equal(6, files.Count(f => f.EndsWith("Command.cs")));
            Regex literal = new Regex(@"\breturn\s+(\d+|[^;]*\?\s*\d+\s*:\s*\d+)\s*;");
            foreach (string file in files)
            {
                string[] lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                {
                    Assert.False(literal.IsMatch(lines[i]), Path.GetFileName(file) + ":" + (i + 1) + ": an exit code written as a number: " + lines[i].Trim());
                }
            }
        }

        [Theory]
        [InlineData("demo", "--messages", "0")]
        [InlineData("bench", "--duration", "1")]
        [InlineData("inspect", "--board", "boards/sim/local.overlay", "--shm", "x.shm", "--interval", "0")]
        [InlineData("soak", "--mutations", "0")]
        [InlineData("boards", "generate")]
        public void EveryCommandsOwnOptionCheckEndsWithSetup(params string[] args)
        {
            SimResult result = SimProcess.Run(ProcessTimeoutMs, args);
            Assert.True(result.ExitCode == ExitCodes.Setup, result.ToString());
            Assert.NotEqual(string.Empty, result.Error.Trim());
        }
    }
}
