using System;
using System.Threading;
using NfIcbmsg.Hal;
using NfIcbmsg.Platform.InMemory;

namespace NfIcbmsg.Bench
{
    /// <summary>
    /// What the building blocks of a message cost on this interpreter, in empty-loop iterations: calls (static,
    /// virtual, interface, delegate), a lock, Interlocked, an event Set, Thread.CurrentThread, a clock read, a small
    /// allocation and copy, and one access of each kind through the in-memory platform's seam. The profile the
    /// per-message figures are explained with.
    /// </summary>
    public sealed class PrimitiveCosts
    {
        private const int Rounds = 20000;

        private readonly object _sync = new object();
        private readonly AutoResetEvent _event = new AutoResetEvent(false);
        private readonly byte[] _source = new byte[1024];
        private readonly byte[] _target = new byte[1024];
        private int _counter;

        private delegate void Step();

        /// <summary>Writes one line per primitive: its cost in loop iterations at <paramref name="loopsPerMicrosecond"/>.</summary>
        public static void Print(double loopsPerMicrosecond, BenchOutput output)
        {
            PrimitiveCosts costs = new PrimitiveCosts();
            ISharedMemory memory = new RegionPairMemory(BenchGeometry.Docs());
            Counter counter = new Counter();
            ICounter viaInterface = counter;
            Step viaDelegate = counter.Increment;
            double empty = costs.Time(delegate { }, loopsPerMicrosecond);
            output("profile: (a delegate call of an empty method costs " + empty.ToString("F1") + " loop iterations; it is subtracted below)");
            costs.Report("static call", delegate { StaticEmpty(); }, empty, loopsPerMicrosecond, output);
            costs.Report("instance call", delegate { counter.Increment(); }, empty, loopsPerMicrosecond, output);
            costs.Report("interface call", delegate { viaInterface.Increment(); }, empty, loopsPerMicrosecond, output);
            costs.Report("delegate call", delegate { viaDelegate(); }, empty, loopsPerMicrosecond, output);
            costs.Report("lock (uncontended)", delegate { lock (costs._sync) { costs._counter++; } }, empty, loopsPerMicrosecond, output);
            costs.Report("Interlocked.Increment", delegate { Interlocked.Increment(ref costs._counter); }, empty, loopsPerMicrosecond, output);
            costs.Report("AutoResetEvent.Set (no waiter)", delegate { costs._event.Set(); }, empty, loopsPerMicrosecond, output);
            costs.Report("Thread.CurrentThread", delegate { costs._counter += Thread.CurrentThread == null ? 1 : 0; }, empty, loopsPerMicrosecond, output);
            costs.Report("DateTime.UtcNow.Ticks", delegate { costs._counter += (int)DateTime.UtcNow.Ticks; }, empty, loopsPerMicrosecond, output);
            costs.Report("try/finally", delegate { try { costs._counter++; } finally { costs._counter--; } }, empty, loopsPerMicrosecond, output);
            costs.Report("new byte[16]", delegate { costs._counter += new byte[16].Length; }, empty, loopsPerMicrosecond, output);
            costs.Report("Array.Copy 16 B", delegate { Array.Copy(costs._source, 0, costs._target, 0, 16); }, empty, loopsPerMicrosecond, output);
            costs.Report("Array.Copy 1024 B", delegate { Array.Copy(costs._source, 0, costs._target, 0, 1024); }, empty, loopsPerMicrosecond, output);
            costs.Report("seam ReadWord", delegate { costs._counter += (int)memory.ReadWord(8); }, empty, loopsPerMicrosecond, output);
            costs.Report("seam WriteWord", delegate { memory.WriteWord(8, 1); }, empty, loopsPerMicrosecond, output);
            costs.Report("seam Write 16 B", delegate { memory.Write(16, costs._source, 0, 16); }, empty, loopsPerMicrosecond, output);
            costs.Report("seam Barrier", delegate { memory.Barrier(); }, empty, loopsPerMicrosecond, output);
            costs.Report("seam Flush", delegate { memory.Flush(16, 16); }, empty, loopsPerMicrosecond, output);
            output("profile: thread wake-up round trip (two threads, two AutoResetEvents): " + costs.WakeUpRoundTrip(loopsPerMicrosecond).ToString("F0") + " loop iterations");
        }

        // One thread sets the other's event and waits for its own; the other answers. What the scheduler
        // charges for handing the interpreter to another thread and back, best of twenty batches of 50.
        private double WakeUpRoundTrip(double loopsPerMicrosecond)
        {
            AutoResetEvent ping = new AutoResetEvent(false);
            AutoResetEvent pong = new AutoResetEvent(false);
            bool stop = false;
            Thread echo = new Thread(delegate
            {
                while (true)
                {
                    ping.WaitOne();
                    if (stop)
                    {
                        return;
                    }

                    pong.Set();
                }
            });
            echo.Start();
            double best = double.MaxValue;
            for (int round = 0; round < 20; round++)
            {
                long start = DateTime.UtcNow.Ticks;
                for (int i = 0; i < 50; i++)
                {
                    ping.Set();
                    pong.WaitOne(1000, false);
                }

                double perTrip = (DateTime.UtcNow.Ticks - start) / 10.0 / 50 * loopsPerMicrosecond;
                if (perTrip < best)
                {
                    best = perTrip;
                }
            }

            stop = true;
            ping.Set();
            echo.Join();
            return best;
        }

        private static void StaticEmpty()
        {
        }

        private void Report(string what, Step step, double empty, double loopsPerMicrosecond, BenchOutput output)
        {
            output("profile: " + what + ": " + (Time(step, loopsPerMicrosecond) - empty).ToString("F1") + " loop iterations");
        }

        // Best of three timed runs of Rounds calls, in loop iterations per call.
        private double Time(Step step, double loopsPerMicrosecond)
        {
            double best = double.MaxValue;
            for (int round = 0; round < 3; round++)
            {
                long start = DateTime.UtcNow.Ticks;
                for (int i = 0; i < Rounds; i++)
                {
                    step();
                }

                double perCall = (DateTime.UtcNow.Ticks - start) / 10.0 / Rounds * loopsPerMicrosecond;
                if (perCall < best)
                {
                    best = perCall;
                }
            }

            return best;
        }

        private interface ICounter
        {
            void Increment();
        }

        private sealed class Counter : ICounter
        {
            private int _value;

            public void Increment()
            {
                _value++;
            }
        }
    }
}
