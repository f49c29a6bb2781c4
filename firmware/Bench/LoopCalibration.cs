using System;

namespace NfIcbmsg.Bench
{
    /// <summary>
    /// The interpreter's speed as a unit: how many iterations of an empty counted loop run per microsecond,
    /// measured in the same run as the messages, so that a cost in loop iterations compares across machines
    /// (a desktop nanoCLR, an ESP32) where microseconds do not.
    /// </summary>
    public static class LoopCalibration
    {
        /// <summary>Empty-loop iterations per microsecond: the best of <paramref name="rounds"/> timed runs of <paramref name="iterations"/>.</summary>
        public static double IterationsPerMicrosecond(int iterations, int rounds)
        {
            double best = 0;
            for (int round = 0; round < rounds; round++)
            {
                long start = DateTime.UtcNow.Ticks;
                for (int i = 0; i < iterations; i++)
                {
                }

                long ticks = DateTime.UtcNow.Ticks - start;
                double rate = ticks <= 0 ? 0 : iterations * 10.0 / ticks;
                if (rate > best)
                {
                    best = rate;
                }
            }

            return best;
        }
    }
}
