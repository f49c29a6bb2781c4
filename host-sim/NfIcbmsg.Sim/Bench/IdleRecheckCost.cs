using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using NfIcbmsg.Hal;
using NfIcbmsg.Platform.InMemory;

namespace NfIcbmsg.Sim.Bench
{
    /// <summary>
    /// What the idle re-check of the rings (InstanceConfig.IdleRecheckMs) costs, in process, against
    /// the re-check turned off in the same run: CPU of an idle bound pair, and one-way throughput with
    /// every doorbell delivered. Then what it buys: throughput when every doorbell after bonding is lost.
    /// </summary>
    public static class IdleRecheckCost
    {
        public const int MessageSize = 128;

        public static readonly int[] Intervals = { -1, 100, 10, 1 };

        /// <summary>One measurement: the interval (-1 = off), idle CPU and re-checks, throughput with and without doorbells.</summary>
        public sealed record Row(int IntervalMs, double IdleCpuPercent, double IdleRechecksPerSecond, double CpuUsPerRecheck, double MessagesPerSecond, double TimesBaseline, double MessagesPerSecondAllRingsLost);

        public static IReadOnlyList<Row> Measure(int durationMs, Action<string> progress)
        {
            Dictionary<int, (double Cpu, double Rechecks, double Rate, double Lost)> sums = new Dictionary<int, (double, double, double, double)>();
            const int rounds = 2;
            for (int round = 0; round < rounds; round++)
            {
                // Alternated, so a change of machine load hits every interval alike.
                foreach (int interval in round % 2 == 0 ? Intervals : Reverse(Intervals))
                {
                    progress($"idle re-check {(interval < 0 ? "off" : interval + " ms")}, round {round + 1}");
                    (double cpu, double rechecks) = Idle(interval, durationMs);
                    double rate = Throughput(interval, durationMs, false);
                    double lost = interval < 0 ? 0 : Throughput(interval, durationMs, true);
                    sums.TryGetValue(interval, out (double Cpu, double Rechecks, double Rate, double Lost) s);
                    sums[interval] = (s.Cpu + cpu / rounds, s.Rechecks + rechecks / rounds, s.Rate + rate / rounds, s.Lost + lost / rounds);
                }
            }

            List<Row> rows = new List<Row>();
            (double Cpu, double Rechecks, double Rate, double Lost) baseline = sums[-1];
            foreach (int interval in Intervals)
            {
                (double Cpu, double Rechecks, double Rate, double Lost) s = sums[interval];
                double perRecheck = s.Rechecks > 0 ? Math.Max(0, s.Cpu - baseline.Cpu) * 10000.0 / s.Rechecks : 0;
                rows.Add(new Row(interval, s.Cpu, s.Rechecks, perRecheck, s.Rate, s.Rate / baseline.Rate, s.Lost));
            }

            return rows;
        }

        private static int[] Reverse(int[] values)
        {
            int[] copy = (int[])values.Clone();
            Array.Reverse(copy);
            return copy;
        }

        // Percent of one core the whole process used while the bound pair sat idle, and re-checks per second.
        private static (double CpuPercent, double RechecksPerSecond) Idle(int interval, int durationMs)
        {
            using Pair pair = new Pair(interval, false);
            Thread.Sleep(50);
            int rechecks = pair.A.Statistics.IdleRechecks + pair.B.Statistics.IdleRechecks;
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
            Stopwatch clock = Stopwatch.StartNew();
            Thread.Sleep(durationMs);
            double seconds = clock.Elapsed.TotalSeconds;
            double used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            rechecks = pair.A.Statistics.IdleRechecks + pair.B.Statistics.IdleRechecks - rechecks;
            return (used * 100 / seconds, rechecks / seconds);
        }

        // Messages per second, A to B, copying sends of MessageSize bytes.
        private static double Throughput(int interval, int durationMs, bool loseRings)
        {
            using Pair pair = new Pair(interval, loseRings);
            byte[] message = new byte[MessageSize];
            Stopwatch clock = Stopwatch.StartNew();
            int sent = 0;
            while (clock.ElapsedMilliseconds < durationMs)
            {
                if (pair.EndpointA.TrySend(message, 0, message.Length, 1000) == SendStatus.Sent)
                {
                    sent++;
                }
            }

            SpinWait.SpinUntil(() => pair.B.Statistics.MessagesReceived >= sent, 5000);
            return pair.B.Statistics.MessagesReceived / clock.Elapsed.TotalSeconds;
        }

        /// <summary>A bound in-process pair with one endpoint each; optionally every ring after bonding is lost.</summary>
        private sealed class Pair : IDisposable
        {
            private readonly Lossy _lossyA;
            private readonly Lossy _lossyB;

            public Pair(int interval, bool loseRings)
            {
                InstanceConfig configA = BenchGeometry.SideA();
                configA.IdleRecheckMs = interval;
                InstanceConfig configB = configA.Mirror();
                ByteArrayMemory memory = new ByteArrayMemory(configA.WindowBase, (int)configA.WindowLength);
                InProcessMailbox aToB = new InProcessMailbox();
                InProcessMailbox bToA = new InProcessMailbox();
                _lossyA = new Lossy(aToB);
                _lossyB = new Lossy(bToA);
                A = IpcService.Create(configA, memory, _lossyA, bToA);
                B = IpcService.Create(configB, memory, _lossyB, aToB);
                using ManualResetEventSlim bound = new ManualResetEventSlim(false);
                int count = 0;
                EndpointConfig Config() => new EndpointConfig("ep0") { Bound = _ => { if (Interlocked.Increment(ref count) == 2) { bound.Set(); } }, Received = (_, _) => { } };
                A.Open();
                B.Open();
                EndpointA = A.RegisterEndpoint(Config());
                B.RegisterEndpoint(Config());
                if (!bound.Wait(5000))
                {
                    throw new BenchException("idle re-check bench: the in-process pair did not bind within 5 s");
                }

                _lossyA.Losing = loseRings;
                _lossyB.Losing = loseRings;
            }

            public IpcInstance A { get; }

            public IpcInstance B { get; }

            public Endpoint EndpointA { get; }

            public void Dispose()
            {
                A.Close();
                B.Close();
            }
        }

        private sealed class Lossy : IMailboxTx
        {
            private readonly IMailboxTx _inner;

            public Lossy(IMailboxTx inner)
            {
                _inner = inner;
            }

            public volatile bool Losing;

            public void Raise()
            {
                if (!Losing)
                {
                    _inner.Raise();
                }
            }
        }
    }
}
