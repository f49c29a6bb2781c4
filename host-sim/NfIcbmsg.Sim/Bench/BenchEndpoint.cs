using System;
using System.Threading;

namespace NfIcbmsg.Sim.Bench
{
    /// <summary>An endpoint of the bench's own side; what it does with received messages changes per case.</summary>
    public sealed class BenchEndpoint
    {
        private readonly ManualResetEventSlim _bound = new ManualResetEventSlim(false);
        private Action<RxBuffer>? _received;
        private Endpoint? _endpoint;

        public BenchEndpoint(string name)
        {
            Config = new EndpointConfig(name)
            {
                Bound = endpoint =>
                {
                    _endpoint = endpoint;
                    _bound.Set();
                },
                Received = (_, buffer) => Volatile.Read(ref _received)?.Invoke(buffer),
            };
        }

        public EndpointConfig Config { get; }

        public Endpoint Endpoint => _endpoint ?? throw new InvalidOperationException($"{Config.Name} is not bound");

        public bool IsBound => _bound.IsSet;

        /// <summary>Runs on the receive thread for each message; null ignores them.</summary>
        public Action<RxBuffer>? Received
        {
            set => Volatile.Write(ref _received, value);
        }
    }
}
