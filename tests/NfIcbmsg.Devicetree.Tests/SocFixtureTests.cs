using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using NfIcbmsg.Devicetree.Boards;
using NfIcbmsg.Sim.Commands;
using NfIcbmsg.Sim.Demo;
using Xunit;
using Xunit.Abstractions;

namespace NfIcbmsg.Devicetree.Tests
{
    /// <summary>
    /// Every overlay of Fixtures/Soc (see its README) with its exact outcome: loaded with its layout and
    /// mailbox specifiers, incomplete with the base-devicetree message, or a real error with file:line:column.
    /// </summary>
    public class SocFixtureTests
    {
        private readonly ITestOutputHelper _log;

        public SocFixtureTests(ITestOutputHelper log)
        {
            this._log = log;
        }

        private static string Dir
        {
            get { return Path.Combine(TestSupport.RepositoryRoot, "tests", "NfIcbmsg.Devicetree.Tests", "Fixtures", "Soc"); }
        }

        private static string Fixture(string name)
        {
            return Path.Combine(Dir, name);
        }

        private static BoardFile Load(string name, params string[] bases)
        {
            ReadOptions options = new ReadOptions { Bases = bases.Select(Fixture).ToArray() };
            return TestSupport.Bounded(() => BoardLoader.Load(Fixture(name), name, options));
        }

        /// <summary>What a complete instance is, in one line: backend, regions, blocks, specifiers, alignment, role, block sizes.</summary>
        private static string Describe(BoardInstance i)
        {
            InstanceLayout layout = InstanceLayout.Compute(i);
            string split = i.Backend == BackendKind.Icbmsg
                ? " " + i.TxBlocks + "/" + i.RxBlocks + " blocks of " + layout.Tx!.BlockSize + "/" + layout.Rx!.BlockSize + (layout.IsInitiator ? " initiator" : " follower")
                : " ring " + layout.TxRing!.DataLength;
            return i.Name + " " + i.Compatible + " tx 0x" + i.TxRegion!.Address.ToString("x") + "+0x" + i.TxRegion!.Size.ToString("x")
                + " rx 0x" + i.RxRegion!.Address.ToString("x") + "+0x" + i.RxRegion!.Size.ToString("x") + split
                + " D" + i.DcacheAlignment + " tx<" + i.TxSpecifier + "> rx<" + i.RxSpecifier + ">" + (i.MapsToSimLink ? " sim " + i.TxChannel + "/" + i.RxChannel : " no-sim");
        }

        [Theory]
        [InlineData("nrf54l15-cpuflpr-vevif.overlay", "ipc0 zephyr,ipc-icmsg tx 0x20018000+0x800 rx 0x20020000+0x800 ring 2040 D0 tx<&cpuflpr_vevif_tx 20> rx<&cpuflpr_vevif_rx 21> sim 20/21")]
        [InlineData("nrf54lm20-cpuapp-vevif-icbmsg.overlay", "ipc0 zephyr,ipc-icbmsg tx 0x20067000+0x1000 rx 0x20068000+0x1000 16/16 blocks of 236/236 follower D0 tx<&cpuapp_vevif_tx 21> rx<&cpuapp_vevif_rx 20> sim 21/20")]
        [InlineData("nrf54lm20-cpuflpr-vevif-icbmsg.overlay", "ipc0 zephyr,ipc-icbmsg tx 0x20068000+0x1000 rx 0x20067000+0x1000 16/16 blocks of 236/236 initiator D0 tx<&cpuflpr_vevif_tx 20> rx<&cpuflpr_vevif_rx 21> sim 20/21")]
        [InlineData("nrf54h20-cpuapp-bellboard-icbmsg.overlay", "ipc0 zephyr,ipc-icbmsg tx 0x2f0c0000+0x2000 rx 0x2f0c2000+0x2000 32/32 blocks of 236/236 follower D32 tx<&cpurad_bellboard 14> rx<&cpuapp_bellboard 20> sim 14/20")]
        [InlineData("nrf54h20-cpurad-bellboard-icbmsg.overlay", "ipc0 zephyr,ipc-icbmsg tx 0x2f0c2000+0x2000 rx 0x2f0c0000+0x2000 32/32 blocks of 236/236 initiator D32 tx<&cpuapp_bellboard 20> rx<&cpurad_bellboard 14> sim 20/14")]
        [InlineData("ra8p1-cpu0-same-channel.overlay", "ipc0 zephyr,ipc-icmsg tx 0x22070000+0x4000 rx 0x22074000+0x4000 ring 16376 D0 tx<&mbox0 0> rx<&mbox0 0> no-sim")]
        [InlineData("ra8p1-cpu1-same-channel.overlay", "ipc0 zephyr,ipc-icmsg tx 0x22074000+0x4000 rx 0x22070000+0x4000 ring 16376 D0 tx<&mbox0 0> rx<&mbox0 0> no-sim")]
        [InlineData("max32690-cm4-same-channel-icbmsg.overlay", "ipc0 zephyr,ipc-icbmsg tx 0x20070000+0x2000 rx 0x20072000+0x2000 8/8 blocks of 1004/1004 follower D0 tx<&mbox 0> rx<&mbox 0> no-sim")]
        [InlineData("max32690-rv32-same-channel-icbmsg.overlay", "ipc0 zephyr,ipc-icbmsg tx 0x20072000+0x2000 rx 0x20070000+0x2000 8/8 blocks of 1004/1004 initiator D0 tx<&mbox 0> rx<&mbox 0> no-sim")]
        [InlineData("rp2350-core0-zero-cells.overlay", "ipc0 zephyr,ipc-icmsg tx 0x20070000+0x8000 rx 0x20078000+0x8000 ring 32760 D0 tx<&mbox> rx<&mbox> no-sim")]
        [InlineData("rp2350-core1-zero-cells.overlay", "ipc0 zephyr,ipc-icmsg tx 0x20078000+0x8000 rx 0x20070000+0x8000 ring 32760 D0 tx<&mbox> rx<&mbox> no-sim")]
        [InlineData("two-cell-specifiers.overlay", "ipc0 zephyr,ipc-icbmsg tx 0x20040000+0x1000 rx 0x20041000+0x1000 8/8 blocks of 492/492 follower D0 tx<&ipm 3 1> rx<&ipm 2 1> sim 3/2")]
        [InlineData("versal-apu-64bit-cells.overlay", "ipc0 zephyr,ipc-icbmsg tx 0x3ed40000+0x4000 rx 0x3ed44000+0x4000 24/24 blocks of 660/660 follower D64 tx<&ipi_apu 1> rx<&ipi_apu 0> sim 1/0")]
        [InlineData("label-on-reference.overlay", "cpuapp_cpurad_ipc_b zephyr,ipc-icbmsg tx 0x2f0c4000+0x1000 rx 0x2f0c5000+0x1000 8/8 blocks of 492/492 follower D0 tx<&cpurad_bellboard 15> rx<&cpuapp_bellboard 21> sim 15/21")]
        public void Loads_complete_with_its_layout_and_no_diagnostics(string name, string expected)
        {
            BoardFile board = Load(name);
            Assert.True(board.Diagnostics.Count == 0, string.Join("\n", board.Diagnostics));
            Assert.Equal(expected, Describe(Assert.Single(board.CompleteInstances)));
        }

        [Theory]
        [InlineData("nrf54l15-cpuapp-vevif.overlay", "nrf54l15-cpuapp-vevif.overlay:44:22: warning: node &cpuflpr_vpr, property 'execution-memory': &cpuflpr_code_partition is not defined in this file (it is in the base devicetree: pass --base build/zephyr/zephyr.dts to check it); the IPC tools do not use this property")]
        [InlineData("nrf7120-cpuapp-vevif-pinctrl.overlay",
            "nrf7120-cpuapp-vevif-pinctrl.overlay:7:1: warning: #include <nordic/nrf7120_pinctrl.h> skipped (no --include-dir given): it comes with Zephyr or the SoC's base devicetree; pass --include-dir DIR to resolve it, or --base build/zephyr/zephyr.dts for the whole tree",
            "nrf7120-cpuapp-vevif-pinctrl.overlay:15:10: warning: node /aliases, property 'led0': &led0 is not defined in this file (it is in the base devicetree: pass --base build/zephyr/zephyr.dts to check it); the IPC tools do not use this property",
            "nrf7120-cpuapp-vevif-pinctrl.overlay:41:13: warning: node &pinctrl/uart20_default/group1, property 'psels': value not read: NRF_PSEL is not defined (a macro of a Zephyr header: pass --include-dir DIR to resolve it); the IPC tools do not use this property")]
        [InlineData("stm32h747-cm7-memory-attr.overlay",
            "stm32h747-cm7-memory-attr.overlay:6:1: warning: #include <zephyr/dt-bindings/memory-attr/memory-attr-arm.h> skipped (no --include-dir given): it comes with Zephyr or the SoC's base devicetree; pass --include-dir DIR to resolve it, or --base build/zephyr/zephyr.dts for the whole tree",
            "stm32h747-cm7-memory-attr.overlay:35:26: warning: node &sram4, property 'zephyr,memory-attr': value not read: DT_MEM_ARM is not defined (a macro of a Zephyr header: pass --include-dir DIR to resolve it); the IPC tools do not use this property")]
        [InlineData("stm32h747-cm4-memory-attr.overlay",
            "stm32h747-cm4-memory-attr.overlay:5:1: warning: #include <zephyr/dt-bindings/memory-attr/memory-attr-arm.h> skipped (no --include-dir given): it comes with Zephyr or the SoC's base devicetree; pass --include-dir DIR to resolve it, or --base build/zephyr/zephyr.dts for the whole tree",
            "stm32h747-cm4-memory-attr.overlay:29:26: warning: node &sram4, property 'zephyr,memory-attr': value not read: DT_MEM_ARM is not defined (a macro of a Zephyr header: pass --include-dir DIR to resolve it); the IPC tools do not use this property")]
        public void What_is_not_ours_is_a_warning_and_the_instance_still_loads(string name, params string[] expected)
        {
            BoardFile board = Load(name);
            Assert.Equal(expected, board.Diagnostics.Select(d => d.ToString()));
            BoardInstance instance = Assert.Single(board.CompleteInstances);
            Assert.True(instance.MapsToSimLink);
        }

        [Fact]
        public void Include_dir_resolves_the_header_guards_and_function_like_macro()
        {
            string include = Fixture("include");
            BoardFile board = TestSupport.Bounded(() => BoardLoader.Load(Fixture("stm32h747-cm7-memory-attr.overlay"), "cm7.overlay", new ReadOptions { IncludeDirectories = new[] { include } }));
            Assert.Equal(new[] { "cm7.overlay:12:21: warning: node /chosen, property 'zephyr,ipc_shm': &sram4 is not defined in this file (it is in the base devicetree: pass --base build/zephyr/zephyr.dts to check it); the IPC tools do not use this property" }
                .Take(0), board.Diagnostics.Select(d => d.ToString()));
            Assert.Equal(1u << 20, board.Tree!.FindLabel("sram4")!.GetProperty("zephyr,memory-attr")!.SingleNumber());
        }

        [Theory]
        [InlineData("nrf54h20-cpuapp-icbmsg-base-instance.overlay", "nrf54h20-cpuapp-icbmsg-base-instance.overlay:7:7: warning: node &cpuapp_cpurad_ipc: incomplete instance &cpuapp_cpurad_ipc, &ipc0: tx-region, rx-region, mboxes, mbox-names not in this file; defined in the base devicetree: pass --base build/zephyr/zephyr.dts")]
        [InlineData("nrf54h20-cpuapp-cpuppr-status-only.overlay", "nrf54h20-cpuapp-cpuppr-status-only.overlay:6:7: warning: node &cpuapp_cpuppr_ipc: incomplete instance &cpuapp_cpuppr_ipc, &ipc0: compatible, tx-region, rx-region, mboxes, mbox-names not in this file; defined in the base devicetree: pass --base build/zephyr/zephyr.dts")]
        [InlineData("base-regions-only.overlay", "base-regions-only.overlay:5:1: warning: node &cpuapp_cpurad_ipc: incomplete instance &cpuapp_cpurad_ipc: compatible, tx-region (&cpuapp_cpurad_ram0x_region_tx), rx-region (&cpuapp_cpurad_ram0x_region_rx), mboxes, mbox-names not in this file; defined in the base devicetree: pass --base build/zephyr/zephyr.dts")]
        public void Incomplete_alone_with_one_message_naming_the_base_devicetree(string name, string expected)
        {
            BoardFile board = Load(name);
            Assert.Equal(expected, Assert.Single(board.Diagnostics).ToString());
            Assert.Empty(board.CompleteInstances);
        }

        [Theory]
        [InlineData("region-overlap-error.overlay", "region-overlap-error.overlay:19:3: error: node /ipc0, property 'rx-region': rx-region &sram_rx 0x20070700..0x20070F00 (0x800 bytes) overlaps tx-region &sram_tx 0x20070000..0x20070800 (0x800 bytes): expected two separate regions")]
        [InlineData("two-cell-specifier-short.overlay", "two-cell-specifier-short.overlay:29:25: error: node /ipc0, property 'mboxes': the specifier &ipm 2 has 1 cell(s): expected 2 cell(s) (#mbox-cells of &ipm at two-cell-specifier-short.overlay:11:4)")]
        public void A_real_error_in_the_IPC_part_is_located(string name, string expected)
        {
            Assert.Equal(expected, Assert.Single(Load(name).Diagnostics).ToString());
        }

        [Fact]
        public void With_its_base_the_incomplete_overlay_loads_completely()
        {
            BoardFile board = Load("nrf54h20-cpuapp-icbmsg-base-instance.overlay", "nrf54h20-base.dts");
            Assert.True(board.Diagnostics.Count == 0, string.Join("\n", board.Diagnostics));
            BoardInstance? instance = board.FindInstance("ipc0");
            Assert.NotNull(instance);
            Assert.Equal("ipc-1-2 zephyr,ipc-icbmsg tx 0x2f0c0000+0x2000 rx 0x2f0c2000+0x2000 16/18 blocks of 488/432 follower D32 tx<&cpurad_bellboard 12> rx<&cpuapp_bellboard 18> sim 12/18", Describe(instance));
            Assert.Same(instance, board.FindInstance("cpuapp_cpurad_ipc"));

            BoardFile regions = Load("base-regions-only.overlay", "nrf54h20-base.dts");
            Assert.True(regions.Diagnostics.Count == 0, string.Join("\n", regions.Diagnostics));
            Assert.Empty(regions.CompleteInstances);   // the base keeps it disabled
        }

        [Theory]
        [InlineData("nrf54l15-cpuapp-vevif.overlay", "nrf54l15-cpuflpr-vevif.overlay", 2)]
        [InlineData("nrf54lm20-cpuapp-vevif-icbmsg.overlay", "nrf54lm20-cpuflpr-vevif-icbmsg.overlay", 2)]
        [InlineData("nrf54h20-cpuapp-bellboard-icbmsg.overlay", "nrf54h20-cpurad-bellboard-icbmsg.overlay", 0)]
        [InlineData("ra8p1-cpu0-same-channel.overlay", "ra8p1-cpu1-same-channel.overlay", 0)]
        [InlineData("max32690-cm4-same-channel-icbmsg.overlay", "max32690-rv32-same-channel-icbmsg.overlay", 0)]
        [InlineData("rp2350-core0-zero-cells.overlay", "rp2350-core1-zero-cells.overlay", 0)]
        [InlineData("stm32h747-cm7-memory-attr.overlay", "stm32h747-cm4-memory-attr.overlay", 0)]
        public void Pairs_mirror_and_say_what_they_cannot_prove(string a, string b, int unproven)
        {
            PairReport report = PairChecker.Check(Load(a), Load(b));
            Assert.True(report.Mirrors, string.Join("\n", report.Mismatches));
            Assert.Equal(0, Cli("boards", "check", Fixture(a), Fixture(b)).Exit);
            Assert.Single(report.Pairs);
            Assert.Equal(unproven, report.Mismatches.Count(m => m.Severity == Diagnostics.DiagnosticSeverity.Warning && m.Message.Contains("cannot prove that")));
        }

        [Fact]
        public void A_wrong_channel_on_the_same_device_is_a_mismatch()
        {
            string dir = TestSupport.TempDirectory();
            string other = Path.Combine(dir, "cpurad.overlay");
            File.WriteAllText(other, File.ReadAllText(Fixture("nrf54h20-cpurad-bellboard-icbmsg.overlay")).Replace("<&cpurad_bellboard 14>", "<&cpurad_bellboard 15>"));
            PairReport report = PairChecker.Check(Load("nrf54h20-cpuapp-bellboard-icbmsg.overlay"), BoardLoader.Load(other));
            Assert.False(report.Mirrors);
            Assert.Contains(report.Mismatches, m => m.Message == "this side rings &cpurad_bellboard 14, the other side listens on &cpurad_bellboard 15: on the same device both must name the same channel");
        }

        [Fact]
        public void Two_incomplete_files_do_not_prove_a_vacuous_mirror()
        {
            PairReport report = PairChecker.Check(Load("nrf54h20-cpuapp-cpuppr-status-only.overlay"), Load("nrf54h20-cpuapp-cpuppr-status-only.overlay"));
            Assert.False(report.Mirrors);
            Assert.Contains("cannot prove the pair", Assert.Single(report.Mismatches).Message);
        }

        private static (int Exit, string Output, string Error) Cli(params string[] args)
        {
            RootCommand root = new RootCommand("test");
            root.Subcommands.Add(BoardsCommand.Create());
            root.Subcommands.Add(RunCommand.Create());
            StringWriter output = new StringWriter();
            StringWriter error = new StringWriter();
            int exit = TestSupport.Bounded(() => root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error }), 60);
            return (exit, output.ToString(), error.ToString());
        }

        [Fact]
        public void Show_check_and_generate_work_on_every_fixture_and_show_exits_1_without_a_complete_instance()
        {
            string repo = TestSupport.TempDirectory();
            Directory.CreateDirectory(Path.Combine(repo, "firmware"));
            Directory.CreateDirectory(Path.Combine(repo, "boards", "soc"));
            foreach (string path in Directory.GetFiles(Dir, "*.overlay"))
            {
                string name = Path.GetFileName(path);
                BoardFile board = Load(name);
                bool usable = !board.HasErrors && board.CompleteInstances.Any();
                (int exit, string output, string _) = Cli("boards", "show", path);
                Assert.True(exit == (usable ? 0 : 1), name + " exit " + exit + "\n" + output);
                if (!usable)
                {
                    Assert.Equal(1, Cli("boards", "check", path, path).Exit);
                }
                if (usable)
                {
                    string copy = Path.Combine(repo, "boards", "soc", name);
                    File.Copy(path, copy, true);
                    BoardInstance instance = board.CompleteInstances.First();
                    (int Exit, string Output, string Error) generated = Cli("boards", "generate", copy, "--instance", instance.Node.Labels.LastOrDefault() ?? instance.Name, "--repo", repo);
                    Assert.True(generated.Exit == 0, name + ": " + generated.Error);
                }
            }

            Assert.Equal(18, Directory.GetFiles(Path.Combine(repo, "firmware", "Boards"), "*.cs", SearchOption.AllDirectories).Length);
        }

        [Fact]
        public void Show_with_base_exits_0_and_instance_takes_a_label()
        {
            (int exit, string output, string error) = Cli("boards", "show", Fixture("nrf54h20-cpuapp-icbmsg-base-instance.overlay"), "--base", Fixture("nrf54h20-base.dts"), "--instance", "ipc0");
            Assert.True(exit == 0, output + error);
            Assert.Contains("role: follower", output);
            Assert.Contains("ring rd / wr / data", Cli("boards", "show", Fixture("nrf54l15-cpuapp-vevif.overlay")).Output);
            Assert.Equal(1, Cli("boards", "show", Fixture("nrf54h20-cpuapp-icbmsg-base-instance.overlay")).Exit);
            Assert.Equal(0, Cli("boards", "show", Fixture("label-on-reference.overlay"), "--instance", "ipc1").Exit);
        }

        [Fact]
        public void Run_refuses_a_mailbox_the_sim_link_cannot_map_and_names_the_way_to_run_it()
        {
            (int exit, string _, string error) = Cli("run", "--board", Fixture("ra8p1-cpu0-same-channel.overlay"), "--shm", Path.Combine(TestSupport.TempDirectory(), "x.shm"), "--mode", "echo");
            Assert.Equal(ExitCodes.Setup, exit);
            Assert.Contains("tx &mbox0 0 and rx &mbox0 0 both map to channel 0", error);
            Assert.Contains("pass --tx-channel N --rx-channel M", error);
            Assert.Contains("nf-sim demo --board FILE", error);
            string zero = Cli("run", "--board", Fixture("rp2350-core0-zero-cells.overlay"), "--shm", Path.Combine(TestSupport.TempDirectory(), "x.shm"), "--mode", "echo").Error;
            Assert.Contains("tx &mbox and rx &mbox do not both name a channel number", zero);
        }

        [Fact]
        public void Demo_runs_a_same_channel_pair_on_in_process_lines()
        {
            IReadOnlyList<DemoInstance>? instances = DemoCommand.LoadInstances(Fixture("max32690-cm4-same-channel-icbmsg.overlay"));
            Assert.NotNull(instances);
            using DemoRun run = new NfIcbmsg.Sim.Demo.DemoRun(instances, 50, 8, 256, 10000);
            Assert.True(run.Bind());
            Assert.True(run.Exchange(_ => { }));
            Assert.Equal(run.TotalMessages, run.TotalVerified);
        }

        [Fact]
        public void A_zephyr_dts_sized_base_of_10000_lines_loads_in_well_under_a_second()
        {
            StringBuilder text = new StringBuilder(File.ReadAllText(Fixture("nrf54h20-base.dts")));
            text.Append("/ {\n\tsoc {\n");
            int lines = 0;
            for (int i = 0; lines < 10000; i++)
            {
                text.Append("\t\tperiph" + i + ": peripheral@" + (0x50000000 + i * 0x1000).ToString("x") + " {\n\t\t\tcompatible = \"vendor,thing\";\n\t\t\treg = < 0x" + (0x50000000 + i * 0x1000).ToString("x")
                    + " 0x1000 >;\n\t\t\tinterrupts = < " + (i % 200) + " 0x1 >;\n\t\t\tclocks = < &cpuapp_bellboard >;\n\t\t\tstatus = \"disabled\";\n\t\t\tphandle = < 0x" + (i + 16).ToString("x") + " >;\n\t\t};\n");
                lines += 8;
            }

            text.Append("\t};\n};\n");
            string dir = TestSupport.TempDirectory();
            string basePath = Path.Combine(dir, "zephyr.dts");
            File.WriteAllText(basePath, text.ToString());
            ReadOptions options = new ReadOptions { Bases = new[] { basePath } };
            BoardLoader.Load(Fixture("nrf54h20-cpuapp-icbmsg-base-instance.overlay"), "warm.overlay", options);
            Stopwatch clock = Stopwatch.StartNew();
            BoardFile board = TestSupport.Bounded(() => BoardLoader.Load(Fixture("nrf54h20-cpuapp-icbmsg-base-instance.overlay"), "app.overlay", options));
            clock.Stop();
            _log.WriteLine("base of " + text.ToString().Split('\n').Length + " lines: loaded with the overlay in " + clock.ElapsedMilliseconds + " ms");
            Assert.True(board.FindInstance("ipc0")!.IsComplete, string.Join("\n", board.Diagnostics));
        }
    }
}
