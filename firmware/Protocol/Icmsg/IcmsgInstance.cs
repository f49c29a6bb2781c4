using System;
using System.Threading;
using NfIcbmsg.Hal;
using NfIcbmsg.Pbuf;

namespace NfIcbmsg.Icmsg
{
    /// <summary>
    /// The plain ICMsg backend (<c>zephyr,ipc-icmsg</c>, docs/protocol.md §5): one endpoint per instance, payloads
    /// inside the ring, each ring spanning its whole region. Registering the endpoint opens the link
    /// and deregistering closes it, as in Zephyr; in the session modes the peer may close and reopen,
    /// which reaches the endpoint as unbound then bound.
    /// </summary>
    public sealed class IcmsgInstance : IpcInstance, IIcmsgListener
    {
        private const int RetryIntervalMs = 10;

        private readonly IcmsgLink _link;
        private readonly RxBuffer _rxBuffer;
        private readonly object _sync = new object();
        private Endpoint _endpoint;
        private bool _linkOpen;
        private bool _openPending;

        /// <summary>Lays out both rings; throws <see cref="ArgumentException"/> naming what does not fit.</summary>
        public IcmsgInstance(InstanceConfig config, ISharedMemory memory, IMailboxTx txLine, IMailboxRx rxLine)
            : base(config, memory, txLine, rxLine)
        {
            if (config.Backend != BackendKind.Icmsg)
            {
                throw new ArgumentException("the configuration is not an ICMsg instance");
            }

            bool handshake = config.Unbound != UnboundMode.Disable;
            PacketBuffer tx = new PacketBuffer(memory, PacketBufferLayout.Create(config.TxRegionAddress, WindowOffset(memory, config.TxRegionAddress, config.TxRegionSize, "tx"), config.TxRegionSize, config.DcacheAlignment, handshake));
            PacketBuffer rx = new PacketBuffer(memory, PacketBufferLayout.Create(config.RxRegionAddress, WindowOffset(memory, config.RxRegionAddress, config.RxRegionSize, "rx"), config.RxRegionSize, config.DcacheAlignment, handshake));
            MaxPacket = tx.Layout.MaxPacketLength < config.PeerRxBufferSize ? tx.Layout.MaxPacketLength : config.PeerRxBufferSize;
            _link = new IcmsgLink(tx, rx, txLine, config.Unbound, config.RxBufferSize, config.PeerRxBufferSize, this, Statistics);
            _rxBuffer = new RxBuffer(this, memory, 0);
        }

        /// <inheritdoc />
        public override bool IsBonded
        {
            get { return _link.IsConnected; }
        }

        /// <inheritdoc />
        public override int MaxMessageSize
        {
            get { return MaxPacket; }
        }

        /// <summary>The link's state, for diagnostics.</summary>
        public IcmsgState LinkState
        {
            get { return _link.State; }
        }

        private int MaxPacket { get; }

        /// <inheritdoc />
        public override Endpoint RegisterEndpoint(EndpointConfig config)
        {
            if (config == null)
            {
                throw new ArgumentNullException(nameof(config));
            }

            lock (_sync)
            {
                if (_endpoint != null && _endpoint.Config != config && _endpoint.State != EndpointState.Deregistered)
                {
                    throw new InvalidOperationException("an ICMsg instance has one endpoint");
                }

                if (_endpoint == null || _endpoint.Config != config)
                {
                    _endpoint = new Endpoint(this, config, 0);
                }
                else if (_endpoint.State != EndpointState.Deregistered && _endpoint.State != EndpointState.Unbound)
                {
                    throw new ArgumentException("this endpoint configuration is registered already", nameof(config));
                }

                _endpoint.State = EndpointState.Configured;
                _endpoint.Address = 0;
                _openPending = true;
            }

            Wake();
            return _endpoint;
        }

        /// <inheritdoc />
        void IIcmsgListener.OnLinkBound()
        {
            Endpoint endpoint;
            lock (_sync)
            {
                endpoint = _endpoint;
                if (endpoint != null)
                {
                    endpoint.State = EndpointState.Ready;
                }
            }

            if (endpoint != null)
            {
                InvokeEndpointHandler(endpoint.Config.Bound, endpoint);
            }
        }

        /// <inheritdoc />
        void IIcmsgListener.OnLinkUnbound()
        {
            Endpoint endpoint;
            lock (_sync)
            {
                endpoint = _endpoint;
                if (endpoint != null)
                {
                    endpoint.State = EndpointState.Unbound;
                }
            }

            if (endpoint != null)
            {
                InvokeEndpointHandler(endpoint.Config.Unbound, endpoint);
            }
        }

        /// <inheritdoc />
        void IIcmsgListener.OnPacket(byte[] packet, int length)
        {
            Endpoint endpoint = _endpoint;
            if (endpoint == null || endpoint.State != EndpointState.Ready)
            {
                Statistics.CountRejected(RejectReason.EndpointNotReady);
                ReportRejected(RejectReason.EndpointNotReady, "packet of " + length.ToString() + " bytes for an endpoint that is not bound");
                return;
            }

            Statistics.CountReceived(length);
            _rxBuffer.ActivateArray(endpoint, packet, length);
            InvokeReceived(endpoint, _rxBuffer);
            _rxBuffer.Invalidate();
        }

        /// <inheritdoc />
        void IIcmsgListener.OnRejected(RejectReason reason, string detail)
        {
            ReportRejected(reason, detail);
        }

        /// <inheritdoc />
        protected override void OpenLink()
        {
            // Zephyr opens an ICMsg link when its endpoint registers; see Process.
        }

        /// <inheritdoc />
        protected override void CloseLink()
        {
            _link.Close();
        }

        /// <inheritdoc />
        protected override int Process()
        {
            bool open;
            lock (_sync)
            {
                open = _openPending;
                _openPending = false;
            }

            if (open)
            {
                _link.Open();
                _linkOpen = true;
            }

            if (!_linkOpen)
            {
                return -1;
            }

            bool bonding = _link.Process(this);
            if (bonding)
            {
                _link.RepeatBondingDoorbell();
                return RetryIntervalMs;
            }

            return -1;
        }

        internal override SendStatus SendCopy(Endpoint endpoint, byte[] data, int index, int count, int timeoutMs)
        {
            if (count == 0 || count > MaxPacket)
            {
                // The ring has no empty packet (a reader takes length 0 for corruption).
                throw new ArgumentOutOfRangeException(nameof(count), "a plain ICMsg message has 1.." + MaxPacket.ToString() + " bytes, not " + count.ToString());
            }

            if (endpoint.State != EndpointState.Ready)
            {
                return SendStatus.NotBound;
            }

            // The reader never rings the writer when it frees ring space, so a full ring is polled
            // until the timeout; never on the receive thread, which is the one that would free it.
            long deadline = timeoutMs > 0 ? Environment.TickCount64 + timeoutMs : 0;
            int result = _link.Send(data, index, count);
            while (result == -Errno.ENOMEM)
            {
                if (timeoutMs == 0 || OnReceiveThread || (timeoutMs > 0 && Environment.TickCount64 >= deadline))
                {
                    return SendStatus.RingFull;
                }

                Thread.Sleep(1);
                result = _link.Send(data, index, count);
            }

            if (result < 0)
            {
                return result == -Errno.EINVAL ? SendStatus.LinkFault : SendStatus.NotBound;
            }

            Statistics.CountSent(count);
            return SendStatus.Sent;
        }

        internal override TxLease Lease(Endpoint endpoint, int size, int timeoutMs)
        {
            throw new NotSupportedException();
        }

        internal override SendStatus SendLease(Endpoint endpoint, TxLeaseSlot lease, int length)
        {
            throw new NotSupportedException();
        }

        internal override void DropLease(TxLeaseSlot lease)
        {
            throw new NotSupportedException();
        }

        internal override void Deregister(Endpoint endpoint)
        {
            lock (_sync)
            {
                if (endpoint != _endpoint || endpoint.State == EndpointState.Deregistered)
                {
                    throw new InvalidOperationException("the endpoint is not registered");
                }

                endpoint.State = EndpointState.Deregistered;
            }

            _link.Close();
            _linkOpen = false;
        }

        internal override void ReleaseRx(RxBuffer buffer)
        {
            throw new NotSupportedException();
        }
    }
}
