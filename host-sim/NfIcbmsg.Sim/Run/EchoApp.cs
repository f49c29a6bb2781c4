using System;
using System.Collections.Generic;
using System.Threading;

namespace NfIcbmsg.Sim.Run
{
    /// <summary>
    /// Sends every message back on the endpoint it came on. The echo is sent from the received
    /// callback when blocks are free; otherwise the message is held (which keeps the peer's blocks
    /// taken: natural back-pressure) and echoed from the app's thread, which may wait. Either way the
    /// echo is written before the message is released, and echoes keep the order of arrival. A
    /// message that cannot be echoed is counted as failed and serving goes on with the next one.
    /// </summary>
    public sealed class EchoApp : EndpointApp
    {
        private readonly Queue<RxBuffer> _backlog = new Queue<RxBuffer>();
        private byte[] _tx = new byte[256];
        private int _received;
        private int _echoed;

        public EchoApp(string name, byte stream, RunOptions options)
            : base(name, stream, options)
        {
        }

        public int Echoed => Volatile.Read(ref _echoed);

        public override bool Verified
        {
            get
            {
                int received = Volatile.Read(ref _received);
                return Error == null && received == Echoed && (Options.Count == 0 ? received > 0 : received == Options.Count);
            }
        }

        public override void Run()
        {
            string error = Serve.UntilDone(() => Volatile.Read(ref _received), Options, BacklogEmpty, EchoBacklog, () => Halted);
            if (error != null)
            {
                Fail(error);
            }

            // A failed echo is counted and the next messages are echoed again (unless --stop-on-fault);
            // whatever is held must still go back to the peer.
            EchoBacklog();
        }

        public override EndpointReport Report()
        {
            return BaseReport() with { Sent = Echoed, Received = Volatile.Read(ref _received), Failed = Faults };
        }

        protected override void OnReceived(RxBuffer buffer)
        {
            Interlocked.Increment(ref _received);
            lock (_backlog)
            {
                if (_backlog.Count == 0 && !Halted)
                {
                    int length = buffer.Length;
                    if (length > Endpoint.TxBufferSize)
                    {
                        Fail($"a message of {length} bytes cannot be echoed: this side sends at most {Endpoint.TxBufferSize}");
                        return;
                    }

                    CopyOut(buffer);
                    SendStatus status = TxSender.Send(Endpoint, RxBytes, length, 0, Options.ZeroCopy);
                    if (status == SendStatus.RingFull)
                    {
                        // ICMsg: a received message cannot be held, so wait here for the peer to read its ring.
                        status = TxSender.Send(Endpoint, RxBytes, length, Options.TimeoutMs, Options.ZeroCopy);
                    }

                    if (status == SendStatus.Sent)
                    {
                        Interlocked.Increment(ref _echoed);
                        return;
                    }

                    if (status != SendStatus.NoBuffers)
                    {
                        Fail($"echo of message {Volatile.Read(ref _received) - 1}: {TxSender.Describe(status, status == SendStatus.RingFull ? Options.TimeoutMs : 0)}");
                        return;
                    }
                }

                if (Halted)
                {
                    return;
                }

                buffer.Hold();
                _backlog.Enqueue(buffer);
            }
        }

        private bool BacklogEmpty()
        {
            lock (_backlog)
            {
                return _backlog.Count == 0;
            }
        }

        private void EchoBacklog()
        {
            while (true)
            {
                RxBuffer held;
                lock (_backlog)
                {
                    if (_backlog.Count == 0)
                    {
                        return;
                    }

                    // Peek, not dequeue: while this echo is being sent, new arrivals must queue behind it.
                    held = _backlog.Peek();
                }

                int length = held.Length;
                if (_tx.Length < length)
                {
                    _tx = new byte[Math.Max(length, _tx.Length * 2)];
                }

                held.Read(0, _tx, 0, length);
                if (!Halted)
                {
                    SendStatus status = length > Endpoint.TxBufferSize ? SendStatus.NoBuffers : TxSender.Send(Endpoint, _tx, length, Options.TimeoutMs, Options.ZeroCopy);
                    if (status == SendStatus.Sent)
                    {
                        Interlocked.Increment(ref _echoed);
                    }
                    else
                    {
                        Fail($"echo of a held message: {TxSender.Describe(status, Options.TimeoutMs)}");
                    }
                }

                lock (_backlog)
                {
                    _backlog.Dequeue();
                }

                held.Release();
            }
        }
    }
}
