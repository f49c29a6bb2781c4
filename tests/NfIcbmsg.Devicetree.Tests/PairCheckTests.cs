using System;
using System.IO;
using System.Linq;
using NfIcbmsg.Devicetree.Boards;
using NfIcbmsg.Devicetree.Diagnostics;
using Xunit;

namespace NfIcbmsg.Devicetree.Tests
{
    /// <summary>The pair check proves mirrors and names both files and lines of every mismatch.</summary>
    public class PairCheckTests
    {
        private static string Local
        {
            get { return File.ReadAllText(Path.Combine(TestSupport.RepositoryRoot, "boards/sim/local.overlay")); }
        }

        private static string Remote
        {
            get { return File.ReadAllText(Path.Combine(TestSupport.RepositoryRoot, "boards/sim/remote.overlay")); }
        }

        /// <summary>Loads the two texts as if they were the sim board's files (so their #include resolves).</summary>
        private static PairReport Check(string a, string b)
        {
            string dir = Path.Combine(TestSupport.RepositoryRoot, "boards", "sim");
            return TestSupport.Bounded(() => PairChecker.Check(
                BoardLoader.LoadText(a, Path.Combine(dir, "a.overlay")),
                BoardLoader.LoadText(b, Path.Combine(dir, "b.overlay"))));
        }

        private static int LineOf(string text, string needle, int occurrence = 1)
        {
            string[] lines = text.Split('\n');
            int seen = 0;
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].Contains(needle) && ++seen == occurrence)
                {
                    return i + 1;
                }
            }

            Assert.Fail("'" + needle + "' not found");
            return 0;
        }

        [Fact]
        public void The_sim_board_mirrors()
        {
            PairReport report = Check(Local, Remote);
            Assert.True(report.Mirrors);
            Assert.Empty(report.Mismatches);
            Assert.Equal(3, report.Pairs.Count);
        }

        [Fact]
        public void A_file_does_not_mirror_itself()
        {
            PairReport report = Check(Local, Local);
            Assert.False(report.Mirrors);
            Assert.Contains(report.Mismatches, m => m.Message.StartsWith("tx-region &sram_ipc0_tx is 0x20070000..0x20070800 (0x800 bytes) here but rx-region &sram_ipc0_rx is 0x20078000..0x20078800 (0x800 bytes) there"));
        }

        [Fact]
        public void Swapped_block_counts_that_do_not_match_name_both_files_and_lines()
        {
            string remote = Remote.Replace("tx-blocks = <32>;", "tx-blocks = <24>;");
            PairReport report = Check(Local, remote);
            Assert.False(report.Mirrors);
            PairMismatch mismatch = Assert.Single(report.Mismatches);
            string dir = Path.Combine(TestSupport.RepositoryRoot, "boards", "sim");
            Assert.Equal(
                Path.Combine(dir, "a.overlay") + ":" + LineOf(Local, "rx-blocks = <32>;") + ":4: error: instance ipc0: rx-blocks 32 here but tx-blocks 24 there: the block count of the region the other side writes (other side: " +
                Path.Combine(dir, "b.overlay") + ":" + LineOf(remote, "tx-blocks = <24>;") + ":4)",
                mismatch.ToString());
            Assert.Equal(new[] { "ipc1", "ipc2" }, report.Pairs.Select(p => p.Name));
        }

        [Fact]
        public void Channels_that_are_not_swapped()
        {
            string remote = Remote.Replace("mbox-names = \"rx\", \"tx\";", "mbox-names = \"tx\", \"rx\";");
            PairReport report = Check(Local, remote);
            Assert.Equal(6, report.Mismatches.Count);
            Assert.Contains(report.Mismatches, m => m.Instance == "ipc0" && m.Message == "tx channel 0 here but rx channel 1 there: the channel this side rings is the one the other side listens on");
            Assert.All(report.Mismatches, m => Assert.Equal(LineOf(remote, "mboxes = <&mbox " + (m.Instance == "ipc0" ? "0" : m.Instance == "ipc1" ? "2" : "4")), m.B.Line));
        }

        [Fact]
        public void Different_cache_alignment()
        {
            string remote = Remote.Replace("\t\t\tnf,endpoints = <4>;", "\t\t\tnf,endpoints = <4>;\n\t\t\tdcache-alignment = <32>;");
            PairReport report = Check(Local, remote);
            Assert.Equal(2, report.Mismatches.Count);
            Assert.Equal("dcache-alignment 0 here but dcache-alignment 32 there: both sides must place the ring words at the same offsets", report.Mismatches[0].Message);
        }

        [Fact]
        public void Missing_instance_on_one_side()
        {
            int ipc1 = Remote.IndexOf("\t\tipc1: ipc1 {", StringComparison.Ordinal);
            int okay = Remote.IndexOf("status = \"okay\";", ipc1, StringComparison.Ordinal);
            string remote = Remote.Remove(okay, "status = \"okay\";".Length).Insert(okay, "status = \"disabled\";");
            PairReport report = Check(Local, remote);
            PairMismatch mismatch = Assert.Single(report.Mismatches);
            Assert.Equal("ipc1", mismatch.Instance);
            Assert.Contains("but not in", mismatch.Message);
            Assert.EndsWith("b.overlay: expected the same instance names on both sides", mismatch.Message);
        }

        [Fact]
        public void Endpoint_counts_that_differ_are_a_warning_only()
        {
            string remote = Remote.Replace("nf,endpoints = <4>;", "nf,endpoints = <8>;");
            PairReport report = Check(Local, remote);
            Assert.True(report.Mirrors);
            Assert.Equal(2, report.Mismatches.Count);
            Assert.All(report.Mismatches, m => Assert.Equal(DiagnosticSeverity.Warning, m.Severity));
        }

        [Fact]
        public void Icmsg_enable_does_not_pair_with_disable()
        {
            PairReport report = PairChecker.Check(
                BoardLoader.LoadText(File.ReadAllText(TestSupport.ZephyrFixture("nrf5340-app-icmsg-sessions.overlay")).Replace("\"detect\"", "\"enable\""), "app.overlay"),
                BoardLoader.LoadText(File.ReadAllText(TestSupport.ZephyrFixture("nrf5340-net-icmsg-sessions.overlay")).Replace("unbound = \"detect\";", string.Empty), "net.overlay"));
            PairMismatch mismatch = Assert.Single(report.Mismatches);
            Assert.StartsWith("app.overlay:35:3: error: instance ipc0: unbound \"enable\" here but \"disable\" there", mismatch.ToString());
            Assert.EndsWith("(other side: net.overlay:24:8)", mismatch.ToString());
        }

        [Fact]
        public void Icmsg_detect_pairs_with_disable()
        {
            PairReport report = PairChecker.Check(
                BoardLoader.Load(TestSupport.ZephyrFixture("nrf5340-app-icmsg-sessions.overlay")),
                BoardLoader.LoadText(File.ReadAllText(TestSupport.ZephyrFixture("nrf5340-net-icmsg-sessions.overlay")).Replace("unbound = \"detect\";", string.Empty), "net.overlay"));
            Assert.True(report.Mirrors, string.Join("\n", report.Mismatches));
        }

        [Fact]
        public void A_file_with_errors_never_mirrors()
        {
            PairReport report = Check(Local, Remote.Replace("tx-blocks = <32>;", "tx-blocks = <300>;"));
            Assert.False(report.Mirrors);
            Assert.Empty(report.Pairs);
            Assert.True(report.B.HasErrors);
        }
    }
}
