using System.Linq;
using System.Text.Json;
using System.Threading;
using NfIcbmsg.Sim.Tests.Support;
using Xunit;

namespace NfIcbmsg.Sim.Tests.Cli
{
    /// <summary>
    /// `run` as a long-running peer: it keeps serving when the other side misbehaves (lost doorbells,
    /// an endpoint never bound, messages it cannot echo), stops at the first fault only when asked,
    /// shows its status while it runs, and ends with its report on SIGINT/SIGTERM.
    /// </summary>
    public sealed class ResilientRunTests
    {
        private const int ProcessTimeoutMs = 60000;

        [Theory]
        [InlineData(10)]
        [InlineData(100)]
        public void TrafficIsVerifiedWhenBothSidesLoseRings(int percent)
        {
            using TempDirectory temp = new TempDirectory();
            string shm = temp.File("ipc0.shm");
            string portBase = PortBases.Next().ToString();
            string drop = percent.ToString();
            using SimProcess echo = SimProcess.Start("run", "--board", Repository.RemoteBoard, "--shm", shm, "--port-base", portBase, "--mode", "echo", "--count", "500", "--drop-rings", drop, "--json");
            Thread.Sleep(300);
            using SimProcess source = SimProcess.Start("run", "--board", Repository.LocalBoard, "--shm", shm, "--port-base", portBase, "--mode", "source", "--count", "500", "--size", "8-600", "--drop-rings", drop, "--json");
            SimResult sourceResult = source.Wait(ProcessTimeoutMs);
            SimResult echoResult = echo.Wait(ProcessTimeoutMs);

            foreach (SimResult result in new[] { sourceResult, echoResult })
            {
                Assert.True(result.ExitCode == 0, result.ToString());
                JsonElement report = result.Json;
                Assert.True(report.GetProperty("verified").GetBoolean(), result.ToString());
                Assert.True(report.GetProperty("doorbellsDropped").GetInt64() > 0, result.ToString());
                Assert.True(report.GetProperty("statistics").GetProperty("idleRechecks").GetInt32() > 0, result.ToString());
                if (percent == 100)
                {
                    // Only doorbells from before bonding got through: everything after was found by re-checks.
                    Assert.True(report.GetProperty("doorbellsDropped").GetInt64() >= 50, result.ToString());
                    Assert.True(report.GetProperty("statistics").GetProperty("doorbellsReceived").GetInt32() <= report.GetProperty("doorbellDatagramsReceived").GetInt64(), result.ToString());
                }
            }

            Assert.Equal(500, sourceResult.Json.GetProperty("endpoints")[0].GetProperty("echoes").GetInt32());
        }

        [Fact]
        public void AnEndpointServesWhileAnotherIsNeverBound()
        {
            using TempDirectory temp = new TempDirectory();
            string shm = temp.File("ipc0.shm");
            string portBase = PortBases.Next().ToString();
            using SimProcess echo = SimProcess.Start("run", "--board", Repository.RemoteBoard, "--shm", shm, "--port-base", portBase, "--mode", "echo", "--endpoint", "ep0,ep1", "--count", "0", "--timeout", "8000", "--json");
            Thread.Sleep(300);
            using SimProcess source = SimProcess.Start("run", "--board", Repository.LocalBoard, "--shm", shm, "--port-base", portBase, "--mode", "source", "--endpoint", "ep0", "--count", "400", "--size", "200-1000", "--timeout", "3000", "--json");
            SimResult sourceResult = source.Wait(ProcessTimeoutMs);
            SimResult echoResult = echo.Wait(ProcessTimeoutMs);

            Assert.True(sourceResult.ExitCode == 0, sourceResult.ToString());
            Assert.Equal(400, sourceResult.Json.GetProperty("endpoints")[0].GetProperty("echoes").GetInt32());

            // The echo side reports the endpoint the peer never bound, and served the other one fully.
            Assert.True(echoResult.ExitCode == 1, echoResult.ToString());
            Assert.Contains("'ep1' did not bind", echoResult.Error);
            JsonElement ep0 = echoResult.Json.GetProperty("endpoints").EnumerateArray().Single(e => e.GetProperty("name").GetString() == "ep0");
            Assert.Equal(400, ep0.GetProperty("received").GetInt32());
            Assert.Equal(400, ep0.GetProperty("sent").GetInt32());
        }

        [Fact]
        public void EchoServesOnAfterAMessageItCannotEcho()
        {
            // Local sends up to 1596 bytes, remote at most 1532: the larger messages cannot go back.
            (SimResult source, SimResult echo) = RunTooLargeEchoes(false);
            Assert.True(echo.ExitCode == 1, echo.ToString());
            JsonElement ep0 = echo.Json.GetProperty("endpoints")[0];
            int sent = ep0.GetProperty("sent").GetInt32();
            int failed = ep0.GetProperty("failed").GetInt32();
            Assert.Equal(200, ep0.GetProperty("received").GetInt32());
            Assert.True(failed > 0 && sent > 0, echo.ToString());
            Assert.Equal(200, sent + failed);
            Assert.Contains("cannot be echoed", echo.Error);
            Assert.Equal(sent, source.Json.GetProperty("endpoints")[0].GetProperty("echoes").GetInt32());
        }

        [Fact]
        public void StopOnFaultEndsTheRunAtTheFirstFault()
        {
            (SimResult _, SimResult echo) = RunTooLargeEchoes(true);
            Assert.True(echo.ExitCode == 1, echo.ToString());
            JsonElement ep0 = echo.Json.GetProperty("endpoints")[0];
            Assert.Equal(1, ep0.GetProperty("failed").GetInt32());
            Assert.True(ep0.GetProperty("received").GetInt32() < 200, echo.ToString());
            Assert.Contains("stopped early", echo.Error);
        }

        [Theory]
        [InlineData("INT")]
        [InlineData("TERM")]
        public void ASignalEndsAServingRunWithItsReport(string signal)
        {
            using TempDirectory temp = new TempDirectory();
            string shm = temp.File("ipc0.shm");
            string portBase = PortBases.Next().ToString();
            using SimProcess echo = SimProcess.Start("run", "--board", Repository.RemoteBoard, "--shm", shm, "--port-base", portBase, "--mode", "echo", "--count", "0", "--idle", "600000", "--status", "100", "--json");
            Thread.Sleep(300);
            SimResult source = SimProcess.Run(ProcessTimeoutMs, "run", "--board", Repository.LocalBoard, "--shm", shm, "--port-base", portBase, "--mode", "source", "--count", "300", "--json");
            Assert.True(source.ExitCode == 0, source.ToString());
            Thread.Sleep(300);
            echo.Signal(signal);
            SimResult result = echo.Wait(10000);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.True(result.Json.GetProperty("verified").GetBoolean(), result.ToString());
            Assert.Equal(300, result.Json.GetProperty("endpoints")[0].GetProperty("sent").GetInt32());
            Assert.Contains("SIG" + signal + " received", result.Error);

            // Without a terminal the status comes as periodic lines, each with messages, rejects and blocks.
            string[] status = result.Error.Split('\n').Where(l => l.StartsWith("status: ")).ToArray();
            Assert.True(status.Length >= 2, result.ToString());
            Assert.Contains(status, l => l.Contains("messages out 300 in 300") && l.Contains("rejects 0") && l.Contains("blocks tx 0 rx 0"));
            Assert.Contains("event: ep0: ", result.Error);
        }

        private static (SimResult Source, SimResult Echo) RunTooLargeEchoes(bool stopOnFault)
        {
            using TempDirectory temp = new TempDirectory();
            string shm = temp.File("ipc0.shm");
            string portBase = PortBases.Next().ToString();
            string[] echoArgs = { "run", "--board", Repository.RemoteBoard, "--shm", shm, "--port-base", portBase, "--mode", "echo", "--count", "200", "--timeout", "3000", "--json" };
            using SimProcess echo = SimProcess.Start(stopOnFault ? echoArgs.Append("--stop-on-fault").ToArray() : echoArgs);
            Thread.Sleep(300);
            using SimProcess source = SimProcess.Start("run", "--board", Repository.LocalBoard, "--shm", shm, "--port-base", portBase, "--mode", "source", "--count", "200", "--size", "1400-1596", "--timeout", "3000", "--json");
            SimResult sourceResult = source.Wait(ProcessTimeoutMs);
            SimResult echoResult = echo.Wait(ProcessTimeoutMs);
            return (sourceResult, echoResult);
        }
    }
}
