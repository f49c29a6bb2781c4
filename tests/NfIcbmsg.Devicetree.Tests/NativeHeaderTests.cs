using System.Collections.Generic;
using System.IO;
using System.Linq;
using NfIcbmsg.Devicetree.Boards;
using NfIcbmsg.Devicetree.Generation;
using Xunit;

namespace NfIcbmsg.Devicetree.Tests
{
    /// <summary>
    /// The C headers of the native peer: the committed ones are what the board files say now (the CI
    /// check), every board side gets one with the numbers of the board model, and the check names a
    /// header that a board change makes stale or that no board yields any more.
    /// </summary>
    public class NativeHeaderTests
    {
        [Fact]
        public void Committed_headers_are_current()
        {
            List<string> problems = TestSupport.Bounded(() => NativeHeaders.Check(TestSupport.Catalog));
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void Every_board_side_gets_a_header_and_a_registry_entry()
        {
            List<GeneratedFile> files = NativeHeaders.PlanAll(TestSupport.Catalog, new List<string>());
            Assert.Contains(files, f => f.Path == "firmware/NativePeer/generated/boards/sim_remote.h");
            Assert.Contains(files, f => f.Path == "firmware/NativePeer/generated/boards/esp32_devkitc_procpu.h");
            Assert.Contains(files, f => f.Path == "firmware/NativePeer/generated/boards/esp32s3_devkitc_appcpu.h");
            string registry = files.Single(f => f.Path == NativeHeaders.RegistryPath).Content;
            Assert.Contains("{\"sim/remote\", \"ipc2\", &nf_board_sim_remote_ipc2, NF_BOARD_SIM_REMOTE_IPC2_PORT_BASE},", registry);
            Assert.Contains("{\"nrf5340dk/cpunet\", \"ipc1\", &nf_board_nrf5340dk_cpunet_ipc1, NF_BOARD_NRF5340DK_CPUNET_IPC1_PORT_BASE},", registry);
        }

        [Fact]
        public void Header_carries_the_board_model_numbers()
        {
            string header = NativeHeaders.PlanAll(TestSupport.Catalog, new List<string>()).Single(f => f.Path.EndsWith("/sim_remote.h")).Content;
            // The mirror of the worked example of docs/protocol.md §8: regions, blocks and channels swapped.
            Assert.Contains("    .tx_region_address = 0x20078000u, .tx_region_size = 0x00000800u,\n", header);
            Assert.Contains("    .rx_region_address = 0x20070000u, .rx_region_size = 0x00000800u,\n", header);
            Assert.Contains("    .tx_blocks = 32, .rx_blocks = 16,\n", header);
            Assert.Contains("/* tx: 32 blocks of 48 bytes, largest message 1532; rx: 16 blocks of 100 bytes; role: initiator. */", header);
            Assert.Contains("    .unbound = NF_UNBOUND_DETECT,\n", header);
            Assert.Contains("    .dcache_alignment = 8,\n", header);
            Assert.Contains("#define NF_BOARD_SIM_REMOTE_IPC0_PORT_BASE 47300\n", header);
        }

        [Fact]
        public void Check_names_a_stale_and_an_orphaned_header()
        {
            string root = TestSupport.TempDirectory();
            Copy(TestSupport.Catalog.Full("boards"), Path.Combine(root, "boards"));
            Copy(TestSupport.Catalog.Full(NativeHeaders.Folder), Path.Combine(root, NativeHeaders.Folder));
            BoardCatalog copy = BoardCatalog.At(root);
            Assert.Empty(NativeHeaders.Check(copy));
            string local = copy.Full("boards/sim/local.overlay");
            File.WriteAllText(local, File.ReadAllText(local).Replace("tx-blocks = <16>;", "tx-blocks = <20>;"));
            File.WriteAllText(copy.Full(NativeHeaders.Folder + "/boards/gone.h"), "/* old */\n");
            List<string> problems = NativeHeaders.Check(copy);
            Assert.Contains("firmware/NativePeer/generated/boards/sim_local.h: not current with boards/sim/local.overlay: run `nf-sim boards generate --all` and commit it", problems);
            Assert.Contains(problems, p => p.StartsWith("firmware/NativePeer/generated/boards/gone.h: generated from no current board file"));
            NativeHeaders.Write(copy, NativeHeaders.PlanAll(copy, new List<string>()));
            File.Delete(copy.Full(NativeHeaders.Folder + "/boards/gone.h"));
            Assert.Empty(NativeHeaders.Check(copy));
        }

        private static void Copy(string from, string to)
        {
            foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            {
                string target = Path.Combine(to, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, true);
            }
        }
    }
}
