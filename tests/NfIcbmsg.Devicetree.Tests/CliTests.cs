using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using NfIcbmsg.Sim.Commands;
using Xunit;

namespace NfIcbmsg.Devicetree.Tests
{
    /// <summary>`nf-sim boards ...` end to end: exit codes, text and JSON output.</summary>
    public class CliTests
    {
        private static (int Exit, string Output, string Error) Run(params string[] args)
        {
            RootCommand root = new RootCommand("test");
            root.Subcommands.Add(BoardsCommand.Create());
            StringWriter output = new StringWriter();
            StringWriter error = new StringWriter();
            int exit = TestSupport.Bounded(() => root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error }));
            return (exit, output.ToString(), error.ToString());
        }

        private static string Board(string relative)
        {
            return Path.Combine(TestSupport.RepositoryRoot, relative);
        }

        [Fact]
        public void List_shows_every_board_file_with_its_instances()
        {
            (int exit, string output, string _) = Run("boards", "list", "--repo", TestSupport.RepositoryRoot);
            Assert.Equal(0, exit);
            Assert.Contains("boards/sim/local.overlay", output);
            Assert.Contains("ipc0 icbmsg, ipc1 icbmsg", output);
            Assert.Equal(TestSupport.Catalog.BoardFiles().Count + 1, output.Trim().Split('\n').Length);
        }

        [Fact]
        public void List_as_json()
        {
            (int exit, string output, string _) = Run("boards", "list", "--json", "--repo", TestSupport.RepositoryRoot);
            Assert.Equal(0, exit);
            JsonElement boards = JsonDocument.Parse(output).RootElement.GetProperty("boards");
            Assert.Equal(TestSupport.Catalog.BoardFiles().Count, boards.GetArrayLength());
            JsonElement sim = boards.EnumerateArray().Single(b => b.GetProperty("file").GetString() == "boards/sim/remote.overlay");
            Assert.Equal("nanoframework", sim.GetProperty("runtime").GetString());
            Assert.Equal(3, sim.GetProperty("instances").GetArrayLength());
        }

        [Fact]
        public void Show_prints_the_layout_of_both_regions()
        {
            (int exit, string output, string _) = Run("boards", "show", Board("boards/sim/local.overlay"), "--instance", "ipc0");
            Assert.Equal(0, exit);
            Assert.Contains("role: follower", output);
            Assert.Contains("udp 127.0.0.1:47300", output);
            Assert.Matches(@"block size\s+100\s+48", output);
            Assert.Matches(@"largest message\s+1596\s+1532", output);
            Assert.Matches(@"ICMsg area\s+0x20070000, 448 bytes \(min 408\)\s+0x20078000, 512 bytes \(min 408\)", output);
            Assert.DoesNotContain("instance ipc1", output);
        }

        [Fact]
        public void Show_as_json()
        {
            (int exit, string output, string _) = Run("boards", "show", Board("boards/sim/remote.overlay"), "--json");
            Assert.Equal(0, exit);
            JsonElement root = JsonDocument.Parse(output).RootElement;
            JsonElement ipc0 = root.GetProperty("instances")[0];
            Assert.True(ipc0.GetProperty("initiator").GetBoolean());
            Assert.Equal(48, ipc0.GetProperty("tx").GetProperty("blockSize").GetInt32());
            Assert.Equal(0x20078200, ipc0.GetProperty("tx").GetProperty("blocksAddress").GetInt64());
            Assert.Equal(47300, ipc0.GetProperty("mailbox").GetProperty("portBase").GetInt32());
        }

        [Fact]
        public void Show_of_a_broken_file_exits_1_with_the_location()
        {
            string dir = TestSupport.TempDirectory();
            string path = Path.Combine(dir, "broken.overlay");
            File.WriteAllText(path, "/ {\n\tipc0 {\n");
            (int exit, string output, string _) = Run("boards", "show", path);
            Assert.Equal(1, exit);
            Assert.Contains(path + ":3:1: error: unexpected end of file: node ipc0 opened at " + path + ":2:7 is not closed (expected '}')", output);
        }

        [Fact]
        public void Check_of_a_mirrored_pair_exits_0()
        {
            (int exit, string output, string _) = Run("boards", "check", Board("boards/nrf5340dk/cpuapp.overlay"), Board("boards/nrf5340dk/cpunet.overlay"));
            Assert.Equal(0, exit);
            Assert.Contains("initiator: B ", output);
            Assert.Contains("the two files mirror each other", output);
        }

        [Fact]
        public void Check_of_a_mismatched_pair_exits_1_naming_both_files()
        {
            (int exit, string output, string _) = Run("boards", "check", Board("boards/esp32_devkitc/appcpu.overlay"), Board("boards/esp32s3_devkitc/appcpu.overlay"));
            Assert.Equal(1, exit);
            Assert.Contains(Board("boards/esp32_devkitc/appcpu.overlay") + ":", output);
            Assert.Contains("(other side: " + Board("boards/esp32s3_devkitc/appcpu.overlay") + ":", output);
            Assert.Contains("do NOT mirror", output);
        }

        [Fact]
        public void Check_as_json()
        {
            (int exit, string output, string _) = Run("boards", "check", Board("boards/sim/local.overlay"), Board("boards/sim/remote.overlay"), "--json");
            Assert.Equal(0, exit);
            JsonElement root = JsonDocument.Parse(output).RootElement;
            Assert.True(root.GetProperty("mirrors").GetBoolean());
            JsonElement ipc0 = root.GetProperty("pairs")[0];
            Assert.Equal("b", ipc0.GetProperty("initiator").GetString());
            Assert.Equal(100, ipc0.GetProperty("r1").GetProperty("blockSize").GetInt32());
            Assert.Equal(504, ipc0.GetProperty("r2").GetProperty("ringDataLength").GetInt32());
        }

        [Fact]
        public void Generate_check_passes_on_the_checkout()
        {
            (int exit, string output, string error) = Run("boards", "generate", "--check", "--repo", TestSupport.RepositoryRoot);
            Assert.True(exit == 0, error);
            Assert.Contains("generated board configurations are current", output);
        }

        [Theory]
        [InlineData("boards", "generate")]
        [InlineData("boards", "generate", "--all", "--check")]
        [InlineData("boards", "generate", "boards/sim/local.overlay")]
        public void Generate_misuse_exits_2(params string[] args)
        {
            Assert.Equal(2, Run(args).Exit);
        }
    }
}
