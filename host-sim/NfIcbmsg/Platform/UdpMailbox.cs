using System;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using NfIcbmsg.Hal;

namespace NfIcbmsg.Platform
{
    /// <summary>
    /// One mailbox channel of the sim link (docs/sim-link.md) as a UDP line on loopback: raising
    /// channel N sends one datagram of one byte (N &amp; 0xFF) to 127.0.0.1:(port base + N); the side
    /// rung on N binds that port and takes each datagram as one interrupt. Datagrams of any other
    /// length are ignored and counted. A ring nobody listens to is lost, like an edge on an unwatched line.
    /// </summary>
    public sealed class UdpMailbox : IMailboxTx, IMailboxRx, IDisposable
    {
        /// <summary>The sim link's default port base.</summary>
        public const int DefaultPortBase = 47300;

        private readonly object _sync = new object();
        private readonly SocketAddress _target;
        private readonly byte[] _ring;
        private Socket? _sender;
        private Socket? _listener;
        private Thread? _thread;
        private DoorbellHandler? _handler;
        private long _raised;
        private long _sendFailures;
        private long _received;
        private long _ignored;

        /// <summary>Creates channel <paramref name="channel"/> of a mailbox whose lines start at <paramref name="portBase"/>. Binds nothing yet.</summary>
        public UdpMailbox(int portBase, int channel)
        {
            if (channel < 0 || portBase < 1 || portBase + (long)channel > IPEndPoint.MaxPort)
            {
                throw new ArgumentOutOfRangeException(nameof(channel), $"mailbox channel {channel} on port base {portBase} is not a UDP port 1..{IPEndPoint.MaxPort}");
            }

            PortBase = portBase;
            Channel = channel;
            Port = portBase + channel;
            _target = new IPEndPoint(IPAddress.Loopback, Port).Serialize();
            _ring = new[] { (byte)(channel & 0xFF) };
        }

        /// <summary>Port of channel 0.</summary>
        public int PortBase { get; }

        /// <summary>The mailbox channel number (the cell after the mbox phandle).</summary>
        public int Channel { get; }

        /// <summary>The UDP port of this line on 127.0.0.1.</summary>
        public int Port { get; }

        /// <summary>Datagrams sent by <see cref="Raise"/>.</summary>
        public long Raised => Interlocked.Read(ref _raised);

        /// <summary>Rings that could not be sent (counted, never thrown: a doorbell cannot fail the sender).</summary>
        public long SendFailures => Interlocked.Read(ref _sendFailures);

        /// <summary>One-byte datagrams taken as interrupts.</summary>
        public long Received => Interlocked.Read(ref _received);

        /// <summary>Datagrams ignored because their payload was not exactly one byte.</summary>
        public long Ignored => Interlocked.Read(ref _ignored);

        /// <summary>True while the port is bound.</summary>
        public bool IsBound
        {
            get
            {
                lock (_sync)
                {
                    return _listener != null;
                }
            }
        }

        /// <summary>Rings the peer: one datagram, no wait for anybody to receive it.</summary>
        public void Raise()
        {
            try
            {
                Sender().SendTo(_ring, SocketFlags.None, _target);
                Interlocked.Increment(ref _raised);
            }
            catch (SocketException)
            {
                Interlocked.Increment(ref _sendFailures);
            }
            catch (ObjectDisposedException)
            {
                Interlocked.Increment(ref _sendFailures);
            }
        }

        /// <summary>
        /// Binds 127.0.0.1:<see cref="Port"/> now, so that a port another process holds is reported
        /// before anything else starts. Throws <see cref="SimLinkException"/> naming the port and channel.
        /// </summary>
        [MemberNotNull(nameof(_listener))]
        public void Bind()
        {
            lock (_sync)
            {
                if (_listener != null)
                {
                    return;
                }

                Socket socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Loopback, Port));
                }
                catch (SocketException e)
                {
                    socket.Dispose();
                    string why = e.SocketErrorCode == SocketError.AddressAlreadyInUse ? "is already in use (is another side of this channel, or another run, still running?)" : "cannot be bound: " + e.Message;
                    throw new SimLinkException($"UDP port 127.0.0.1:{Port} of mailbox channel {Channel} (port base {PortBase}) {why}", e);
                }

                _listener = socket;
            }
        }

        /// <inheritdoc />
        public void Listen(DoorbellHandler handler)
        {
            lock (_sync)
            {
                // Bound under the lock (it is re-entrant), so that a Stop cannot close the socket in between.
                Bind();
                _handler = handler;
                if (_thread == null)
                {
                    Socket socket = _listener;
                    _thread = new Thread(() => ReceiveLoop(socket)) { IsBackground = true, Name = $"udp-mbox-{Channel}" };
                    _thread.Start();
                }
            }
        }

        /// <inheritdoc />
        public void Stop()
        {
            Thread? thread;
            lock (_sync)
            {
                _handler = null;
                thread = _thread;
                _thread = null;
                _listener?.Dispose();
                _listener = null;
            }

            if (thread != null && thread != Thread.CurrentThread)
            {
                thread.Join();
            }
        }

        /// <summary>Stops listening and closes both sockets.</summary>
        public void Dispose()
        {
            Stop();
            lock (_sync)
            {
                _sender?.Dispose();
                _sender = null;
            }
        }

        private Socket Sender()
        {
            Socket? sender = Volatile.Read(ref _sender);
            if (sender != null)
            {
                return sender;
            }

            lock (_sync)
            {
                _sender ??= new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                return _sender;
            }
        }

        private void ReceiveLoop(Socket socket)
        {
            // Large enough for any datagram, so an oversized one is seen whole and ignored, not truncated into a ring.
            byte[] buffer = new byte[65536];
            SocketAddress from = new SocketAddress(AddressFamily.InterNetwork);
            while (true)
            {
                int length;
                try
                {
                    length = socket.ReceiveFrom(buffer, SocketFlags.None, from);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.MessageSize || e.SocketErrorCode == SocketError.ConnectionReset)
                {
                    Interlocked.Increment(ref _ignored);
                    continue;
                }
                catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
                {
                    return;
                }

                if (length != 1)
                {
                    Interlocked.Increment(ref _ignored);
                    continue;
                }

                Interlocked.Increment(ref _received);
                DoorbellHandler? handler;
                lock (_sync)
                {
                    handler = _handler;
                }

                handler?.Invoke();
            }
        }
    }
}
