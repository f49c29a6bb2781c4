using System;
using System.Threading;
using NfIcbmsg.Bench;

namespace NfIcbmsg.Samples.Bench
{
    /// <summary>
    /// The device bench as an app: deploy it to a board (no wiring, no interop firmware needed: both sides run
    /// in this process over an in-memory pair) and read the cost per message and the heap per instance on the
    /// device's own interpreter from the debug output.
    /// </summary>
    public static class Program
    {
        public static void Main()
        {
            Console.WriteLine("nf-icbmsg bench: in-memory pair, 8 KiB regions, 8 blocks each way");
            bool passed = true;
            try
            {
                PrintHeap("docs geometry (16/32 blocks, 0x800 regions)", BenchGeometry.Docs());
                BenchSuite.Run(BenchGeometry.Small(), 400, Console.WriteLine, MessageBench.Describe);
            }
            catch (Exception ex)
            {
                Console.WriteLine("bench failed: " + ex.GetType().Name + ": " + ex.Message);
                passed = false;
            }

            Console.WriteLine(passed ? "RESULT: PASS" : "RESULT: FAIL");
            Thread.Sleep(Timeout.Infinite);
        }

        private static void PrintHeap(string what, InstanceConfig config)
        {
            int[] bytes = HeapFootprint.Measure(config);
            Console.WriteLine("heap: " + what + ": " + bytes[0].ToString() + " bytes constructed, " + bytes[1].ToString() + " bytes open");
        }
    }
}
