using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using NfIcbmsg.Platform.InMemory;
using NfIcbmsg.Sim.Traffic;

namespace NfIcbmsg.Sim.Demo
{
    /// <summary>
    /// The equivalent of Zephyr's multi_endpoint sample on two simulated cores: each instance is a
    /// <see cref="SimulatedPair"/>, each endpoint sends a pattern stream both ways at once from its
    /// own threads, and every message is checked on arrival.
    /// </summary>
    public sealed class DemoRun : IDisposable
    {
        private readonly List<SimulatedPair> _pairs = new List<SimulatedPair>();
        private readonly List<DemoStream> _streams = new List<DemoStream>();
        private readonly List<(Endpoint Endpoint, DemoStream Stream)> _senders = new List<(Endpoint, DemoStream)>();
        private readonly List<(string Instance, Endpoint A, Endpoint B)> _endpoints = new List<(string, Endpoint, Endpoint)>();
        private readonly CountdownEvent _bound;
        private readonly int _minSize;
        private readonly int _maxSize;
        private readonly int _timeoutMs;

        public DemoRun(IReadOnlyList<DemoInstance> instances, int messages, int minSize, int maxSize, int timeoutMs)
        {
            _minSize = minSize;
            _maxSize = maxSize;
            _timeoutMs = timeoutMs;
            _bound = new CountdownEvent(instances.Sum(i => i.Endpoints.Count) * 2);
            byte id = 0;
            foreach (DemoInstance instance in instances)
            {
                SimulatedPair pair = new SimulatedPair(instance.Config);
                _pairs.Add(pair);
                int max = Math.Min(pair.SideA.MaxMessageSize, pair.SideB.MaxMessageSize);
                if (_maxSize > max)
                {
                    throw new ArgumentOutOfRangeException(nameof(maxSize), maxSize, $"instance {instance.Config.Name} carries at most {max} bytes per message");
                }

                foreach (string name in instance.Endpoints)
                {
                    DemoStream aToB = new DemoStream(instance.Config.Name, name, "A→B", id++, messages);
                    DemoStream bToA = new DemoStream(instance.Config.Name, name, "B→A", id++, messages);
                    _streams.Add(aToB);
                    _streams.Add(bToA);
                    Endpoint a = pair.SideA.RegisterEndpoint(Config(name, bToA));
                    Endpoint b = pair.SideB.RegisterEndpoint(Config(name, aToB));
                    _senders.Add((a, aToB));
                    _senders.Add((b, bToA));
                    _endpoints.Add((instance.Config.Name, a, b));
                }
            }
        }

        public IReadOnlyList<DemoStream> Streams => _streams;

        public IReadOnlyList<SimulatedPair> Pairs => _pairs;

        /// <summary>Instance name and the two sides' endpoints, with the addresses they bound to.</summary>
        public IReadOnlyList<(string Instance, Endpoint A, Endpoint B)> Endpoints => _endpoints;

        public TimeSpan Elapsed { get; private set; }

        public int TotalMessages => _streams.Sum(s => s.Messages);

        public int TotalVerified => _streams.Sum(s => s.Verified);

        /// <summary>Opens both sides of every instance and waits until every endpoint is bound on both.</summary>
        public bool Bind()
        {
            foreach (SimulatedPair pair in _pairs)
            {
                pair.Open();
            }

            return _bound.Wait(_timeoutMs);
        }

        /// <summary>Sends every stream from its own thread and waits until all arrived or the time is up.</summary>
        public bool Exchange(Action<int> progress)
        {
            Stopwatch clock = Stopwatch.StartNew();
            DateTime deadline = DateTime.UtcNow.AddMilliseconds(_timeoutMs + (long)TotalMessages);
            Thread[] threads = _senders.Select(s => new Thread(() => SendStream(s.Endpoint, s.Stream, deadline)) { IsBackground = true }).ToArray();
            foreach (Thread thread in threads)
            {
                thread.Start();
            }

            while (DateTime.UtcNow < deadline && !_streams.All(s => s.Verified + s.Failed >= s.Messages))
            {
                progress(TotalVerified);
                Thread.Sleep(50);
            }

            foreach (Thread thread in threads)
            {
                thread.Join(TimeSpan.FromSeconds(1));
            }

            Elapsed = clock.Elapsed;
            progress(TotalVerified);
            return _streams.All(s => s.Complete);
        }

        public void Dispose()
        {
            foreach (SimulatedPair pair in _pairs)
            {
                pair.Dispose();
            }
        }

        private EndpointConfig Config(string name, DemoStream incoming)
        {
            return new EndpointConfig(name)
            {
                Bound = _ => _bound.Signal(),
                Received = (_, buffer) => Verify(buffer, incoming),
            };
        }

        private static void Verify(RxBuffer buffer, DemoStream stream)
        {
            byte[] copy = new byte[buffer.Length];
            buffer.Read(0, copy, 0, copy.Length);
            string? error = MessagePattern.Verify(copy, stream.NextExpected, stream.Id);
            if (error == null)
            {
                stream.CountVerified(copy.Length);
            }
            else
            {
                stream.CountFailed($"{stream.Instance}/{stream.Endpoint} {stream.Direction}: {error}");
            }
        }

        private void SendStream(Endpoint endpoint, DemoStream stream, DateTime deadline)
        {
            byte[] message = new byte[_maxSize];
            for (uint sequence = 0; sequence < stream.Messages; sequence++)
            {
                int length = MessagePattern.LengthOf(sequence, _minSize, _maxSize);
                MessagePattern.Fill(message, sequence, stream.Id, length);
                SendStatus status;
                do
                {
                    status = endpoint.TrySend(message, 0, length, 100);
                }
                while (status == SendStatus.NoBuffers && DateTime.UtcNow < deadline);

                if (status != SendStatus.Sent)
                {
                    stream.CountFailed($"{stream.Instance}/{stream.Endpoint} {stream.Direction}: send of message {sequence} ended with {status}");
                    return;
                }

                stream.CountSent();
            }
        }
    }
}
