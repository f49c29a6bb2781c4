using System;
using System.Collections.Generic;
using System.Linq;
using NfIcbmsg.Sim.Run;

namespace NfIcbmsg.Sim.Bench
{
    /// <summary>
    /// The whole bench: for each transport (in-process, sim link) a turnaround phase against an echo
    /// and a throughput phase against sinks, the raw-copy baseline over that transport's memory, then
    /// the socket baseline; ratios are computed against the baselines of the same run.
    /// </summary>
    public sealed class BenchRunner
    {
        public static readonly int[] TurnaroundSizes = { 16, 32 };
        public static readonly int[] ThroughputSizes = { 32, 64, 128, 1024, 4096 };
        public static readonly int[] MultiProducerSizes = { 128, 1024 };
        public static readonly string[] ProducerEndpoints = { "ep0", "ep1", "ep2" };

        private readonly int _durationMs;
        private readonly int _idleMs;
        private readonly Action<string> _progress;
        private readonly List<BenchCase> _cases = new List<BenchCase>();
        private readonly List<ReceiverSummary> _receivers = new List<ReceiverSummary>();
        private int _nextStream;

        public BenchRunner(int durationMs, int idleMs, Action<string> progress)
        {
            _durationMs = durationMs;
            _idleMs = idleMs;
            _progress = progress;
        }

        public BenchReport Run()
        {
            foreach (Func<BenchLink> create in new Func<BenchLink>[] { () => new InProcessBenchLink(), () => new SimLinkBenchLink() })
            {
                TurnaroundPhase(create);
                ThroughputPhase(create);
            }

            SocketPhase();
            List<BenchCase> cases = _cases.Select(WithRatios).ToList();
            return new BenchReport
            {
                Geometry = BenchGeometry.Describe(),
                DurationMs = _durationMs,
                ProcessorCount = Environment.ProcessorCount,
                Cases = cases,
                Receivers = _receivers,
                Verified = cases.All(c => c.Verified) && _receivers.All(r => r.Verified),
                Notes = new[]
                {
                    "throughput: producers send for the duration, the clock stops when every block is back; the receiver copies each message out and checks its header (sequence, stream, length); payloads are one pattern message per producer, re-stamped with each sequence number",
                    "zero-copy: GetTxBuffer + one Write of the managed template into the blocks + SendNoCopy (a managed lease cannot alias shared memory); copy: TrySend",
                    "turnaround: from the send call to the echo's arrival on the receive thread, one message in flight",
                    "raw-copy: the same sizes copied into the same memory with nothing else (Array.Copy in-process, a Span copy into the mapped file); fractionOfRawCopy = throughput bytes/s over that",
                    "socket: TCP on loopback to a second process, one send per message, the peer buffers its reads and checks each header; timesSocket = messages (or round trips) per second over the socket's",
                    "allocations: GC.GetAllocatedBytesForCurrentThread around the sending loop, and on the receive thread between a stream's first and last message (sim link: measured in the child)",
                    "doorbells: IpcStatistics.DoorbellsRung per message; over the sim link every doorbell is one UDP datagram",
                },
            };
        }

        private void TurnaroundPhase(Func<BenchLink> create)
        {
            using BenchLink link = create();
            _progress($"{link.Transport}: turnaround");
            link.Start(RunMode.Echo, new[] { "ep0" }, _idleMs);
            foreach (int size in TurnaroundSizes)
            {
                _cases.Add(Turnaround.Run(link, link["ep0"], size, NextStreams(1), _durationMs));
            }

            _receivers.Add(Summary(link.Transport, "turnaround", link.Finish()));
        }

        private void ThroughputPhase(Func<BenchLink> create)
        {
            using BenchLink link = create();
            _progress($"{link.Transport}: throughput");
            link.Start(RunMode.Sink, ProducerEndpoints, _idleMs);
            List<(BenchCase Case, byte FirstStream)> measured = new List<(BenchCase, byte)>();
            foreach (bool zeroCopy in new[] { false, true })
            {
                foreach (int size in ThroughputSizes)
                {
                    byte stream = NextStreams(1);
                    measured.Add((Throughput.Run(link, new[] { link["ep0"] }, size, zeroCopy, stream, _durationMs), stream));
                }
            }

            foreach (int size in MultiProducerSizes)
            {
                byte first = NextStreams(ProducerEndpoints.Length);
                measured.Add((Throughput.Run(link, ProducerEndpoints.Select(n => link[n]).ToArray(), size, false, first, _durationMs), first));
            }

            RunReport receiver = link.Finish();

            // After the receiver reported: the raw copy tramples the rings, which a live receive thread
            // would find on its next idle re-check and count as the peer's corruption.
            foreach (int size in ThroughputSizes)
            {
                _cases.Add(RawCopy.Run(link.Transport, link.RawCopy, link.Memory.Length, size, Math.Min(_durationMs / 2, 250)));
            }

            _receivers.Add(Summary(link.Transport, "throughput", receiver));
            StreamReport[] streams = receiver.Endpoints?.SelectMany(e => e.Streams ?? Array.Empty<StreamReport>()).ToArray() ?? Array.Empty<StreamReport>();
            foreach ((BenchCase c, byte first) in measured)
            {
                StreamReport[] mine = streams.Where(s => s.Stream >= first && s.Stream < first + c.Producers).ToArray();
                long delivered = mine.Sum(s => (long)s.Messages);
                bool complete = delivered == c.Messages && mine.All(s => s.Failed == 0);
                double weighted = mine.Where(s => s.AllocatedBytesPerMessage.HasValue).Sum(s => s.AllocatedBytesPerMessage!.Value * s.Messages);
                _cases.Add(c with
                {
                    ReceiverAllocatedBytesPerMessage = delivered > 0 ? weighted / delivered : null,
                    Verified = c.Verified && complete,
                    Error = c.Error ?? (complete ? null : $"the receiver verified {delivered - mine.Sum(s => s.Failed)} of {c.Messages} messages: {mine.Select(s => s.FirstError).FirstOrDefault(e => e != null)}"),
                });
            }
        }

        private void SocketPhase()
        {
            _progress("socket baseline");
            using SocketBaseline socket = SocketBaseline.Start();
            foreach (int size in TurnaroundSizes)
            {
                _cases.Add(socket.Turnaround(size, NextStreams(1), _durationMs));
            }

            foreach (int size in ThroughputSizes)
            {
                _cases.Add(socket.Throughput(size, NextStreams(1), _durationMs));
            }

            _receivers.Add(socket.Finish());
        }

        private BenchCase WithRatios(BenchCase c)
        {
            if (c.Transport == "socket" || c.Kind == "raw-copy")
            {
                return c;
            }

            BenchCase? socket = _cases.FirstOrDefault(s => s.Transport == "socket" && s.Kind == c.Kind && s.Size == c.Size);
            BenchCase? raw = _cases.FirstOrDefault(r => r.Transport == c.Transport && r.Kind == "raw-copy" && r.Size == c.Size);
            return c with
            {
                TimesSocket = socket != null && socket.MessagesPerSecond > 0 ? c.MessagesPerSecond / socket.MessagesPerSecond : null,
                FractionOfRawCopy = c.Kind == "throughput" && raw != null && raw.MegabytesPerSecond > 0 ? c.MegabytesPerSecond / raw.MegabytesPerSecond : null,
            };
        }

        private byte NextStreams(int count)
        {
            int first = _nextStream;
            _nextStream += count;
            return (byte)first;
        }

        private static ReceiverSummary Summary(string transport, string phase, RunReport report)
        {
            StatisticsReport? s = report.Statistics;
            int received = s?.MessagesReceived ?? 0;
            return new ReceiverSummary(transport, phase, report.Verified, received, s?.DoorbellsRung ?? 0, received > 0 ? (double)s!.DoorbellsRung / received : 0, report.Error);
        }
    }
}
