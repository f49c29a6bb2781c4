using System.Linq;
using System.Text.Json;
using System.Threading;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Platform;
using NfIcbmsg.Sim.Link;
using NfIcbmsg.Sim.Tests.Support;
using Xunit;

namespace NfIcbmsg.Sim.Tests.Cli
{
    /// <summary>`inspect` on files left in known states: what it decodes must be what was written.</summary>
    public sealed class InspectTests
    {
        private const int ProcessTimeoutMs = 20000;

        [Fact]
        public void DataThePeerHasNotReadIsDecodedWithItsBlocks()
        {
            using TempDirectory temp = new TempDirectory();
            string shm = temp.File("ipc0.shm");
            using (FilePair pair = new FilePair(shm))
            {
                (Endpoint local, Endpoint _) = pair.OpenBound("ep0");
                pair.Remote.Close();
                local.Send(new byte[10], 0, 10, 1000);
                local.Send(new byte[150], 0, 150, 1000);
            }

            SimResult result = SimProcess.Run(ProcessTimeoutMs, "inspect", "--board", Repository.LocalBoard, "--shm", shm, "--json");
            Assert.True(result.ExitCode == 0, result.ToString());
            JsonElement tx = result.Json.GetProperty("regions")[0];
            Assert.Equal("tx", tx.GetProperty("name").GetString());
            Assert.Equal(0x20070000u, tx.GetProperty("address").GetUInt32());
            JsonElement ring = tx.GetProperty("ring");
            Assert.True(ring.GetProperty("indicesValid").GetBoolean());
            Assert.Equal(16, ring.GetProperty("occupied").GetInt32());
            Assert.Equal((ring.GetProperty("readIndex").GetUInt32() + 16) % (uint)ring.GetProperty("dataLength").GetInt32(), ring.GetProperty("writeIndex").GetUInt32());
            JsonElement[] pending = ring.GetProperty("pending").EnumerateArray().ToArray();
            Assert.Equal(new[] { "DATA ep=0 blk=0", "DATA ep=0 blk=1" }, pending.Select(p => p.GetProperty("text").GetString()));
            Assert.All(pending, p => Assert.Equal(3, p.GetProperty("length").GetInt32()));

            JsonElement[] blocks = tx.GetProperty("blocks").EnumerateArray().ToArray();
            Assert.Equal(16, blocks.Length);
            Assert.Equal(100, tx.GetProperty("blockSize").GetInt32());
            Assert.Equal(("sent", 10u, 1), (blocks[0].GetProperty("state").GetString(), blocks[0].GetProperty("size").GetUInt32(), blocks[0].GetProperty("span").GetInt32()));
            Assert.Equal(("sent", 150u, 2), (blocks[1].GetProperty("state").GetString(), blocks[1].GetProperty("size").GetUInt32(), blocks[1].GetProperty("span").GetInt32()));
            Assert.Equal(1, blocks[2].GetProperty("firstBlock").GetInt32());
            Assert.Contains("DATA ep=0 blk=1", blocks[2].GetProperty("owner").GetString());
            Assert.All(blocks.Skip(3), b => Assert.Equal("unreferenced", b.GetProperty("state").GetString()));
            Assert.Empty(result.Json.GetProperty("anomalies").EnumerateArray());

            // The same file from the other side's board: the same packets, now in its rx region.
            SimResult mirrored = SimProcess.Run(ProcessTimeoutMs, "inspect", "--board", Repository.RemoteBoard, "--shm", shm, "--json");
            Assert.True(mirrored.ExitCode == 0, mirrored.ToString());
            JsonElement rx = mirrored.Json.GetProperty("regions")[1];
            Assert.Equal("rx", rx.GetProperty("name").GetString());
            Assert.Equal(2, rx.GetProperty("ring").GetProperty("pending").GetArrayLength());

            SimResult text = SimProcess.Run(ProcessTimeoutMs, "inspect", "--board", Repository.LocalBoard, "--shm", shm);
            Assert.True(text.ExitCode == 0, text.ToString());
            Assert.Contains("DATA ep=0 blk=1", text.Output);
            Assert.Contains("no anomalies", text.Output);
        }

        [Fact]
        public void AnEndpointNameInFlightIsReadFromItsBoundBlock()
        {
            using TempDirectory temp = new TempDirectory();
            string shm = temp.File("ipc0.shm");
            using (FilePair pair = new FilePair(shm))
            {
                pair.OpenBonded();
                pair.Local.Close();
                int sent = pair.Remote.Statistics.ControlMessagesSent;
                pair.Remote.RegisterEndpoint(new EndpointConfig("sensor"));
                Assert.True(SpinWait.SpinUntil(() => pair.Remote.Statistics.ControlMessagesSent > sent, 5000));
            }

            SimResult result = SimProcess.Run(ProcessTimeoutMs, "inspect", "--board", Repository.RemoteBoard, "--shm", shm, "--json");
            Assert.True(result.ExitCode == 0, result.ToString());
            JsonElement tx = result.Json.GetProperty("regions")[0];
            JsonElement bound = tx.GetProperty("ring").GetProperty("pending").EnumerateArray().Single();
            Assert.Equal("BOUND", bound.GetProperty("type").GetString());
            Assert.Equal(0, bound.GetProperty("endpoint").GetInt32());
            JsonElement block = tx.GetProperty("blocks")[bound.GetProperty("block").GetInt32()];
            Assert.Equal("sensor", block.GetProperty("endpointName").GetString());
            Assert.Equal(7u, block.GetProperty("size").GetUInt32());
        }

        [Fact]
        public void BrokenIndicesAndLengthsAreAnomalies()
        {
            using TempDirectory temp = new TempDirectory();
            string shm = temp.File("ipc0.shm");
            InstanceConfig local = BoardSide.Load(Repository.LocalBoard, "ipc0").Config;
            using (MappedFileMemory memory = MappedFileMemory.OpenOrCreate(shm, local.WindowBase, (int)local.WindowLength))
            {
                RegionLayout tx = RegionLayout.Compute(local.TxRegionAddress, local.TxRegionSize, local.TxBlocks, local.RxBlocks, 0);
                RegionLayout rx = RegionLayout.Compute(local.RxRegionAddress, local.RxRegionSize, local.RxBlocks, local.TxBlocks, 0);
                memory.WriteWord((int)(tx.Begin - memory.BaseAddress) + 4, 6);
                int ring = (int)(rx.Begin - memory.BaseAddress);
                memory.Write(ring + 8, new byte[] { 0x01, 0x00, 0x00, 0x00 }, 0, 4);
                memory.WriteWord(ring + 4, 8);
            }

            SimResult result = SimProcess.Run(ProcessTimeoutMs, "inspect", "--board", Repository.LocalBoard, "--shm", shm, "--json");
            Assert.True(result.ExitCode == 1, result.ToString());
            string[] anomalies = result.Json.GetProperty("anomalies").EnumerateArray().Select(a => a.GetString() ?? string.Empty).ToArray();
            Assert.Contains(anomalies, a => a.StartsWith("tx:") && a.Contains("wr_idx = 6 is not a multiple of 4"));
            Assert.Contains(anomalies, a => a.StartsWith("rx:") && a.Contains("claims 256 bytes, but only 4 are written"));
            Assert.False(result.Json.GetProperty("regions")[0].GetProperty("ring").GetProperty("indicesValid").GetBoolean());
        }

        [Fact]
        public void WatchRefreshesUntilItsTimeIsUp()
        {
            using TempDirectory temp = new TempDirectory();
            string shm = temp.File("ipc0.shm");
            using (FilePair pair = new FilePair(shm))
            {
                pair.OpenBound("ep0");
            }

            byte[] before = System.IO.File.ReadAllBytes(shm);
            SimResult result = SimProcess.Run(ProcessTimeoutMs, "inspect", "--board", Repository.LocalBoard, "--shm", shm, "--watch", "--json", "--for", "3", "--interval", "100");
            Assert.True(result.ExitCode == 0, result.ToString());
            string[] lines = result.Output.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length >= 2, result.ToString());
            Assert.All(lines, line => Assert.Equal("icbmsg", JsonDocument.Parse(line).RootElement.GetProperty("backend").GetString()));
            Assert.Equal(before, System.IO.File.ReadAllBytes(shm));
        }
    }
}
