using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Threading;
using NfIcbmsg.Sim.Run;
using NfIcbmsg.Sim.Traffic;

namespace NfIcbmsg.Sim.Bench
{
    /// <summary>Turnaround: one message out, its echo back, timed from the send call to the echo's arrival on the receive thread; repeated for a fixed time.</summary>
    public static class Turnaround
    {
        private const int WaitMs = 5000;

        public static BenchCase Run(BenchLink link, BenchEndpoint endpoint, int size, byte stream, int durationMs)
        {
            IpcStatistics sender = link.Sender.Statistics;
            IpcStatistics? receiver = link.ReceiverStatistics;
            int rung = sender.DoorbellsRung;
            int receiverRung = receiver?.DoorbellsRung ?? 0;
            StreamVerifier echoes = new StreamVerifier(endpoint.Config.Name, PatternCheck.Header);
            AutoResetEvent echoed = new AutoResetEvent(false);
            byte[] copy = new byte[size];
            long arrival = 0;
            endpoint.Received = buffer =>
            {
                Volatile.Write(ref arrival, Stopwatch.GetTimestamp());
                int length = Math.Min(buffer.Length, copy.Length);
                buffer.Read(0, copy, 0, length);
                echoes.Accept(copy.AsSpan(0, length), stream);
                echoed.Set();
            };

            // Room for a round trip every 2 µs, allocated before the loop so it does not count.
            long[] roundTrips = new long[Math.Max(1024, durationMs * 500)];
            byte[] message = new byte[size];
            MessagePattern.Fill(message, 0, stream, size);
            string? error = null;
            int count = 0;
            long deadline = Stopwatch.GetTimestamp() + (durationMs * Stopwatch.Frequency / 1000);
            Stopwatch clock = Stopwatch.StartNew();
            long before = GC.GetAllocatedBytesForCurrentThread();
            do
            {
                BinaryPrimitives.WriteUInt32LittleEndian(message, (uint)count);
                long start = Stopwatch.GetTimestamp();
                SendStatus status = endpoint.Endpoint.TrySend(message, 0, size, WaitMs);
                if (status != SendStatus.Sent)
                {
                    error = $"ping {count}: {TxSender.Describe(status, WaitMs)}";
                    break;
                }

                if (!echoed.WaitOne(WaitMs))
                {
                    error = $"no echo of ping {count} within {WaitMs} ms";
                    break;
                }

                roundTrips[count++] = Volatile.Read(ref arrival) - start;
            } while (count < roundTrips.Length && Stopwatch.GetTimestamp() < deadline);

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            double seconds = clock.Elapsed.TotalSeconds;
            endpoint.Received = null;
            error ??= echoes.FirstError ?? (echoes.Messages != count ? $"{echoes.Messages} echoes for {count} pings" : null);
            return new BenchCase
            {
                Transport = link.Transport,
                Kind = "turnaround",
                Api = "copy",
                Size = size,
                Messages = count,
                Seconds = seconds,
                Latency = LatencySummary.FromTicks(roundTrips, count),
                SenderDoorbellsPerMessage = Throughput.PerMessage(sender.DoorbellsRung - rung, count),
                ReceiverDoorbellsPerMessage = receiver == null ? null : Throughput.PerMessage(receiver.DoorbellsRung - receiverRung, count),
                SenderAllocatedBytesPerMessage = Throughput.PerMessage(allocated, count),
                Verified = error == null,
                Error = error,
            };
        }
    }
}
