using System.Linq;
using System.Text.Json;
using System.Threading;
using NfIcbmsg.Sim.Tests.Support;
using Xunit;

namespace NfIcbmsg.Sim.Tests.Cli
{
    /// <summary>
    /// `run` and `inspect` on the sim board's plain ICMsg instance ipc2: one endpoint, payloads in the
    /// ring, at most 128 bytes a message (the peer's read buffer), no blocks and no zero-copy.
    /// </summary>
    public sealed class IcmsgRunTests
    {
        private const string Instance = "ipc2";
        private const int Count = 200;
        private const int ProcessTimeoutMs = 30000;

        [Theory]
        [InlineData("source", "8-100")]
        [InlineData("ping", "16")]
        public void BothSidesVerifyEverythingAgainstAnEcho(string mode, string size)
        {
            using TempDirectory temp = new TempDirectory();
            string shm = temp.File("ipc2.shm");
            string portBase = PortBases.Next().ToString();
            (SimResult local, SimResult remote) = RunPair(shm, portBase, mode, size);

            AssertVerified(local, mode);
            AssertVerified(remote, "echo");
        }

        [Fact]
        public void InspectDecodesTheRingsAfterARun()
        {
            using TempDirectory temp = new TempDirectory();
            string shm = temp.File("ipc2.shm");
            (SimResult local, SimResult remote) = RunPair(shm, PortBases.Next().ToString(), "source", "8-100");
            AssertVerified(local, "source");
            AssertVerified(remote, "echo");

            SimResult result = SimProcess.Run(ProcessTimeoutMs, "inspect", "--board", Repository.LocalBoard, "--instance", Instance, "--shm", shm, "--json");
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal("icmsg", result.Json.GetProperty("backend").GetString());
            Assert.Equal(Instance, result.Json.GetProperty("instance").GetString());
            JsonElement[] regions = result.Json.GetProperty("regions").EnumerateArray().ToArray();
            Assert.Equal(new[] { "tx", "rx" }, regions.Select(r => r.GetProperty("name").GetString()));
            Assert.Equal(new[] { 0x20072000u, 0x2007A000u }, regions.Select(r => r.GetProperty("address").GetUInt32()));
            foreach (JsonElement region in regions)
            {
                Assert.Equal(1024, region.GetProperty("size").GetInt32());
                Assert.Empty(region.GetProperty("blocks").EnumerateArray());
                JsonElement ring = region.GetProperty("ring");
                Assert.Equal(region.GetProperty("address").GetUInt32(), ring.GetProperty("address").GetUInt32());

                // dcache-alignment 8 with the handshake word: rd +0, hs +4, wr +8, data +12.
                Assert.Equal(1024 - 12, ring.GetProperty("dataLength").GetInt32());
                Assert.True(ring.GetProperty("indicesValid").GetBoolean());
                Assert.Equal(0, ring.GetProperty("occupied").GetInt32());
                Assert.Equal(ring.GetProperty("readIndex").GetUInt32(), ring.GetProperty("writeIndex").GetUInt32());
                Assert.Empty(ring.GetProperty("pending").EnumerateArray());

                // Both sides closed their session, which clears the handshake word (icmsg_close).
                Assert.Equal(0u, ring.GetProperty("handshake").GetUInt32());
            }

            Assert.Empty(result.Json.GetProperty("anomalies").EnumerateArray());

            // The other side's board sees the same two rings, swapped.
            SimResult mirrored = SimProcess.Run(ProcessTimeoutMs, "inspect", "--board", Repository.RemoteBoard, "--instance", Instance, "--shm", shm, "--json");
            Assert.True(mirrored.ExitCode == 0, mirrored.ToString());
            JsonElement[] swapped = mirrored.Json.GetProperty("regions").EnumerateArray().ToArray();
            Assert.Equal(new[] { 0x2007A000u, 0x20072000u }, swapped.Select(r => r.GetProperty("address").GetUInt32()));
            Assert.Equal(regions[0].GetProperty("ring").GetProperty("writeIndex").GetUInt32(), swapped[1].GetProperty("ring").GetProperty("writeIndex").GetUInt32());
        }

        [Fact]
        public void ZeroCopyIsRefusedBeforeAnythingStarts()
        {
            using TempDirectory temp = new TempDirectory();
            SimResult result = SimProcess.Run(ProcessTimeoutMs, "run", "--board", Repository.LocalBoard, "--instance", Instance, "--shm", temp.File("ipc2.shm"), "--port-base", PortBases.Next().ToString(), "--mode", "source", "--size", "8-100", "--zero-copy");
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains("--zero-copy needs an ICBMsg instance: ipc2 is a plain ICMsg instance", result.Error);
        }

        [Fact]
        public void SizesAboveThePeersReadBufferAreRefused()
        {
            using TempDirectory temp = new TempDirectory();
            SimResult result = SimProcess.Run(ProcessTimeoutMs, "run", "--board", Repository.LocalBoard, "--instance", Instance, "--shm", temp.File("ipc2.shm"), "--port-base", PortBases.Next().ToString(), "--mode", "source", "--size", "8-200");
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains("--size 8-200 exceeds the 128 bytes instance ipc2 carries from this side", result.Error);
        }

        /// <summary>The remote side echoes, started first; the local side runs <paramref name="mode"/>.</summary>
        private static (SimResult Local, SimResult Remote) RunPair(string shm, string portBase, string mode, string size)
        {
            using SimProcess echo = SimProcess.Start(Args(Repository.RemoteBoard, shm, portBase, "echo"));
            Thread.Sleep(300);
            using SimProcess sender = SimProcess.Start(Args(Repository.LocalBoard, shm, portBase, mode).Concat(new[] { "--size", size }).ToArray());
            SimResult local = sender.Wait(ProcessTimeoutMs);
            SimResult remote = echo.Wait(ProcessTimeoutMs);
            return (local, remote);
        }

        private static string[] Args(string board, string shm, string portBase, string mode)
        {
            return new[] { "run", "--board", board, "--instance", Instance, "--shm", shm, "--port-base", portBase, "--mode", mode, "--count", Count.ToString(), "--timeout", "10000", "--json" };
        }

        private static void AssertVerified(SimResult result, string mode)
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            JsonElement report = result.Json;
            Assert.True(report.GetProperty("verified").GetBoolean(), result.ToString());
            Assert.Equal(mode, report.GetProperty("mode").GetString());
            Assert.Equal(Instance, report.GetProperty("instance").GetString());
            Assert.True(!report.TryGetProperty("role", out JsonElement role) || role.ValueKind == JsonValueKind.Null, "an ICMsg instance has no initiator/follower role");
            JsonElement endpoint = report.GetProperty("endpoints").EnumerateArray().Single();
            Assert.Equal("ep0", endpoint.GetProperty("name").GetString());
            Assert.Equal(0, endpoint.GetProperty("failed").GetInt32());
            JsonElement statistics = report.GetProperty("statistics");
            Assert.Equal(0, statistics.GetProperty("rejected").GetInt32());
            Assert.Equal(0, statistics.GetProperty("txBlocksInUse").GetInt32());
            Assert.Equal(0, statistics.GetProperty("rxBlocksHeld").GetInt32());
            switch (mode)
            {
                case "source":
                    Assert.Equal(Count, endpoint.GetProperty("sent").GetInt32());
                    Assert.Equal(Count, endpoint.GetProperty("echoes").GetInt32());
                    break;
                case "echo":
                    Assert.Equal(Count, endpoint.GetProperty("received").GetInt32());
                    Assert.Equal(Count, endpoint.GetProperty("sent").GetInt32());
                    Assert.Equal(Count, statistics.GetProperty("messagesSent").GetInt32());
                    break;
                case "ping":
                    JsonElement latency = endpoint.GetProperty("latency");
                    Assert.Equal(Count, latency.GetProperty("count").GetInt32());
                    Assert.True(latency.GetProperty("p50Us").GetDouble() <= latency.GetProperty("p99Us").GetDouble());
                    break;
            }
        }
    }
}
