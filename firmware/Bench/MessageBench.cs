using System;
using System.Threading;
using NfIcbmsg.Platform.InMemory;

namespace NfIcbmsg.Bench
{
    /// <summary>
    /// The managed cost of one message on the device runtime: an in-memory pair of cores (both sides in this
    /// process, so the time is all protocol and platform work), one endpoint each, one-way streams and
    /// ping-pong, copying and zero-copy. The sender is the calling thread; side B's receive thread reads
    /// (and echoes, for ping-pong).
    /// </summary>
    public sealed partial class MessageBench : IDisposable
    {
        private const int WaitMs = 10000;

        // Short timed batches per case; the fastest counts: other work on the machine only ever adds time, and
        // a short batch is more likely to run undisturbed than one long one.
        private const int Rounds = 20;

        private readonly SimulatedPair _pair;
        private readonly AutoResetEvent _bound = new AutoResetEvent(false);
        private readonly AutoResetEvent _done = new AutoResetEvent(false);
        private readonly AutoResetEvent _pong = new AutoResetEvent(false);
        private readonly byte[] _payload;
        private readonly byte[] _sink;
        private readonly Endpoint _a;
        private readonly Endpoint _b;
        private int _received;
        private int _target;
        private int _boundCount;
        private bool _pingPong;
        private bool _zeroCopy;
        private int _size;
        private int _failures;
        private bool _timeSends;
        private long _sendTicks;
        private int _unwaitedSends;

        /// <summary>Opens a pair for <paramref name="sideA"/> and binds one endpoint on each side.</summary>
        public MessageBench(InstanceConfig sideA, int maxSize)
        {
            _payload = new byte[maxSize];
            _sink = new byte[maxSize];
            for (int i = 0; i < maxSize; i++)
            {
                _payload[i] = (byte)i;
            }

            _pair = new SimulatedPair(sideA);
            EndpointConfig a = new EndpointConfig("bench");
            a.Bound = OnBound;
            a.Received = OnPong;
            EndpointConfig b = new EndpointConfig("bench");
            b.Bound = OnBound;
            b.Received = OnReceived;
            _pair.Open();
            _a = _pair.SideA.RegisterEndpoint(a);
            _b = _pair.SideB.RegisterEndpoint(b);
            long deadline = DateTime.UtcNow.Ticks + WaitMs * TimeSpan.TicksPerMillisecond;
            while (BoundCount < 2)
            {
                if (DateTime.UtcNow.Ticks > deadline)
                {
                    throw new InvalidOperationException("the bench endpoints did not bind within " + WaitMs.ToString() + " ms");
                }

                _bound.WaitOne(100, false);
            }
        }

        /// <summary>Side A (the sender).</summary>
        public IpcInstance SideA
        {
            get { return _pair.SideA; }
        }

        /// <summary>Side B (the receiver, or the echo of ping-pong).</summary>
        public IpcInstance SideB
        {
            get { return _pair.SideB; }
        }

        private int BoundCount
        {
            get
            {
                lock (_bound)
                {
                    return _boundCount;
                }
            }
        }

        /// <summary>
        /// Times <paramref name="messages"/> messages of <paramref name="size"/> bytes in twenty batches, the
        /// fastest batch counting, after a warm-up of a tenth as many, and converts with <paramref name="loopsPerMicrosecond"/> (<see cref="LoopCalibration"/>).
        /// Throws when a message goes missing or an echo fails, so a figure always stands for delivered traffic.
        /// </summary>
        public BenchResult Run(bool pingPong, bool zeroCopy, int size, int messages, double loopsPerMicrosecond)
        {
            if (size <= 0 || size > _payload.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(size));
            }

            _pingPong = pingPong;
            _zeroCopy = zeroCopy;
            _size = size;
            Batch(messages / 10 + 1);
            int batch = messages / Rounds < 10 ? 10 : messages / Rounds;
            long best = long.MaxValue;
            for (int round = 0; round < Rounds; round++)
            {
                long start = DateTime.UtcNow.Ticks;
                Batch(batch);
                long ticks = DateTime.UtcNow.Ticks - start;
                if (ticks < best)
                {
                    best = ticks;
                }
            }

            return new BenchResult(pingPong, zeroCopy, size, batch, best / 10.0, loopsPerMicrosecond);
        }

        /// <summary>Closes both sides.</summary>
        public void Dispose()
        {
            _pair.Dispose();
        }

        private void Batch(int messages)
        {
            lock (_done)
            {
                _received = 0;
                _target = messages;
                _failures = 0;
            }

            _done.Reset();
            for (int i = 0; i < messages; i++)
            {
                if (_timeSends)
                {
                    int waits = _pair.SideA.Statistics.AllocationWaits;
                    long before = DateTime.UtcNow.Ticks;
                    Send(_a);
                    long ticks = DateTime.UtcNow.Ticks - before;
                    if (_pair.SideA.Statistics.AllocationWaits == waits)
                    {
                        // A send that did not wait for blocks ran on its own (no other thread ran meanwhile).
                        _sendTicks += ticks;
                        _unwaitedSends++;
                    }
                }
                else
                {
                    Send(_a);
                }

                if (_pingPong && !_pong.WaitOne(WaitMs, false))
                {
                    throw new InvalidOperationException("no echo of message " + i.ToString() + " within " + WaitMs.ToString() + " ms");
                }
            }

            if (!_done.WaitOne(WaitMs, false))
            {
                throw new InvalidOperationException("side B received " + _received.ToString() + " of " + messages.ToString() + " messages within " + WaitMs.ToString() + " ms");
            }

            if (_failures != 0)
            {
                throw new InvalidOperationException(_failures.ToString() + " echoes could not be sent");
            }
        }

        // Waits for blocks off the receive thread; on it (the echo) the library turns the wait into a try.
        private SendStatus Send(Endpoint endpoint)
        {
            if (!_zeroCopy)
            {
                return endpoint.TrySend(_payload, 0, _size, -1);
            }

            TxLease lease = endpoint.GetTxBuffer(_size, -1);
            if (!lease.IsActive)
            {
                return SendStatus.NoBuffers;
            }

            lease.Write(0, _payload, 0, _size);
            return endpoint.TrySendNoCopy(lease, _size);
        }

        private void OnBound(Endpoint endpoint)
        {
            lock (_bound)
            {
                _boundCount++;
            }

            _bound.Set();
        }

        private void OnReceived(Endpoint endpoint, RxBuffer buffer)
        {
            if (_zeroCopy)
            {
                _sink[0] = buffer.ReadByte(buffer.Length - 1);
            }
            else
            {
                buffer.Read(0, _sink, 0, buffer.Length);
            }

            if (_pingPong && Send(_b) != SendStatus.Sent)
            {
                _failures++;
            }

            bool done;
            lock (_done)
            {
                done = ++_received == _target;
            }

            if (done)
            {
                _done.Set();
            }
        }

        private void OnPong(Endpoint endpoint, RxBuffer buffer)
        {
            _pong.Set();
        }
    }
}
