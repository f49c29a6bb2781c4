using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using NfIcbmsg.Hal;
using NfIcbmsg.Platform.InMemory;
using NfIcbmsg.Sim.Run;

namespace NfIcbmsg.Sim.Bench
{
    /// <summary>Both sides in this process: a <see cref="SimulatedPair"/> over the bench geometry, side B running `run`'s apps.</summary>
    public sealed class InProcessBenchLink : BenchLink
    {
        private SimulatedPair? _pair;
        private List<EndpointApp> _apps = new List<EndpointApp>();
        private Thread[] _threads = Array.Empty<Thread>();
        private Stopwatch _clock = new Stopwatch();

        private SimulatedPair Pair => _pair ?? throw new InvalidOperationException("the link has not started");

        public InProcessBenchLink()
            : base("in-process")
        {
        }

        public override ISharedMemory Memory => Pair.Memory;

        public override IpcStatistics ReceiverStatistics => Pair.SideB.Statistics;

        /// <summary>Array.Copy into the region's array, without the lock every protocol access takes.</summary>
        public override void RawCopy(int offset, byte[] source, int count)
        {
            byte[] region = Pair.Memory.BytesAt(offset, count, out int index);
            Array.Copy(source, 0, region, index, count);
        }

        public override void Start(RunMode receiverMode, IReadOnlyList<string> names, int idleMs)
        {
            _pair = new SimulatedPair(BenchGeometry.SideA());
            Sender = Pair.SideA;
            Endpoints = names.Select(n => new BenchEndpoint(n)).ToArray();
            RunOptions options = ReceiverOptions(receiverMode, names, idleMs);
            _apps = names.Select((n, i) => EndpointApp.For(options, n, (byte)i)).ToList();
            foreach (BenchEndpoint endpoint in Endpoints)
            {
                Pair.SideA.RegisterEndpoint(endpoint.Config);
            }

            foreach (EndpointApp app in _apps)
            {
                Pair.SideB.RegisterEndpoint(app.CreateConfig());
            }

            _clock = Stopwatch.StartNew();
            Pair.Open();
            bool bound = _apps.All(a => a.WaitBound(SetupTimeoutMs)) && Progress.WaitUntil(() => Endpoints.All(e => e.IsBound), () => 0, SetupTimeoutMs);
            if (!bound)
            {
                throw new BenchException($"in-process pair did not bind within {SetupTimeoutMs} ms");
            }

            _threads = _apps.Select(a => new Thread(a.Run) { IsBackground = true }).ToArray();
            foreach (Thread thread in _threads)
            {
                thread.Start();
            }
        }

        public override RunReport Finish()
        {
            foreach (Thread thread in _threads)
            {
                thread.Join();
            }

            foreach (EndpointApp app in _apps)
            {
                app.Finish();
            }

            IpcStatistics statistics = Pair.SideB.Statistics;
            bool verified = statistics.Rejected == 0 && _apps.All(a => a.Verified);
            return new RunReport
            {
                Mode = _apps[0].GetType().Name,
                Verified = verified,
                Error = verified ? null : _apps.Select(a => a.Error).FirstOrDefault(e => e != null) ?? $"{statistics.Rejected} inputs rejected",
                ElapsedMs = _clock.Elapsed.TotalMilliseconds,
                Endpoints = _apps.Select(a => a.Report()).ToArray(),
                Statistics = StatisticsReport.From(statistics),
            };
        }

        public override void Dispose()
        {
            _pair?.Dispose();
        }
    }
}
