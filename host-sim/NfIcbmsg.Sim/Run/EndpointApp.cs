using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace NfIcbmsg.Sim.Run
{
    /// <summary>
    /// The application behind one endpoint of `run`: receives on the instance's receive thread,
    /// works on its own thread once bound (<see cref="Run"/>), settles after the instance drained
    /// (<see cref="Finish"/>), then reports. The first failure is kept; later ones only count.
    /// </summary>
    public abstract class EndpointApp
    {
        private readonly ManualResetEventSlim _bound = new ManualResetEventSlim(false);
        private readonly List<string> _events = new List<string>();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private byte[] _rx = new byte[256];
        private string? _error;
        private int _faults;
        private int _generation;

        protected EndpointApp(string name, byte stream, RunOptions options)
        {
            Name = name;
            Stream = stream;
            Options = options;
        }

        /// <summary>The app of <paramref name="options"/>' mode for one endpoint.</summary>
        public static EndpointApp For(RunOptions options, string name, byte stream)
        {
            switch (options.Mode)
            {
                case RunMode.Echo:
                    return new EchoApp(name, stream, options);
                case RunMode.Source:
                    return new SourceApp(name, stream, options);
                case RunMode.Sink:
                    return new SinkApp(name, stream, options);
                default:
                    return new PingApp(name, stream, options);
            }
        }

        public string Name { get; }

        /// <summary>Stream id of the pattern this endpoint sends.</summary>
        public byte Stream { get; }

        /// <summary>The endpoint once bound; null until then.</summary>
        public Endpoint? Endpoint { get; private set; }

        public bool IsBound => _bound.IsSet;

        /// <summary>The endpoint, for the traffic that runs only once it is bound.</summary>
        protected Endpoint BoundEndpoint => Endpoint ?? throw new InvalidOperationException($"{Name} is not bound");

        public string? Error => Volatile.Read(ref _error);

        /// <summary>Sessions of the peer that ended so far: a message carries the one it came in.</summary>
        public int Generation => Volatile.Read(ref _generation);

        /// <summary>Faults so far (the first is <see cref="Error"/>).</summary>
        public int Faults => Volatile.Read(ref _faults);

        /// <summary>True once a fault ends this endpoint's work: with --stop-on-fault, or when the run is stopped.</summary>
        public bool Halted => Options.Stop.IsCancellationRequested || (Options.StopOnFault && Error != null);

        /// <summary>Bound and unbound events with their time, in order.</summary>
        public IReadOnlyList<string> Events
        {
            get
            {
                lock (_events)
                {
                    return _events.ToArray();
                }
            }
        }

        /// <summary>True when everything this endpoint did was verified.</summary>
        public abstract bool Verified { get; }

        protected RunOptions Options { get; }

        /// <summary>The last message <see cref="CopyOut"/> read (receive thread only).</summary>
        protected byte[] RxBytes => _rx;

        public EndpointConfig CreateConfig()
        {
            return new EndpointConfig(Name)
            {
                Bound = endpoint =>
                {
                    Endpoint = endpoint;
                    _bound.Set();
                    Event("bound");
                },
                Unbound = endpoint =>
                {
                    Interlocked.Increment(ref _generation);
                    Event("unbound (the peer closed its session)");

                    // A plain ICMsg session opens again when the endpoint registers again: a restarted
                    // peer is served as soon as it comes back.
                    endpoint.Instance.RegisterEndpoint(endpoint.Config);
                },
                Received = (_, buffer) => OnReceived(buffer),
                Error = (_, message) => Fail(message),
            };
        }

        /// <summary>Waits up to <paramref name="timeoutMs"/> for the peer's endpoint of the same name.</summary>
        public bool WaitBound(int timeoutMs)
        {
            try
            {
                return _bound.Wait(timeoutMs, Options.Stop);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        /// <summary>The endpoint's work once bound; every wait inside is bounded by the options' timeout.</summary>
        public abstract void Run();

        /// <summary>After the instance drained (all releases in both directions): settle what depends on it.</summary>
        public virtual void Finish()
        {
        }

        public abstract EndpointReport Report();

        /// <summary>A message arrived (receive thread: never wait here for free tx blocks).</summary>
        protected abstract void OnReceived(RxBuffer buffer);

        /// <summary>Records a fault: the first one is kept as the error, every one is counted.</summary>
        public void Fail(string message)
        {
            Interlocked.Increment(ref _faults);
            Interlocked.CompareExchange(ref _error, $"{Name}: {message}", null);
        }

        protected EndpointReport BaseReport()
        {
            return new EndpointReport { Name = Name, Address = Endpoint?.Address ?? -1, Verified = Verified, Error = Error, Events = Events };
        }

        private void Event(string what)
        {
            string line = $"{_clock.ElapsedMilliseconds} ms {what}";
            lock (_events)
            {
                _events.Add(line);
            }

            Options.Announce($"{Name}: {line}");
        }

        /// <summary>Copies a received message into a private array (the application's one copy); returns its bytes.</summary>
        protected ReadOnlySpan<byte> CopyOut(RxBuffer buffer)
        {
            int length = buffer.Length;
            if (_rx.Length < length)
            {
                _rx = new byte[Math.Max(length, _rx.Length * 2)];
            }

            buffer.Read(0, _rx, 0, length);
            return _rx.AsSpan(0, length);
        }
    }
}
