using NfIcbmsg.Sim.Tests.Support;
using Xunit;

namespace NfIcbmsg.Sim.Tests.Cli
{
    /// <summary>
    /// `soak` in a short run (the long runs are for the command line: see the README's Reliability
    /// section): it mutates, keeps the instances within their memory, and reports every figure.
    /// </summary>
    public sealed class SoakTests
    {
        [Fact]
        public void AShortSoakIsCleanAndReportsItsFigures()
        {
            SimResult result = SimProcess.Run(120000, "soak", "--mutations", "60000", "--per-round", "10000", "--seed", "7", "--json");
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal(60000, result.Json.GetProperty("Mutations").GetInt64());
            Assert.Equal(6, result.Json.GetProperty("Rounds").GetInt32());
            Assert.Equal(6, result.Json.GetProperty("RoundsBound").GetInt32());
            Assert.Equal(0, result.Json.GetProperty("Crashes").GetInt64());
            Assert.Equal(0, result.Json.GetProperty("OutsideAccesses").GetInt64());
            Assert.Equal(0, result.Json.GetProperty("Hangs").GetInt64());
            Assert.True(result.Json.GetProperty("Deliveries").GetInt64() > 0, result.ToString());
            Assert.True(result.Json.GetProperty("Rejected").GetInt64() > 0, result.ToString());
            Assert.Contains("seed 7", result.Error);
        }

        [Fact]
        public void BadCountsAreRefused()
        {
            SimResult result = SimProcess.Run(30000, "soak", "--mutations", "0");
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains("--mutations and --per-round must be at least 1", result.Error);
        }
    }
}
