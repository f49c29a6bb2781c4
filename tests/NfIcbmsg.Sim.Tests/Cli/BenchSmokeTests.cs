using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using NfIcbmsg.Sim.Tests.Support;
using Xunit;

namespace NfIcbmsg.Sim.Tests.Cli
{
    /// <summary>`bench --quick` runs every case and reports it; figures are not asserted (benchmarks are not tests).</summary>
    public sealed class BenchSmokeTests
    {
        [Fact]
        public void QuickBenchReportsEveryCaseVerified()
        {
            SimResult result = SimProcess.Run(90000, "bench", "--quick", "--duration", "30", "--json");
            Assert.True(result.ExitCode == 0, result.ToString());
            JsonElement report = result.Json;
            Assert.True(report.GetProperty("verified").GetBoolean(), result.ToString());
            Assert.Contains("64 KiB", report.GetProperty("geometry").GetString());
            JsonElement[] cases = report.GetProperty("cases").EnumerateArray().ToArray();
            Assert.Equal(Expected().OrderBy(n => n), cases.Select(c => c.GetProperty("name").GetString()).OrderBy(n => n));
            Assert.All(cases, c => Assert.True(c.GetProperty("messages").GetInt64() > 0, c.ToString()));
            foreach (JsonElement c in cases.Where(c => c.GetProperty("transport").GetString() != "socket" && c.GetProperty("kind").GetString() == "throughput"))
            {
                Assert.True(c.GetProperty("senderDoorbellsPerMessage").GetDouble() > 0, c.ToString());
                Assert.True(c.TryGetProperty("senderAllocatedBytesPerMessage", out _), c.ToString());
                Assert.True(c.TryGetProperty("receiverAllocatedBytesPerMessage", out _), c.ToString());
                Assert.True(c.TryGetProperty("fractionOfRawCopy", out _), c.ToString());
                Assert.True(c.TryGetProperty("timesSocket", out _), c.ToString());
            }

            string[] receivers = report.GetProperty("receivers").EnumerateArray().Select(r => r.GetProperty("transport").GetString() + " " + r.GetProperty("phase").GetString()).ToArray();
            Assert.Equal(new[] { "in-process turnaround", "in-process throughput", "sim-link turnaround", "sim-link throughput", "socket all" }, receivers);
        }

        private static IEnumerable<string> Expected()
        {
            foreach (string transport in new[] { "in-process", "sim-link" })
            {
                yield return $"{transport} turnaround copy 16 B x1";
                yield return $"{transport} turnaround copy 32 B x1";
                foreach (int size in new[] { 32, 64, 128, 1024, 4096 })
                {
                    yield return $"{transport} throughput copy {size} B x1";
                    yield return $"{transport} throughput zero-copy {size} B x1";
                    yield return $"{transport} raw-copy {size} B";
                }

                yield return $"{transport} throughput copy 128 B x3";
                yield return $"{transport} throughput copy 1024 B x3";
            }

            yield return "socket turnaround 16 B x1";
            yield return "socket turnaround 32 B x1";
            foreach (int size in new[] { 32, 64, 128, 1024, 4096 })
            {
                yield return $"socket throughput {size} B x1";
            }
        }
    }
}
