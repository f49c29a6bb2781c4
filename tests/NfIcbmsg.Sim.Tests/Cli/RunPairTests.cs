using System.Linq;
using System.Text.Json;
using System.Threading;
using NfIcbmsg.Sim.Tests.Support;
using Xunit;

namespace NfIcbmsg.Sim.Tests.Cli
{
    /// <summary>Two real `nf-sim run` processes over a real temp file and real UDP lines: every mode pair, both roles, both start orders.</summary>
    public sealed class RunPairTests
    {
        private const int Count = 200;
        private const int ProcessTimeoutMs = 30000;

        public static TheoryData<string, string, bool> Pairs()
        {
            TheoryData<string, string, bool> data = new TheoryData<string, string, bool>();
            foreach ((string a, string b) in new[] { ("source", "sink"), ("source", "echo"), ("ping", "echo") })
            {
                foreach (bool localFirst in new[] { true, false })
                {
                    data.Add(a, b, localFirst);
                    data.Add(b, a, localFirst);
                }
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(Pairs))]
        public void BothSidesVerifyEverything(string localMode, string remoteMode, bool localFirst)
        {
            using TempDirectory temp = new TempDirectory();
            string shm = temp.File("ipc0.shm");
            string portBase = PortBases.Next().ToString();
            string[] local = Args(Repository.LocalBoard, shm, portBase, localMode);
            string[] remote = Args(Repository.RemoteBoard, shm, portBase, remoteMode);
            using SimProcess first = SimProcess.Start(localFirst ? local : remote);
            Thread.Sleep(300);
            using SimProcess second = SimProcess.Start(localFirst ? remote : local);
            SimResult firstResult = first.Wait(ProcessTimeoutMs);
            SimResult secondResult = second.Wait(ProcessTimeoutMs);
            SimResult localResult = localFirst ? firstResult : secondResult;
            SimResult remoteResult = localFirst ? secondResult : firstResult;

            AssertVerified(localResult, localMode, "follower");
            AssertVerified(remoteResult, remoteMode, "initiator");
        }

        [Fact]
        public void ZeroCopySourceWithSeveralEndpointsAndSizeRange()
        {
            using TempDirectory temp = new TempDirectory();
            string shm = temp.File("ipc0.shm");
            string portBase = PortBases.Next().ToString();
            using SimProcess sink = SimProcess.Start("run", "--board", Repository.RemoteBoard, "--shm", shm, "--port-base", portBase, "--mode", "sink", "--endpoint", "ep0,ep1", "--count", "300", "--json");
            using SimProcess source = SimProcess.Start("run", "--board", Repository.LocalBoard, "--shm", shm, "--port-base", portBase, "--mode", "source", "--endpoint", "ep0", "--endpoint", "ep1", "--count", "300", "--size", "8-1500", "--zero-copy", "--json");
            SimResult sourceResult = source.Wait(ProcessTimeoutMs);
            SimResult sinkResult = sink.Wait(ProcessTimeoutMs);
            Assert.True(sourceResult.ExitCode == 0, sourceResult.ToString());
            Assert.True(sinkResult.ExitCode == 0, sinkResult.ToString());
            JsonElement[] endpoints = sinkResult.Json.GetProperty("endpoints").EnumerateArray().ToArray();
            Assert.Equal(new[] { "ep0", "ep1" }, endpoints.Select(e => e.GetProperty("name").GetString()));
            Assert.All(endpoints, e => Assert.Equal(300, e.GetProperty("received").GetInt32()));
            Assert.Equal(600, sinkResult.Json.GetProperty("statistics").GetProperty("messagesReceived").GetInt32());
        }

        private static string[] Args(string board, string shm, string portBase, string mode)
        {
            return new[] { "run", "--board", board, "--shm", shm, "--port-base", portBase, "--mode", mode, "--count", Count.ToString(), "--timeout", "10000", "--json" };
        }

        private static void AssertVerified(SimResult result, string mode, string role)
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            JsonElement report = result.Json;
            Assert.True(report.GetProperty("verified").GetBoolean(), result.ToString());
            Assert.Equal(mode, report.GetProperty("mode").GetString());
            Assert.Equal(role, report.GetProperty("role").GetString());
            JsonElement endpoint = report.GetProperty("endpoints")[0];
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
                    break;
                case "sink":
                    Assert.Equal(Count, endpoint.GetProperty("received").GetInt32());
                    Assert.Equal(Count, endpoint.GetProperty("streams")[0].GetProperty("messages").GetInt32());
                    break;
                case "echo":
                    Assert.Equal(Count, endpoint.GetProperty("received").GetInt32());
                    Assert.Equal(Count, endpoint.GetProperty("sent").GetInt32());
                    break;
                case "ping":
                    JsonElement latency = endpoint.GetProperty("latency");
                    Assert.Equal(Count, latency.GetProperty("count").GetInt32());
                    Assert.True(latency.GetProperty("p50Us").GetDouble() <= latency.GetProperty("p99Us").GetDouble());
                    Assert.True(latency.GetProperty("p99Us").GetDouble() <= latency.GetProperty("maxUs").GetDouble());
                    break;
            }
        }
    }
}
