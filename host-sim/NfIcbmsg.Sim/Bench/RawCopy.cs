using System;
using System.Diagnostics;

namespace NfIcbmsg.Sim.Bench
{
    /// <summary>
    /// The physical limit: the same sizes copied into the same memory with nothing else, the
    /// destination walking through the window as blocks would.
    /// </summary>
    public static class RawCopy
    {
        /// <summary>Copies <paramref name="size"/>-byte messages for <paramref name="durationMs"/> with <paramref name="copy"/>(offset, source, size).</summary>
        public static BenchCase Run(string transport, Action<int, byte[], int> copy, int windowLength, int size, int durationMs)
        {
            byte[] source = new byte[size];
            new Random(size).NextBytes(source);
            int slots = Math.Max(1, (windowLength - size) / size);
            long deadline = Stopwatch.GetTimestamp() + (durationMs * Stopwatch.Frequency / 1000);
            Stopwatch clock = Stopwatch.StartNew();
            long copies = 0;
            do
            {
                // Check the clock every 64 copies only: reading it costs as much as a small copy.
                for (int i = 0; i < 64; i++, copies++)
                {
                    copy((int)(copies % slots) * size, source, size);
                }
            } while (Stopwatch.GetTimestamp() < deadline);

            return new BenchCase { Transport = transport, Kind = "raw-copy", Size = size, Messages = copies, Seconds = clock.Elapsed.TotalSeconds };
        }
    }
}
