using System;

namespace NfIcbmsg.Bench
{
    /// <summary>Where the bench writes its lines (Console on a device, the test output under NFUnitTest).</summary>
    public delegate void BenchOutput(string line);

    /// <summary>Describes where one case's time went (<see cref="MessageBench.Describe"/>).</summary>
    public delegate string BenchProfile(MessageBench bench, bool pingPong, bool zeroCopy, int size, int messages, double loopsPerMicrosecond);

    /// <summary>
    /// Every case of the bench in one run: the empty-loop calibration first and last (so a drift shows), then
    /// one-way and ping-pong, copying and zero-copy, 16, 128 and 1024 bytes, one line each.
    /// </summary>
    public static class BenchSuite
    {
        /// <summary>Payload sizes of every case.</summary>
        public static readonly int[] Sizes = new int[] { 16, 128, 1024 };

        /// <summary>Runs every case over <paramref name="geometry"/>; returns the one-way 16-byte copying case.</summary>
        public static BenchResult Run(InstanceConfig geometry, int messages, BenchOutput output)
        {
            return Run(geometry, messages, output, null);
        }

        /// <summary>As <see cref="Run(InstanceConfig, int, BenchOutput)"/>, with a profile line after each case unless <paramref name="profile"/> is null.</summary>
        public static BenchResult Run(InstanceConfig geometry, int messages, BenchOutput output, BenchProfile profile)
        {
            double loops = LoopCalibration.IterationsPerMicrosecond(20000, 30);
            output("bench: empty loop " + loops.ToString("F2") + " iterations/us");
            BenchResult headline = null;
            MessageBench bench = new MessageBench(geometry, Sizes[Sizes.Length - 1]);
            try
            {
                for (int pattern = 0; pattern < 2; pattern++)
                {
                    for (int mode = 0; mode < 2; mode++)
                    {
                        for (int i = 0; i < Sizes.Length; i++)
                        {
                            bool pingPong = pattern == 1;
                            BenchResult result = bench.Run(pingPong, mode == 1, Sizes[i], pingPong ? messages / 4 : messages, loops);
                            output("bench: " + result.ToString());
                            if (profile != null)
                            {
                                output("bench:   profile: " + profile(bench, pingPong, mode == 1, Sizes[i], result.Messages, loops));
                            }
                            if (headline == null)
                            {
                                headline = result;
                            }
                        }
                    }
                }

                IpcStatistics a = bench.SideA.Statistics;
                IpcStatistics b = bench.SideB.Statistics;
                output("bench: side A sent " + a.MessagesSent.ToString() + ", doorbells rung " + a.DoorbellsRung.ToString() + "; side B received "
                    + b.MessagesReceived.ToString() + ", doorbells rung " + b.DoorbellsRung.ToString() + "; rejected " + (a.Rejected + b.Rejected).ToString()
                    + ", faults " + (a.InternalFaults + b.InternalFaults + a.CallbackFaults + b.CallbackFaults).ToString());
                if (a.Rejected + b.Rejected + a.InternalFaults + b.InternalFaults + a.CallbackFaults + b.CallbackFaults != 0)
                {
                    throw new InvalidOperationException("the bench traffic was rejected or faulted (see the line above)");
                }
            }
            finally
            {
                bench.Dispose();
            }

            output("bench: empty loop " + LoopCalibration.IterationsPerMicrosecond(20000, 30).ToString("F2") + " iterations/us (after)");
            return headline;
        }
    }
}
