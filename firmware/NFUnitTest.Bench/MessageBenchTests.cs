using nanoFramework.TestFramework;
using NfIcbmsg.Bench;

namespace NfIcbmsg.Tests.Bench
{
    /// <summary>
    /// The device bench under the test launcher, so that it runs on the nanoCLR virtual device (nfclr's
    /// run-tests.sh prints its lines with -v). Figures are printed, never asserted; what is asserted is that
    /// every message arrived and nothing was rejected or faulted.
    /// </summary>
    [TestClass]
    public class MessageBenchTests
    {
        [TestMethod]
        public void CostPerMessage()
        {
            BenchResult headline = BenchSuite.Run(BenchGeometry.Large(), 2000, OutputHelper.WriteLine, MessageBench.Describe);
            Assert.AreEqual(16, headline.Size, "the headline case is one-way 16 B");
        }

        [TestMethod]
        public void Profile()
        {
            PrimitiveCosts.Print(LoopCalibration.IterationsPerMicrosecond(100000, 3), OutputHelper.WriteLine);
        }

        [TestMethod]
        public void HeapPerInstance()
        {
            Print("docs geometry (16/32 blocks of 0x800 regions)", BenchGeometry.Docs());
            Print("16/32 blocks of 2 KiB", BenchGeometry.Blocks2K());
        }

        private static void Print(string what, InstanceConfig config)
        {
            int[] bytes = HeapFootprint.Measure(config);
            OutputHelper.WriteLine("heap: " + what + ": " + bytes[0].ToString() + " bytes constructed, " + bytes[1].ToString() + " bytes open");
            Assert.IsTrue(bytes[0] > 0, "an instance takes heap");
        }
    }
}
