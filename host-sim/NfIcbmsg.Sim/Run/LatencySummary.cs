using System;
using System.Diagnostics;

namespace NfIcbmsg.Sim.Run
{
    /// <summary>Round-trip times in microseconds: mean and nearest-rank percentiles.</summary>
    public sealed record LatencySummary(int Count, double MeanUs, double MinUs, double P50Us, double P90Us, double P99Us, double MaxUs)
    {
        /// <summary>Summarises the first <paramref name="count"/> entries of <paramref name="ticks"/> (Stopwatch ticks). Sorts them in place.</summary>
        public static LatencySummary FromTicks(long[] ticks, int count)
        {
            if (count <= 0)
            {
                return new LatencySummary(0, 0, 0, 0, 0, 0, 0);
            }

            Array.Sort(ticks, 0, count);
            double sum = 0;
            for (int i = 0; i < count; i++)
            {
                sum += ticks[i];
            }

            return new LatencySummary(count, Us(sum / count), Us(ticks[0]), Us(Rank(ticks, count, 0.50)), Us(Rank(ticks, count, 0.90)), Us(Rank(ticks, count, 0.99)), Us(ticks[count - 1]));
        }

        private static long Rank(long[] sorted, int count, double percentile)
        {
            int index = (int)Math.Ceiling(percentile * count) - 1;
            return sorted[Math.Clamp(index, 0, count - 1)];
        }

        private static double Us(double ticks)
        {
            return ticks * 1_000_000.0 / Stopwatch.Frequency;
        }
    }
}
