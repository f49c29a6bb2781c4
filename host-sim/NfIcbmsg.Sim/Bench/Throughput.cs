using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using NfIcbmsg.Sim.Run;
using NfIcbmsg.Sim.Traffic;

namespace NfIcbmsg.Sim.Bench
{
    /// <summary>
    /// One-way throughput (Zephyr's ipc_service_benchmark method): each producer sends as fast as
    /// blocks come back for a fixed time, on its own endpoint and thread; the clock stops when every
    /// block is back, so what was counted was also received. The payload is one pattern message per
    /// producer, re-stamped with each sequence number, so generating it costs nothing measurable.
    /// </summary>
    public static class Throughput
    {
        /// <summary>A send waits at most this long for a block; longer means side B stopped.</summary>
        private const int SendTimeoutMs = 5000;

        public static BenchCase Run(BenchLink link, IReadOnlyList<BenchEndpoint> producers, int size, bool zeroCopy, byte firstStream, int durationMs)
        {
            IpcStatistics sender = link.Sender.Statistics;
            IpcStatistics? receiver = link.ReceiverStatistics;
            int rung = sender.DoorbellsRung;
            int receiverRung = receiver?.DoorbellsRung ?? 0;
            long[] sent = new long[producers.Count];
            long[] allocated = new long[producers.Count];
            string?[] errors = new string?[producers.Count];
            long deadline = Stopwatch.GetTimestamp() + (durationMs * Stopwatch.Frequency / 1000);
            Stopwatch clock = Stopwatch.StartNew();
            Thread[] threads = producers.Select((p, i) => new Thread(() => Produce(p.Endpoint, (byte)(firstStream + i), size, zeroCopy, deadline, out sent[i], out allocated[i], out errors[i]))).ToArray();
            foreach (Thread thread in threads)
            {
                thread.Start();
            }

            foreach (Thread thread in threads)
            {
                thread.Join();
            }

            bool drained = Progress.WaitUntil(() => sender.TxBlocksInUse == 0, () => sender.ControlMessagesReceived, SendTimeoutMs);
            double seconds = clock.Elapsed.TotalSeconds;
            long messages = sent.Sum();
            string? error = errors.FirstOrDefault(e => e != null) ?? (drained ? null : $"{sender.TxBlocksInUse} blocks not released within {SendTimeoutMs} ms");
            return new BenchCase
            {
                Transport = link.Transport,
                Kind = "throughput",
                Api = zeroCopy ? "zero-copy" : "copy",
                Size = size,
                Producers = producers.Count,
                Messages = messages,
                Seconds = seconds,
                SenderDoorbellsPerMessage = PerMessage(sender.DoorbellsRung - rung, messages),
                ReceiverDoorbellsPerMessage = receiver == null ? null : PerMessage(receiver.DoorbellsRung - receiverRung, messages),
                SenderAllocatedBytesPerMessage = PerMessage(allocated.Sum(), messages),
                Verified = error == null,
                Error = error,
            };
        }

        internal static double? PerMessage(long total, long messages)
        {
            return messages > 0 ? (double)total / messages : null;
        }

        private static void Produce(Endpoint endpoint, byte stream, int size, bool zeroCopy, long deadline, out long sent, out long allocated, out string? error)
        {
            byte[] message = new byte[size];
            MessagePattern.Fill(message, 0, stream, size);
            error = null;
            uint sequence = 0;
            long before = GC.GetAllocatedBytesForCurrentThread();
            do
            {
                BinaryPrimitives.WriteUInt32LittleEndian(message, sequence);
                SendStatus status = TxSender.Send(endpoint, message, size, SendTimeoutMs, zeroCopy);
                if (status != SendStatus.Sent)
                {
                    error = $"{endpoint.Name}: message {sequence}: {TxSender.Describe(status, SendTimeoutMs)}";
                    break;
                }

                sequence++;
            } while (Stopwatch.GetTimestamp() < deadline);

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            sent = sequence;
        }
    }
}
