using System.Diagnostics;
using System.Threading;
using NfIcbmsg.Sim.Traffic;

namespace NfIcbmsg.Sim.Run
{
    /// <summary>Sends one pattern message at a time and times its echo: round-trip latency of <see cref="RunOptions.Count"/> pings.</summary>
    public sealed class PingApp : EndpointApp
    {
        private readonly StreamVerifier _echoes;
        private readonly AutoResetEvent _echoed = new AutoResetEvent(false);
        private readonly long[] _roundTrips;
        private long _arrival;
        private int _completed;

        public PingApp(string name, byte stream, RunOptions options)
            : base(name, stream, options)
        {
            _echoes = new StreamVerifier(name, options.Check);
            _roundTrips = new long[options.Count];
        }

        public override bool Verified => Error == null && _completed == Options.Count && _echoes.Failed == 0 && _echoes.Messages == Options.Count;

        public override void Run()
        {
            byte[] message = new byte[Options.Size.Max];
            for (uint sequence = 0; sequence < Options.Count && !Options.Stop.IsCancellationRequested; sequence++)
            {
                int length = Options.Size.LengthOf(sequence);
                MessagePattern.Fill(message, sequence, Stream, length);
                long start = Stopwatch.GetTimestamp();
                SendStatus status = TxSender.Send(BoundEndpoint, message, length, Options.TimeoutMs, Options.ZeroCopy);
                if (status != SendStatus.Sent)
                {
                    Fail($"ping {sequence}: {TxSender.Describe(status, Options.TimeoutMs)}");
                    return;
                }

                if (!_echoed.WaitOne(Options.TimeoutMs))
                {
                    Fail($"no echo of ping {sequence} within {Options.TimeoutMs} ms (is the peer in echo mode?)");
                    return;
                }

                if (_echoes.Messages != sequence + 1)
                {
                    Fail($"{_echoes.Messages} echoes arrived for {sequence + 1} pings");
                    return;
                }

                _roundTrips[sequence] = Volatile.Read(ref _arrival) - start;
                _completed++;
            }
        }

        public override EndpointReport Report()
        {
            return BaseReport() with
            {
                Sent = _completed,
                Received = _echoes.Messages,
                Failed = _echoes.Failed,
                Latency = LatencySummary.FromTicks((long[])_roundTrips.Clone(), _completed),
                Error = Error ?? _echoes.FirstError,
            };
        }

        protected override void OnReceived(RxBuffer buffer)
        {
            Volatile.Write(ref _arrival, Stopwatch.GetTimestamp());
            _echoes.Accept(CopyOut(buffer), Stream);
            _echoed.Set();
        }
    }
}
