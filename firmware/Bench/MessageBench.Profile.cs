using System;

namespace NfIcbmsg.Bench
{
    // The profile of a bench case: kept apart from the timing so that `tests/nfclr-bench.sh --baseline` can time an
    // older protocol (which may lack the statistics used here) with the same timing code.
    public sealed partial class MessageBench
    {
        /// <summary>A <see cref="BenchSuite"/> profile hook: <see cref="Profile"/> of <paramref name="bench"/>.</summary>
        public static string Describe(MessageBench bench, bool pingPong, bool zeroCopy, int size, int messages, double loopsPerMicrosecond)
        {
            return bench.Profile(pingPong, zeroCopy, size, messages, loopsPerMicrosecond);
        }

        /// <summary>
        /// Where one batch's time goes: the sender's own path (the sends that found blocks free, so no other thread
        /// ran during them, timed one by one); per message, the time of B's receive thread (reading, delivering,
        /// releasing) and of A's (taking the releases back), from <see cref="IpcStatistics.ReceiveTicks"/>; the rest
        /// of the batch (waits for blocks, the hand-overs between threads, the timing itself); the sender's waits
        /// for blocks and the doorbells each side rang.
        /// </summary>
        public string Profile(bool pingPong, bool zeroCopy, int size, int messages, double loopsPerMicrosecond)
        {
            _pingPong = pingPong;
            _zeroCopy = zeroCopy;
            _size = size;
            IpcStatistics a = _pair.SideA.Statistics;
            IpcStatistics b = _pair.SideB.Statistics;
            int waits = a.AllocationWaits;
            int ringsA = a.DoorbellsRung;
            int ringsB = b.DoorbellsRung;
            long receiveA = a.ReceiveTicks;
            long receiveB = b.ReceiveTicks;
            _sendTicks = 0;
            _unwaitedSends = 0;
            _timeSends = true;
            long start = DateTime.UtcNow.Ticks;
            Batch(messages);
            long total = DateTime.UtcNow.Ticks - start;
            _timeSends = false;
            double send = _unwaitedSends == 0 ? 0 : _sendTicks / 10.0 / _unwaitedSends * loopsPerMicrosecond;
            double perMessage = loopsPerMicrosecond / 10.0 / messages;
            double threadA = (a.ReceiveTicks - receiveA) * perMessage;
            double threadB = (b.ReceiveTicks - receiveB) * perMessage;
            double rest = (total - _sendTicks) * perMessage - threadA - threadB;
            return "one send that did not wait for blocks: " + send.ToString("F0") + " loop iterations (of " + _unwaitedSends.ToString() + " sends); per message "
                + "B's receive thread " + threadB.ToString("F0") + ", A's " + threadA.ToString("F0") + ", the rest (waits for blocks, thread hand-overs, timing) "
                + rest.ToString("F0") + "; "
                + ((a.AllocationWaits - waits) / (double)messages).ToString("F2") + " waits for blocks, "
                + ((a.DoorbellsRung - ringsA) / (double)messages).ToString("F2") + " doorbells A->B, "
                + ((b.DoorbellsRung - ringsB) / (double)messages).ToString("F2") + " B->A";
        }

    }
}
