using System.Linq;
using NfIcbmsg.Devicetree.Boards;
using NfIcbmsg.Devicetree.Diagnostics;
using Xunit;

namespace NfIcbmsg.Devicetree.Tests
{
    /// <summary>
    /// Every validation rule with one failing example and its exact message. Each case appends an
    /// overlay block (from line 24 on) to one valid board, so the lines of the base stay put.
    /// </summary>
    public class ValidationTests
    {
        private const string Valid =
            "/ {\n" +                                  // 1
            "\treserved-memory {\n" +                  // 2
            "\t\ttx: memory@20070000 {\n" +            // 3
            "\t\t\treg = <0x20070000 0x800>;\n" +      // 4
            "\t\t};\n" +                               // 5
            "\t\trx: memory@20078000 {\n" +            // 6
            "\t\t\treg = <0x20078000 0x800>;\n" +      // 7
            "\t\t};\n" +                               // 8
            "\t};\n" +                                 // 9
            "\tmbox: mbox {\n" +                       // 10
            "\t\tcompatible = \"nf,sim-mbox\";\n" +    // 11
            "\t\t#mbox-cells = <1>;\n" +               // 12
            "\t};\n" +                                 // 13
            "\tipc0: ipc0 {\n" +                       // 14
            "\t\tcompatible = \"zephyr,ipc-icbmsg\";\n" + // 15
            "\t\ttx-region = <&tx>;\n" +               // 16
            "\t\trx-region = <&rx>;\n" +               // 17
            "\t\ttx-blocks = <16>;\n" +                // 18
            "\t\trx-blocks = <32>;\n" +                // 19
            "\t\tmboxes = <&mbox 0>, <&mbox 1>;\n" +   // 20
            "\t\tmbox-names = \"tx\", \"rx\";\n" +     // 21
            "\t};\n" +                                 // 22
            "};\n";                                    // 23

        private const string ToIcmsg = "&ipc0 { compatible = \"zephyr,ipc-icmsg\"; /delete-property/ tx-blocks; /delete-property/ rx-blocks; ";

        private static BoardFile Load(string appended)
        {
            return TestSupport.Bounded(() => BoardLoader.LoadText(Valid + appended, "v.overlay"));
        }

        private static string Only(string appended)
        {
            BoardFile board = Load(appended);
            Assert.True(board.Diagnostics.Count == 1, "expected one diagnostic, got:\n" + string.Join("\n", board.Diagnostics));
            return board.Diagnostics[0].ToString();
        }

        [Fact]
        public void The_base_board_is_valid()
        {
            BoardFile board = Load(string.Empty);
            Assert.Empty(board.Diagnostics);
            BoardInstance ipc0 = Assert.Single(board.EnabledInstances);
            Assert.True(ipc0.IsComplete);
        }

        [Theory]
        [InlineData("tx-region", "missing property: expected a phandle <&label> to a reserved-memory node with reg = <address size>")]
        [InlineData("rx-region", "missing property: expected a phandle <&label> to a reserved-memory node with reg = <address size>")]
        [InlineData("tx-blocks", "missing property: expected a block count 1..256, as tx-blocks = <N>;")]
        [InlineData("rx-blocks", "missing property: expected a block count 1..256, as rx-blocks = <N>;")]
        [InlineData("mboxes", "missing property: expected two mailbox specifiers, as mboxes = <&mbox 0>, <&mbox 1>;")]
        [InlineData("mbox-names", "missing property: expected mbox-names = \"tx\", \"rx\"; naming the channels of mboxes in order")]
        public void Missing_required_property(string property, string message)
        {
            Assert.Equal("v.overlay:14:8: error: node /ipc0, property '" + property + "': " + message, Only("&ipc0 { /delete-property/ " + property + "; };"));
        }

        [Fact]
        public void Duplicate_property_in_one_block()
        {
            Assert.Equal("v.overlay:26:3: error: node /ipc0, property 'tx-blocks': duplicate property: already assigned at v.overlay:25:3 in the same block; keep one assignment",
                Only("&ipc0 {\n\t\ttx-blocks = <16>;\n\t\ttx-blocks = <8>;\n};"));
        }

        [Theory]
        [InlineData("tx-blocks = \"16\";", "tx-blocks", "expected one cell <N> (a block count 1..256), found \"16\"")]
        [InlineData("tx-region = <0x20070000>;", "tx-region", "expected one phandle <&label> to a reserved-memory node, found <0x20070000>")]
        [InlineData("mboxes = <&mbox 0 1>;", "mboxes", "expected two mailbox specifiers, one for tx and one for rx, each a phandle and the device's #mbox-cells cells: mboxes = <&mbox 0>, <&mbox 1>; found <&mbox 0 1>")]
        public void Property_of_the_wrong_shape(string assignment, string property, string message)
        {
            Assert.Equal("v.overlay:24:9: error: node /ipc0, property '" + property + "': " + message, Only("&ipc0 { " + assignment + " };"));
        }

        [Fact]
        public void Unbound_value_must_be_a_mode()
        {
            Assert.Equal("v.overlay:24:100: error: node /ipc0, property 'unbound': expected \"disable\", \"enable\" or \"detect\", found \"sometimes\"",
                Only(ToIcmsg + "unbound = \"sometimes\"; };"));
        }

        [Fact]
        public void Region_node_without_reg()
        {
            Assert.Equal("v.overlay:16:3: error: node /ipc0, property 'tx-region': &tx (/reserved-memory/memory@20070000) has no reg: expected reg = <address size> on the region node",
                Only("&tx { /delete-property/ reg; };"));
        }

        [Fact]
        public void Regions_of_one_instance_overlap()
        {
            Assert.Equal("v.overlay:17:3: error: node /ipc0, property 'rx-region': rx-region &rx 0x20070400..0x20070C00 (0x800 bytes) overlaps tx-region &tx 0x20070000..0x20070800 (0x800 bytes): expected two separate regions",
                Only("&rx { reg = <0x20070400 0x800>; };"));
        }

        [Fact]
        public void Same_region_for_both_directions()
        {
            Assert.Equal("v.overlay:24:9: error: node /ipc0, property 'rx-region': rx-region is the same region as tx-region (&tx): expected a second region, one per direction",
                Only("&ipc0 { rx-region = <&tx>; };"));
        }

        [Fact]
        public void Region_overlaps_another_reserved_region()
        {
            Assert.Equal("v.overlay:17:3: error: node /ipc0, property 'rx-region': rx-region &rx 0x20078000..0x20078800 (0x800 bytes) overlaps reserved region /reserved-memory/memory@20078400 0x20078400..0x20078500 (0x100 bytes) (v.overlay:27:4): expected memory used by nothing else",
                Only("/ {\n\treserved-memory {\n\t\tother: memory@20078400 {\n\t\t\treg = <0x20078400 0x100>;\n\t\t};\n\t};\n};"));
        }

        [Fact]
        public void Region_overlaps_a_region_of_another_instance()
        {
            string ipc1 = "/ {\n\treserved-memory { r2: memory@20079000 { reg = <0x20079000 0x800>; }; };\n" +
                "\tipc1 {\n\t\tcompatible = \"zephyr,ipc-icbmsg\";\n\t\ttx-region = <&tx>;\n\t\trx-region = <&r2>;\n\t\ttx-blocks = <4>;\n\t\trx-blocks = <4>;\n\t\tmboxes = <&mbox 2>, <&mbox 3>;\n\t\tmbox-names = \"tx\", \"rx\";\n\t};\n};";
            Assert.Equal("v.overlay:28:3: error: node /ipc1, property 'tx-region': tx-region &tx 0x20070000..0x20070800 (0x800 bytes) is also used by instance /ipc0 (v.overlay:14:8): expected each instance to have regions of its own",
                Only(ipc1));
        }

        [Fact]
        public void Region_address_misaligned_for_the_cache_line()
        {
            Assert.Equal("v.overlay:24:7: error: node /reserved-memory/memory@20070000, property 'reg': address 0x20070010 is not aligned to 32 bytes (max(4, dcache-alignment) of instance /ipc0): expected e.g. 0x20070000 or 0x20070020",
                Only("&tx { reg = <0x20070010 0x7E0>; };\n&ipc0 { dcache-alignment = <32>; };"));
        }

        [Fact]
        public void Region_address_misaligned_without_cache()
        {
            Assert.Equal("v.overlay:24:7: error: node /reserved-memory/memory@20070000, property 'reg': address 0x20070002 is not aligned to 4 bytes (max(4, dcache-alignment) of instance /ipc0): expected e.g. 0x20070000 or 0x20070004",
                Only("&tx { reg = <0x20070002 0x7FC>; };"));
        }

        [Fact]
        public void Region_size_misaligned()
        {
            Assert.Equal("v.overlay:24:7: error: node /reserved-memory/memory@20070000, property 'reg': size 0x7FE is not a multiple of 4 bytes (max(4, dcache-alignment) of instance /ipc0): expected e.g. 0x7FC",
                Only("&tx { reg = <0x20070000 0x7FE>; };"));
        }

        [Fact]
        public void Dcache_alignment_not_a_power_of_two()
        {
            Assert.Equal("v.overlay:24:9: error: node /ipc0, property 'dcache-alignment': dcache-alignment 24 is not a power of two: expected the cache line size (4, 8, 16, 32, 64...) or no property",
                Only("&ipc0 { dcache-alignment = <24>; };"));
        }

        [Theory]
        [InlineData("tx-blocks", 0)]
        [InlineData("tx-blocks", 257)]
        [InlineData("rx-blocks", 300)]
        public void Block_count_outside_1_to_256(string property, int count)
        {
            Assert.Equal("v.overlay:24:9: error: node /ipc0, property '" + property + "': block count " + count + " is outside 1..256 (Zephyr's limit per region)",
                Only("&ipc0 { " + property + " = <" + count + ">; };"));
        }

        [Fact]
        public void Block_size_below_4_bytes()
        {
            Assert.Equal("v.overlay:16:3: error: node /ipc0, property 'tx-region': tx region &tx: block size comes out at 0 bytes (200 blocks in 416 bytes); at least 4 are needed",
                Only("&ipc0 { tx-blocks = <200>; rx-blocks = <1>; };"));
        }

        [Fact]
        public void Icmsg_area_cannot_hold_the_control_queue()
        {
            Assert.Equal("v.overlay:17:3: error: node /ipc0, property 'rx-region': rx region &rx: region of 512 bytes cannot hold the ICMsg control queue (536 bytes for 32+32 blocks) and any blocks",
                Only("&ipc0 { tx-blocks = <32>; };\n&rx { reg = <0x20078000 0x200>; };"));
        }

        [Theory]
        [InlineData("\"tx\", \"tz\"")]
        [InlineData("\"tx\", \"tx\"")]
        [InlineData("\"tx\"")]
        [InlineData("\"rx\", \"tx\", \"tx\"")]
        public void Mbox_names_other_than_tx_and_rx(string names)
        {
            Assert.Equal("v.overlay:24:9: error: node /ipc0, property 'mbox-names': expected \"tx\", \"rx\" (in the order of mboxes, either order), found " + names,
                Only("&ipc0 { mbox-names = " + names + "; };"));
        }

        [Fact]
        public void Unbound_on_icbmsg_is_a_warning()
        {
            BoardFile board = Load("&ipc0 { unbound = \"detect\"; };");
            Assert.False(board.HasErrors);
            Assert.Equal("v.overlay:24:9: warning: node /ipc0, property 'unbound': ignored by zephyr,ipc-icbmsg: ICBMsg always bonds in \"disable\" mode (docs/protocol.md §6.1); remove the property",
                Assert.Single(board.Diagnostics).ToString());
        }

        [Fact]
        public void Unknown_instance_compatible_is_a_warning()
        {
            BoardFile board = Load("&ipc0 { compatible = \"zephyr,ipc-icbmesg\"; };");
            Assert.False(board.HasErrors);
            Assert.Empty(board.Instances);
            Assert.Equal("v.overlay:24:9: warning: node /ipc0, property 'compatible': node has tx-region/rx-region but is not an IPC instance (compatible \"zephyr,ipc-icbmesg\"): expected compatible = \"zephyr,ipc-icbmsg\" or \"zephyr,ipc-icmsg\"; the node is ignored",
                Assert.Single(board.Diagnostics).ToString());
        }

        [Fact]
        public void A_vendor_mailbox_compatible_is_the_SoCs_own_mailbox()
        {
            BoardFile board = Load("&mbox { compatible = \"vendor,mbox\"; };");
            Assert.Empty(board.Diagnostics);
            BoardInstance? ipc0 = board.FindInstance("ipc0");
            Assert.NotNull(ipc0);
            Assert.Equal(MailboxKind.External, ipc0.Mailbox!.Kind);
            Assert.Equal("vendor,mbox", ipc0.Mailbox.Compatible);
            Assert.Equal("&mbox 0", ipc0.TxSpecifier!.ToString());
        }

        [Fact]
        public void Unknown_nf_mailbox_compatible_is_a_warning()
        {
            BoardFile board = Load("&mbox { compatible = \"nf,simmbox\"; };");
            Assert.False(board.HasErrors);
            Assert.Contains("v.overlay:24:9: warning: node /mbox, property 'compatible': unknown mailbox compatible \"nf,simmbox\": expected \"nf,gpio-mbox\" or \"nf,sim-mbox\" (or a label of the SoC's own mailbox); the tools cannot check its channels",
                board.Diagnostics.Select(d => d.ToString()));
        }

        [Fact]
        public void Unknown_nf_compatible_is_a_warning()
        {
            Assert.Equal("v.overlay:24:13: warning: node /thing, property 'compatible': unknown compatible \"nf,gpio-mailbox\": expected zephyr,ipc-icbmsg, zephyr,ipc-icmsg, nf,gpio-mbox or nf,sim-mbox; the node is ignored",
                Only("/ { thing { compatible = \"nf,gpio-mailbox\"; }; };"));
        }

        [Theory]
        [InlineData("detect", 0)]
        [InlineData("enable", 4)]
        public void Icmsg_session_modes_need_dcache_alignment_8(string mode, int alignment)
        {
            string dcache = alignment == 0 ? string.Empty : "dcache-alignment = <" + alignment + ">; ";
            Assert.Equal("v.overlay:24:100: error: node /ipc0, property 'unbound': unbound = \"" + mode + "\" needs dcache-alignment >= 8 (found " + alignment + "): Zephyr's pbuf refuses the handshake word otherwise (docs/protocol.md §3.2); set dcache-alignment = <8> or unbound = \"disable\"",
                Only(ToIcmsg + "unbound = \"" + mode + "\"; " + dcache + "};"));
        }

        [Fact]
        public void Icmsg_session_mode_with_dcache_alignment_8_is_valid()
        {
            BoardFile board = Load(ToIcmsg + "unbound = \"detect\"; dcache-alignment = <8>; };");
            Assert.Empty(board.Diagnostics);
        }

        [Fact]
        public void Block_counts_on_icmsg_are_a_warning()
        {
            Assert.Equal("v.overlay:25:9: warning: node /ipc0, property 'tx-blocks': ignored by zephyr,ipc-icmsg (one endpoint, payloads in the ring); remove the property or use zephyr,ipc-icbmsg",
                Only(ToIcmsg + "};\n&ipc0 { tx-blocks = <4>; };"));
        }

        [Fact]
        public void Same_channel_for_tx_and_rx()
        {
            Assert.Equal("v.overlay:24:9: error: node /ipc0, property 'mboxes': tx and rx are both channel 1: expected two different channels (the peer rings one, this side the other)",
                Only("&ipc0 { mboxes = <&mbox 1>, <&mbox 1>; };"));
        }

        [Fact]
        public void Channels_on_two_mailbox_devices()
        {
            Assert.Equal("v.overlay:24:9: error: node /ipc0, property 'mboxes': tx and rx use different mailbox devices (&mbox, &other): expected both channels on one device, whose channel numbers the peer shares",
                Only("&ipc0 { mboxes = <&mbox 0>, <&other 1>; };\n/ { other: other { compatible = \"nf,sim-mbox\"; }; };"));
        }

        [Fact]
        public void Channel_shared_by_two_instances()
        {
            string ipc1 = "/ {\n\treserved-memory { a: memory@20071000 { reg = <0x20071000 0x800>; }; b: memory@20079000 { reg = <0x20079000 0x800>; }; };\n" +
                "\tipc1 {\n\t\tcompatible = \"zephyr,ipc-icbmsg\";\n\t\ttx-region = <&a>;\n\t\trx-region = <&b>;\n\t\ttx-blocks = <4>;\n\t\trx-blocks = <4>;\n\t\tmboxes = <&mbox 1>, <&mbox 3>;\n\t\tmbox-names = \"tx\", \"rx\";\n\t};\n};";
            Assert.Equal("v.overlay:32:3: error: node /ipc1, property 'mboxes': channel 1 of &mbox is also used by instance /ipc0 (v.overlay:20:3): expected channels of its own for each instance",
                Only(ipc1));
        }

        [Fact]
        public void Gpio_mailbox_channel_without_pins()
        {
            Assert.Equal("v.overlay:24:9: error: node /ipc0, property 'mboxes': channel 2 has no pins: tx-pins/rx-pins of &gpio (v.overlay:25:11) list channels 0..1",
                Only("&ipc0 { mboxes = <&gpio 0>, <&gpio 2>; };\n/ { gpio: gpio { compatible = \"nf,gpio-mbox\"; tx-pins = <25 26>; rx-pins = <32 33>; }; };"));
        }

        [Theory]
        [InlineData("tx-pins = <25 26>; rx-pins = <32>;", "v.overlay:25:66: error: node /gpio, property 'rx-pins': lists 1 pins but tx-pins lists 2: expected one tx pin and one rx pin per channel")]
        [InlineData("tx-pins = <25 26>; rx-pins = <32 25>;", "v.overlay:25:47: error: node /gpio, property 'tx-pins': GPIO25 is listed twice in tx-pins/rx-pins: expected a pin of its own for each end of each channel")]
        [InlineData("rx-pins = <32 33>;", "v.overlay:25:11: error: node /gpio, property 'tx-pins': missing property: expected one GPIO number per channel, as tx-pins = <25 26>;")]
        public void Gpio_mailbox_pin_lists(string pins, string expected)
        {
            Assert.Equal(expected, Only("&ipc0 { mboxes = <&gpio 0>, <&gpio 1>; };\n/ { gpio: gpio { compatible = \"nf,gpio-mbox\"; " + pins + " }; };"));
        }

        [Fact]
        public void Sim_mailbox_port_out_of_range()
        {
            Assert.Equal("v.overlay:20:3: error: node /ipc0, property 'mboxes': channel 1 would be UDP port 65536: expected port-base + channel <= 65535",
                Only("&mbox { port-base = <65535>; };"));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(255)]
        public void Endpoint_count_outside_1_to_254(int count)
        {
            Assert.Equal("v.overlay:24:9: error: node /ipc0, property 'nf,endpoints': endpoint count " + count + " is outside 1..254 (endpoint addresses are one byte, 0xFE and 0xFF reserved)",
                Only("&ipc0 { nf,endpoints = <" + count + ">; };"));
        }

        [Fact]
        public void Duplicate_instance_names()
        {
            string other = "/ {\n\treserved-memory { a: memory@20071000 { reg = <0x20071000 0x800>; }; b: memory@20079000 { reg = <0x20079000 0x800>; }; };\n" +
                "\tgroup {\n\t\tipc0 {\n\t\t\tcompatible = \"zephyr,ipc-icbmsg\";\n\t\t\ttx-region = <&a>;\n\t\t\trx-region = <&b>;\n\t\t\ttx-blocks = <4>;\n\t\t\trx-blocks = <4>;\n\t\t\tmboxes = <&mbox 2>, <&mbox 3>;\n\t\t\tmbox-names = \"tx\", \"rx\";\n\t\t};\n\t};\n};";
            Assert.Equal("v.overlay:27:3: error: node /group/ipc0: instance name ipc0 is also used by /ipc0 (v.overlay:14:8): the peer's instance is found by name, so names must be unique",
                Only(other));
        }

        [Fact]
        public void Runtime_must_be_known()
        {
            Assert.Equal("v.overlay:24:5: error: node /, property 'nf,runtime': expected one of \"nanoframework\", \"native\", \"zephyr\", found \"micropython\"",
                Only("/ { nf,runtime = \"micropython\"; };"));
        }

        [Fact]
        public void Disabled_instances_are_ignored()
        {
            BoardFile board = Load("&ipc0 { status = \"disabled\"; tx-blocks = <999>; };");
            Assert.Empty(board.Diagnostics);
            Assert.False(Assert.Single(board.Instances).Enabled);
            Assert.Empty(board.EnabledInstances);
        }

        [Fact]
        public void A_region_whose_reg_is_in_the_base_devicetree_makes_the_instance_incomplete()
        {
            BoardFile board = Load("&ipc0 { tx-region = <&sram_base>; };\n&sram_base { status = \"okay\"; };");
            Assert.Equal("v.overlay:14:8: warning: node /ipc0: incomplete instance &ipc0: tx-region (&sram_base's reg) not in this file; defined in the base devicetree: pass --base build/zephyr/zephyr.dts",
                Assert.Single(board.Diagnostics).ToString());
            Assert.False(board.FindInstance("ipc0")!.IsComplete);
        }

        [Fact]
        public void A_region_label_of_the_base_devicetree_makes_the_instance_incomplete()
        {
            BoardFile board = Load("&ipc0 { rx-region = <&cpuapp_cpurad_ram0x_region>; };");
            Assert.Equal("v.overlay:14:8: warning: node /ipc0: incomplete instance &ipc0: rx-region (&cpuapp_cpurad_ram0x_region) not in this file; defined in the base devicetree: pass --base build/zephyr/zephyr.dts",
                Assert.Single(board.Diagnostics).ToString());
        }

        [Fact]
        public void An_undefined_macro_in_a_property_the_instance_needs_is_an_error_with_its_place()
        {
            Assert.Equal("v.overlay:24:22: error: node /ipc0, property 'tx-blocks': SRAM_BLOCKS is not defined: this property is needed for the IPC instance; #define it, or pass --include-dir DIR for the header that defines it",
                Only("&ipc0 { tx-blocks = <SRAM_BLOCKS>; };"));
        }

        [Fact]
        public void An_undefined_macro_or_label_elsewhere_is_a_warning_naming_the_base_devicetree()
        {
            BoardFile board = Load("&tx { zephyr,memory-attr = <( DT_MEM_ARM(DT_MEM_ARM_MPU_RAM_NOCACHE) )>; };\n/ { chosen { zephyr,console = &uart0; }; aliases { led0 = &led0; }; };");
            Assert.False(board.HasErrors);
            Assert.Equal(new[]
            {
                "v.overlay:25:31: warning: node /chosen, property 'zephyr,console': &uart0 is not defined in this file (it is in the base devicetree: pass --base build/zephyr/zephyr.dts to check it); the IPC tools do not use this property",
                "v.overlay:25:59: warning: node /aliases, property 'led0': &led0 is not defined in this file (it is in the base devicetree: pass --base build/zephyr/zephyr.dts to check it); the IPC tools do not use this property",
                "v.overlay:24:31: warning: node /reserved-memory/memory@20070000, property 'zephyr,memory-attr': value not read: DT_MEM_ARM is not defined (a macro of a Zephyr header: pass --include-dir DIR to resolve it); the IPC tools do not use this property",
            }, board.Diagnostics.Select(d => d.ToString()));
            Assert.True(board.FindInstance("ipc0")!.IsComplete);
        }

        [Fact]
        public void Every_finding_names_file_line_column_node_and_property()
        {
            BoardFile board = Load("&ipc0 { tx-blocks = <0>; mbox-names = \"a\", \"b\"; };");
            Assert.All(board.Diagnostics, d =>
            {
                Assert.Equal("v.overlay", d.Location.File);
                Assert.True(d.Location.Line > 0 && d.Location.Column > 0);
                Assert.NotNull(d.NodePath);
                Assert.NotNull(d.Property);
            });
            Assert.Equal(DiagnosticSeverity.Error, board.Diagnostics.Single().Severity);
        }
    }
}
