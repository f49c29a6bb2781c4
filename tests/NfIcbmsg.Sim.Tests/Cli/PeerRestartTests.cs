using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using NfIcbmsg.Sim.Tests.Support;
using Xunit;

namespace NfIcbmsg.Sim.Tests.Cli
{
    /// <summary>
    /// A plain ICMsg instance in a session mode survives a restart of its peer: a long-running echo
    /// keeps serving while its peer is killed mid-stream and started again on the same file; it
    /// registers again after the unbound, reports each event, and the new peer's pings are all echoed
    /// and verified (no echo of the old session lands in the new one).
    /// </summary>
    public sealed class PeerRestartTests
    {
        private const string Instance = "ipc2";
        private const int ProcessTimeoutMs = 60000;

        [Theory]
        [InlineData("enable", true)]
        [InlineData("enable", false)]
        [InlineData("detect", true)]
        [InlineData("detect", false)]
        public void TrafficResumesAfterThePeerIsKilledAndStartedAgain(string mode, bool echoOnRemote)
        {
            using TempDirectory temp = new TempDirectory();
            string shm = temp.File("ipc2.shm");
            string portBase = PortBases.Next().ToString();
            string echoBoard = echoOnRemote ? Repository.RemoteBoard : Repository.LocalBoard;
            string peerBoard = echoOnRemote ? Repository.LocalBoard : Repository.RemoteBoard;
            using SimProcess echo = SimProcess.Start("run", "--board", echoBoard, "--instance", Instance, "--shm", shm, "--port-base", portBase, "--unbound", mode, "--mode", "echo", "--count", "0", "--idle", "3000", "--json");
            Thread.Sleep(300);
            using (SimProcess first = SimProcess.Start(PeerArgs(peerBoard, shm, portBase, mode, "1000000")))
            {
                // Mid-stream: once the echo is bound and has served a while, the peer dies without closing.
                Assert.True(echo.WaitForError("event: ep0: ", ProcessTimeoutMs), echo.ErrorSoFar);
                Thread.Sleep(500);
            }

            // The new peer pings: each round trip waits for its echo, so every one is verified.
            string[] ping = PeerArgs(peerBoard, shm, portBase, mode, "300");
            ping[Array.IndexOf(ping, "source")] = "ping";
            SimResult second = SimProcess.Run(ProcessTimeoutMs, ping);
            SimResult served = echo.Wait(ProcessTimeoutMs);

            Assert.True(second.ExitCode == 0, second.ToString());
            Assert.True(second.Json.GetProperty("verified").GetBoolean(), second.ToString());
            Assert.Equal(300, second.Json.GetProperty("endpoints")[0].GetProperty("latency").GetProperty("count").GetInt32());

            Assert.True(served.ExitCode == 0, served.ToString());
            JsonElement ep0 = served.Json.GetProperty("endpoints")[0];
            Assert.True(ep0.GetProperty("received").GetInt32() > 300, served.ToString());
            string[] events = ep0.GetProperty("events").EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToArray();
            Assert.True(events.Count(e => e.EndsWith(" bound")) >= 2, served.ToString());
            Assert.Contains(events, e => e.Contains("unbound"));
            Assert.Contains("event: ep0: ", served.Error);
            Assert.Contains("unbound (the peer closed its session)", served.Error);
        }

        private static string[] PeerArgs(string board, string shm, string portBase, string mode, string count)
        {
            return new[] { "run", "--board", board, "--instance", Instance, "--shm", shm, "--port-base", portBase, "--unbound", mode, "--mode", "source", "--count", count, "--size", "8-100", "--json" };
        }
    }
}
