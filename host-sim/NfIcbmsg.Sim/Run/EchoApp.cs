using System;
using System.Collections.Generic;
using System.Threading;
using NfIcbmsg.Icbmsg;

namespace NfIcbmsg.Sim.Run
{
    /// <summary>
    /// Sends every message back on the endpoint it came on. The echo is sent from the received
    /// callback when it can go at once; otherwise the message waits in a backlog and is echoed from the
    /// app's thread, which may wait. ICBMsg keeps the message in its block (held: the peer's blocks stay
    /// taken, natural back-pressure); plain ICMsg has no hold, so the message is copied, which keeps the
    /// receive thread free to notice a peer that restarts. Echoes keep the order of arrival. A message
    /// that cannot be echoed is counted as failed and serving goes on; messages of a session the peer
    /// closed are dropped (and counted), never echoed into its next session.
    /// </summary>
    public sealed class EchoApp : EndpointApp
    {
        private readonly Queue<Pending> _backlog = new Queue<Pending>();
        private byte[] _tx = new byte[256];
        private int _received;
        private int _echoed;
        private int _dropped;

        public EchoApp(string name, byte stream, RunOptions options)
            : base(name, stream, options)
        {
        }

        public int Echoed => Volatile.Read(ref _echoed);

        /// <summary>Messages of a session the peer closed before they could be echoed.</summary>
        public int DroppedAtUnbound => Volatile.Read(ref _dropped);

        public override bool Verified
        {
            get
            {
                int received = Volatile.Read(ref _received);
                return Error == null && received == Echoed + DroppedAtUnbound && (Options.Count == 0 ? received > 0 : received == Options.Count);
            }
        }

        public override void Run()
        {
            string? error = Serve.UntilDone(() => Volatile.Read(ref _received), Options, BacklogEmpty, EchoBacklog, () => Halted);
            if (error != null)
            {
                Fail(error);
            }

            // Whatever is held must still go back to the peer.
            EchoBacklog();
        }

        public override EndpointReport Report()
        {
            return BaseReport() with { Sent = Echoed, Received = Volatile.Read(ref _received), Failed = Faults, DroppedAtUnbound = DroppedAtUnbound };
        }

        protected override void OnReceived(RxBuffer buffer)
        {
            Interlocked.Increment(ref _received);
            bool copies = !(BoundEndpoint.Instance is IcbmsgInstance);
            lock (_backlog)
            {
                if (_backlog.Count == 0 && !Halted)
                {
                    int length = buffer.Length;
                    if (length > BoundEndpoint.TxBufferSize)
                    {
                        Fail($"a message of {length} bytes cannot be echoed: this side sends at most {BoundEndpoint.TxBufferSize}");
                        return;
                    }

                    CopyOut(buffer);
                    SendStatus status = TxSender.Send(BoundEndpoint, RxBytes, length, 0, Options.ZeroCopy);
                    if (status == SendStatus.Sent)
                    {
                        Interlocked.Increment(ref _echoed);
                        return;
                    }

                    if (status != SendStatus.NoBuffers && status != SendStatus.RingFull)
                    {
                        Fail($"echo of message {Volatile.Read(ref _received) - 1}: {TxSender.Describe(status, 0)}");
                        return;
                    }
                }

                if (Halted)
                {
                    return;
                }

                if (copies)
                {
                    _backlog.Enqueue(new Pending(null, buffer.ToArray(), Generation));
                }
                else
                {
                    buffer.Hold();
                    _backlog.Enqueue(new Pending(buffer, null, Generation));
                }
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
                Pending next;
                lock (_backlog)
                {
                    if (_backlog.Count == 0)
                    {
                        return;
                    }

                    // Peek, not dequeue: while this echo is being sent, new arrivals must queue behind it.
                    next = _backlog.Peek();
                }

                byte[]? bytes = next.Copy;
                int length = bytes?.Length ?? next.Held!.Length;
                if (bytes == null)
                {
                    if (_tx.Length < length)
                    {
                        _tx = new byte[Math.Max(length, _tx.Length * 2)];
                    }

                    next.Held!.Read(0, _tx, 0, length);
                    bytes = _tx;
                }

                if (next.Generation != Generation)
                {
                    Interlocked.Increment(ref _dropped);
                }
                else if (!Halted)
                {
                    SendStatus status = length > BoundEndpoint.TxBufferSize ? SendStatus.NoBuffers : next.Copy != null ? SendInSession(bytes, length, next.Generation) : TxSender.Send(BoundEndpoint, bytes, length, Options.TimeoutMs, Options.ZeroCopy);
                    if (status == SendStatus.Sent)
                    {
                        Interlocked.Increment(ref _echoed);
                    }
                    else if (status == SendStatus.NotBound || next.Generation != Generation)
                    {
                        // The session ended while the echo waited (the endpoint turns unbound just
                        // before its callback counts the new generation): not this side's fault.
                        Interlocked.Increment(ref _dropped);
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

                next.Held?.Release();
            }
        }

        // Plain ICMsg: waits for ring space only while the message's session lasts, so an echo can
        // never land in the peer's next session (whose ring the handshake resets).
        private SendStatus SendInSession(byte[] bytes, int length, int generation)
        {
            System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                SendStatus status = generation == Generation ? TxSender.Send(BoundEndpoint, bytes, length, 0, false) : SendStatus.NotBound;
                if (status != SendStatus.RingFull || clock.ElapsedMilliseconds >= Options.TimeoutMs || Halted)
                {
                    return status;
                }

                Thread.Sleep(1);
            }
        }

        /// <summary>A message waiting for its echo: held in its block (ICBMsg) or copied (ICMsg), and the session it came in.</summary>
        // Exactly one of Held (zero-copy, ICBMsg) and Copy (plain ICMsg) is set.
        private sealed record Pending(RxBuffer? Held, byte[]? Copy, int Generation);
    }
}
