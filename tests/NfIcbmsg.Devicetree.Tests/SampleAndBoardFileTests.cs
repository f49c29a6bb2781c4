using System.Collections.Generic;
using System.IO;
using System.Linq;
using NfIcbmsg.Devicetree.Boards;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Icmsg;
using Xunit;

namespace NfIcbmsg.Devicetree.Tests
{
    /// <summary>The Zephyr-style fixtures and our board files read, validate and give the numbers of docs/protocol.md.</summary>
    public class SampleAndBoardFileTests
    {
        public static IEnumerable<object[]> ZephyrFixtures()
        {
            return Directory.GetFiles(TestSupport.ZephyrFixturesDirectory, "*.overlay").OrderBy(f => f).Select(f => new object[] { Path.GetFileName(f) });
        }

        public static IEnumerable<object[]> BoardFiles()
        {
            return TestSupport.Catalog.BoardFiles().Select(f => new object[] { f });
        }

        [Fact]
        public void All_four_zephyr_style_fixtures_are_there()
        {
            Assert.Equal(4, ZephyrFixtures().Count());
        }

        [Theory]
        [MemberData(nameof(ZephyrFixtures))]
        public void Every_zephyr_style_fixture_reads_without_errors(string name)
        {
            BoardFile board = BoardLoader.Load(TestSupport.ZephyrFixture(name));
            Assert.True(board.Tree != null && !board.HasErrors, string.Join("\n", board.Diagnostics));
            Assert.NotEmpty(board.EnabledInstances);
            Assert.All(board.EnabledInstances, i => Assert.True(i.IsComplete));
        }

        [Theory]
        [MemberData(nameof(BoardFiles))]
        public void Every_board_file_reads_without_errors_or_warnings(string file)
        {
            BoardFile board = TestSupport.Catalog.Load(file);
            Assert.True(board.Diagnostics.Count == 0, string.Join("\n", board.Diagnostics));
            Assert.NotNull(board.Runtime);
            Assert.NotEmpty(board.EnabledInstances);
        }

        [Fact]
        public void Every_board_directory_is_one_pair_that_mirrors()
        {
            BoardCatalog catalog = TestSupport.Catalog;
            List<IGrouping<string?, string>> pairs = catalog.BoardFiles().GroupBy(f => Path.GetDirectoryName(f)).ToList();
            Assert.True(pairs.Count >= 4, "expected the sim, ESP32, ESP32-S3 and nRF5340 pairs at least");
            foreach (IGrouping<string?, string> pair in pairs)
            {
                string[] files = pair.ToArray();
                Assert.Equal(2, files.Length);
                PairReport report = PairChecker.Check(catalog.Load(files[0]), catalog.Load(files[1]));
                Assert.True(report.Mirrors, string.Join("\n", report.Mismatches));
                Assert.Empty(report.Mismatches);
            }
        }

        [Theory]
        [InlineData("nrf5340-app-icbmsg-two-instances.overlay", "boards/nrf5340dk/cpuapp.overlay")]
        [InlineData("nrf5340-net-icbmsg-two-instances.overlay", "boards/nrf5340dk/cpunet.overlay")]
        public void Nrf5340_boards_have_the_multi_endpoint_geometry(string sample, string board)
        {
            BoardFile zephyr = BoardLoader.Load(TestSupport.ZephyrFixture(sample));
            BoardFile ours = TestSupport.Catalog.Load(board);
            Assert.Equal(zephyr.EnabledInstances.Select(Describe), ours.EnabledInstances.Select(Describe));
        }

        /// <summary>docs/protocol.md §8.1 "other geometries": nrf5340 multi_endpoint, app side.</summary>
        [Theory]
        [InlineData("ipc0", 0x20070000u, 16, 24, 0, 1, 384, 1000, 352, 668)]
        [InlineData("ipc1", 0x20078000u, 32, 48, 2, 3, 768, 488, 832, 324)]
        public void Nrf5340_app_side_has_the_spec_layout(string name, uint tx, int txBlocks, int rxBlocks, int txChannel, int rxChannel, int txArea, int txBlock, int rxArea, int rxBlock)
        {
            BoardInstance? instance = BoardLoader.Load(TestSupport.ZephyrFixture("nrf5340-app-icbmsg-two-instances.overlay")).FindInstance(name);
            Assert.NotNull(instance);
            Assert.Equal("/ipc/" + name, instance.Path);
            Assert.Equal(BackendKind.Icbmsg, instance.Backend);
            Assert.Equal(tx, instance.TxRegion!.Address);
            Assert.Equal(tx + 0x4000u, instance.RxRegion!.Address);
            Assert.Equal(0x4000, instance.TxRegion.Size);
            Assert.Equal(txBlocks, instance.TxBlocks);
            Assert.Equal(rxBlocks, instance.RxBlocks);
            Assert.Equal(txChannel, instance.TxChannel);
            Assert.Equal(rxChannel, instance.RxChannel);
            Assert.Equal(MailboxKind.External, instance.Mailbox!.Kind);
            Assert.Equal("&mbox", instance.Mailbox.Name);

            InstanceLayout layout = InstanceLayout.Compute(instance);
            Assert.Null(layout.Error);
            Assert.Equal(txArea, layout.Tx!.IcmsgAreaSize);
            Assert.Equal(txBlock, layout.Tx.BlockSize);
            Assert.Equal(rxArea, layout.Rx!.IcmsgAreaSize);
            Assert.Equal(rxBlock, layout.Rx.BlockSize);
            Assert.False(layout.IsInitiator);
        }

        [Fact]
        public void Nrf5340_net_side_mirrors_the_app_side_and_initiates()
        {
            PairReport report = PairChecker.Check(
                BoardLoader.Load(TestSupport.ZephyrFixture("nrf5340-app-icbmsg-two-instances.overlay")),
                BoardLoader.Load(TestSupport.ZephyrFixture("nrf5340-net-icbmsg-two-instances.overlay")));
            Assert.True(report.Mirrors, string.Join("\n", report.Mismatches));
            Assert.Equal(new[] { "ipc0", "ipc1" }, report.Pairs.Select(p => p.Name));
            Assert.All(report.Pairs, p => Assert.Same(p.B, p.Initiator));
        }

        /// <summary>docs/protocol.md §8.1: the docs example geometry is the sim board's ipc0.</summary>
        [Fact]
        public void Sim_board_ipc0_is_the_worked_example_of_the_spec()
        {
            BoardInstance? x = TestSupport.Catalog.Load("boards/sim/local.overlay").FindInstance("ipc0");
            Assert.NotNull(x);
            InstanceLayout layout = InstanceLayout.Compute(x);
            RegionLayout? r1 = layout.Tx;
            Assert.NotNull(r1);
            RegionLayout? r2 = layout.Rx;
            Assert.NotNull(r2);
            Assert.Equal((0x20070000u, 0x800L, 0x20078000u, 0x800L), (x.TxRegion!.Address, x.TxRegion!.Size, x.RxRegion!.Address, x.RxRegion!.Size));
            Assert.Equal((408, 100, 448, 440, 0x200701C0u, 1596), (r1.IcmsgAreaMinimum, r1.BlockSize, r1.IcmsgAreaSize, r1.PacketDataLength, r1.BlocksAddress, r1.MaxMessageSize));
            Assert.Equal((408, 48, 512, 504, 0x20078200u, 1532), (r2.IcmsgAreaMinimum, r2.BlockSize, r2.IcmsgAreaSize, r2.PacketDataLength, r2.BlocksAddress, r2.MaxMessageSize));
            Assert.False(layout.IsInitiator);
            Assert.Equal((MailboxKind.Sim, 47300, 0, 1), (x.Mailbox!.Kind, x.Mailbox!.PortBase, x.TxChannel, x.RxChannel));
            Assert.Equal("udp 127.0.0.1:47301", x.Mailbox.DescribeChannel(1));
        }

        [Fact]
        public void Sim_board_has_a_second_instance_on_channels_2_and_3()
        {
            BoardFile local = TestSupport.Catalog.Load("boards/sim/local.overlay");
            Assert.Equal(new[] { "ipc0", "ipc1", "ipc2" }, local.EnabledInstances.Select(i => i.Name));
            BoardInstance? ipc1 = local.FindInstance("ipc1");
            Assert.NotNull(ipc1);
            Assert.Equal((2, 3), (ipc1.TxChannel, ipc1.RxChannel));
        }

        [Fact]
        public void Sim_board_has_a_plain_icmsg_instance_on_channels_4_and_5()
        {
            BoardInstance? ipc2 = TestSupport.Catalog.Load("boards/sim/local.overlay").FindInstance("ipc2");
            Assert.NotNull(ipc2);
            Assert.Equal((BackendKind.Icmsg, UnboundMode.Detect, 8L), (ipc2.Backend, ipc2.Unbound, ipc2.DcacheAlignment));
            Assert.Equal((4, 5), (ipc2.TxChannel, ipc2.RxChannel));
            Assert.Equal((0x20072000u, 0x2007A000u), (ipc2.TxRegion!.Address, ipc2.RxRegion!.Address));
        }

        [Fact]
        public void Ipc_sessions_sample_is_icmsg_detect_with_the_handshake_word()
        {
            BoardInstance? instance = BoardLoader.Load(TestSupport.ZephyrFixture("nrf5340-app-icmsg-sessions.overlay")).FindInstance("ipc0");
            Assert.NotNull(instance);
            Assert.Equal((BackendKind.Icmsg, UnboundMode.Detect, 8L), (instance.Backend, instance.Unbound, instance.DcacheAlignment));
            InstanceLayout layout = InstanceLayout.Compute(instance);
            Assert.Equal((8, 12, 0x8000 - 12), (layout.TxRing!.WriteIndexOffset, layout.TxRing!.DataOffset, layout.TxRing!.DataLength));
            Assert.True(layout.TxRing.HasHandshake);
            Assert.True(PairChecker.Check(
                BoardLoader.Load(TestSupport.ZephyrFixture("nrf5340-app-icmsg-sessions.overlay")),
                BoardLoader.Load(TestSupport.ZephyrFixture("nrf5340-net-icmsg-sessions.overlay"))).Mirrors);
        }

        [Theory]
        [InlineData("boards/esp32_devkitc/appcpu.overlay", 0x3FFB0000u, 0x40000000u, 25, 33)]
        [InlineData("boards/esp32s3_devkitc/procpu.overlay", 0x3FC88000u, 0x3FCF0000u, 4, 7)]
        public void Esp32_boards_place_regions_in_internal_dram_with_gpio_pins(string file, uint low, uint high, int txPin, int rxPin)
        {
            BoardFile board = TestSupport.Catalog.Load(file);
            Assert.Equal("nanoframework", board.Runtime);
            BoardInstance? instance = board.FindInstance("ipc0");
            Assert.NotNull(instance);
            foreach (MemoryRegion? region in new[] { instance.TxRegion, instance.RxRegion })
            {
                Assert.NotNull(region);
                Assert.InRange(region.Address, low, high - 1);
                Assert.InRange(region.End, low + 1, high);
            }

            Assert.Equal(MailboxKind.Gpio, instance.Mailbox!.Kind);
            Assert.Equal(txPin, instance.Mailbox.TxPins[instance.TxChannel]);
            Assert.Equal(rxPin, instance.Mailbox.RxPins[instance.RxChannel]);
        }

        [Theory]
        [MemberData(nameof(BoardFiles))]
        public void Board_instances_convert_to_instance_config(string file)
        {
            foreach (BoardInstance instance in TestSupport.Catalog.Load(file).EnabledInstances)
            {
                InstanceConfig config = instance.ToInstanceConfig();
                Assert.Equal((instance.Name, instance.TxRegion!.Address, instance.RxRegion!.Address, instance.TxChannel, instance.RxChannel), (config.Name, config.TxRegionAddress, config.RxRegionAddress, config.TxChannel, config.RxChannel));
                Assert.Equal((instance.Backend, (int)instance.DcacheAlignment), (config.Backend, config.DcacheAlignment));
                if (instance.Backend == BackendKind.Icmsg)
                {
                    Assert.Equal((0, 0, instance.Unbound), (config.TxBlocks, config.RxBlocks, config.Unbound));
                    continue;
                }

                Assert.Equal((int?)instance.TxBlocks, config.TxBlocks);
                Assert.Equal((int)instance.EndpointCount, config.EndpointCount);
                Assert.Equal(UnboundMode.Disable, config.Unbound);
            }
        }

        private static string Describe(BoardInstance i)
        {
            return i.Path + " " + i.Compatible + " " + i.TxRegion!.Range + " " + i.RxRegion!.Range + " " + i.TxBlocks + "/" + i.RxBlocks + " ch " + i.TxChannel + "/" + i.RxChannel + " " + i.Mailbox!.Name + " D" + i.DcacheAlignment;
        }
    }
}
