using System;
using NfIcbmsg.Hal;
using NfIcbmsg.Icmsg;
using NfIcbmsg.Pbuf;

namespace NfIcbmsg.Icbmsg
{
    /// <summary>
    /// The ICBMsg backend (docs/protocol.md §6): an ICMsg link in legacy mode carries 3-byte control messages,
    /// payloads travel in shared blocks. The initiator (the side whose rx blocks lie lower) assigns
    /// endpoint addresses and sends MSG_BOUND; the follower answers MSG_RELEASE_BOUND once a local
    /// endpoint of that name exists. Everything the peer writes is read once, validated against this
    /// side's view of the regions, and dropped with a count when it fails.
    /// </summary>
    public sealed partial class IcbmsgInstance : IpcInstance, IIcmsgListener
    {
        /// <summary>Milliseconds between retries of deferred work (bonding doorbell, bindings, releases).</summary>
        public const int RetryIntervalMs = 10;

        // Fixed at construction: the layouts, where the blocks are, the role, the link.
        private readonly RegionLayout _txLayout;

        private readonly RegionLayout _rxLayout;

        private readonly int _txBlocksOffset;

        private readonly int _rxBlocksOffset;

        private readonly bool _initiator;

        private readonly bool _cached;

        private readonly IcmsgLink _link;

        // The state, each part with its owner, which states its own threading: the endpoints and bindings,
        // the blocks this side sent, the peer's blocks this side holds.
        private readonly EndpointTable _endpoints;

        private readonly TxBlockLedger _tx;

        private readonly RxBlockLedger _rx;

        // Receive thread only: the scratch for reading a peer's endpoint name, and whether the link bonded.
        private readonly byte[] _nameChunk = new byte[32];

        private bool _linkBound;

        /// <summary>
        /// Lays out both regions with Zephyr's formula and checks that they lie inside the window and
        /// do not overlap. Throws <see cref="ArgumentException"/> naming the value that does not fit.
        /// </summary>
        public IcbmsgInstance(InstanceConfig config, ISharedMemory memory, IMailboxTx txLine, IMailboxRx rxLine)
            : base(config, memory, txLine, rxLine)
        {
            if (config.Backend != BackendKind.Icbmsg)
            {
                throw new ArgumentException("the configuration is not an ICBMsg instance");
            }

            if (config.EndpointCount < 1 || config.EndpointCount > 254)
            {
                throw new ArgumentException("endpoint count " + config.EndpointCount.ToString() + " is outside 1..254");
            }

            _txLayout = RegionLayout.Compute(config.TxRegionAddress, config.TxRegionSize, config.TxBlocks, config.RxBlocks, config.DcacheAlignment);
            _rxLayout = RegionLayout.Compute(config.RxRegionAddress, config.RxRegionSize, config.RxBlocks, config.TxBlocks, config.DcacheAlignment);
            WindowOffset(memory, config.TxRegionAddress, config.TxRegionSize, "tx");
            WindowOffset(memory, config.RxRegionAddress, config.RxRegionSize, "rx");
            if (_txLayout.Begin < _rxLayout.End && _rxLayout.Begin < _txLayout.End)
            {
                throw new ArgumentException("tx and rx regions overlap");
            }

            _initiator = _rxLayout.BlocksAddress < _txLayout.BlocksAddress;
            _cached = memory.HasDataCache;
            _txBlocksOffset = (int)(_txLayout.BlocksAddress - memory.BaseAddress);
            _rxBlocksOffset = (int)(_rxLayout.BlocksAddress - memory.BaseAddress);

            PacketBuffer tx = new PacketBuffer(memory, PacketBufferLayout.Create(_txLayout.Begin, (int)(_txLayout.Begin - memory.BaseAddress), _txLayout.IcmsgAreaSize, config.DcacheAlignment, false));
            PacketBuffer rx = new PacketBuffer(memory, PacketBufferLayout.Create(_rxLayout.Begin, (int)(_rxLayout.Begin - memory.BaseAddress), _rxLayout.IcmsgAreaSize, config.DcacheAlignment, false));
            _link = new IcmsgLink(tx, rx, txLine, UnboundMode.Disable, config.RxBufferSize, config.PeerRxBufferSize, this, Statistics);
            _endpoints = new EndpointTable(config.EndpointCount);
            _tx = new TxBlockLedger(config.TxBlocks, memory, _txBlocksOffset, _txLayout.BlockSize, Statistics);
            _rx = new RxBlockLedger(config.RxBlocks, this, memory, Statistics);
        }

        /// <summary>Layout of the region this side writes.</summary>
        public RegionLayout TxLayout
        {
            get { return _txLayout; }
        }

        /// <summary>Layout of the region this side reads.</summary>
        public RegionLayout RxLayout
        {
            get { return _rxLayout; }
        }

        /// <summary>True when this side assigns endpoint addresses (its rx blocks lie lower).</summary>
        public bool IsInitiator
        {
            get { return _initiator; }
        }

        /// <inheritdoc />
        public override bool IsBonded
        {
            get { return _link.IsConnected; }
        }

        /// <inheritdoc />
        public override int MaxMessageSize
        {
            get { return _txLayout.MaxMessageSize; }
        }

        /// <inheritdoc />
        void IIcmsgListener.OnLinkBound()
        {
            _linkBound = true;
            _endpoints.RequestPass();
        }

        /// <inheritdoc />
        void IIcmsgListener.OnLinkUnbound()
        {
            // ICBMsg runs its link in legacy mode, which has no unbound.
        }

        /// <inheritdoc />
        void IIcmsgListener.OnPacket(byte[] packet, int length)
        {
            if (length < ControlMessage.Length)
            {
                Reject(RejectReason.ControlMessageTooShort, "control message of " + length.ToString() + " bytes");
                return;
            }

            byte type = packet[0];
            int address = packet[1];
            int block = packet[2];
            if (address >= _endpoints.Capacity)
            {
                Reject(RejectReason.EndpointAddressOutOfRange, ControlMessage.Name(type) + " for address " + address.ToString() + " (endpoints: " + _endpoints.Capacity.ToString() + ")");
                return;
            }

            switch (type)
            {
                case ControlMessage.Data:
                    ReceiveData(address, block);
                    break;
                case ControlMessage.ReleaseData:
                    ReceiveRelease(block, false, 0);
                    break;
                case ControlMessage.Bound:
                    ReceiveBound(address, block);
                    break;
                case ControlMessage.ReleaseBound:
                    ReceiveRelease(block, true, address);
                    break;
                default:
                    Reject(RejectReason.ControlMessageUnknown, ControlMessage.Name(type));
                    break;
            }
        }

        /// <inheritdoc />
        void IIcmsgListener.OnRejected(RejectReason reason, string detail)
        {
            ReportRejected(reason, detail);
        }

        /// <inheritdoc />
        protected override void OpenLink()
        {
            _link.Open();
        }

        /// <inheritdoc />
        protected override void CloseLink()
        {
            _link.Close();
        }

        /// <inheritdoc />
        protected override int Process()
        {
            try
            {
                return ProcessOnce();
            }
            finally
            {
                // Everything the drain sent (releases, bindings, sends from callbacks) is published with one
                // wr_idx store and shares one doorbell.
                _link.PublishDeferred();
            }
        }

        private int ProcessOnce()
        {
            bool bonding = _link.Process(this);
            if (bonding)
            {
                _link.RepeatBondingDoorbell();
                return RetryIntervalMs;
            }

            bool releasesPending = _rx.HasPendingReleases;
            if (releasesPending)
            {
                RetryReleases();
            }

            if (_linkBound && _endpoints.TakePass())
            {
                RunBindingPass();
            }

            return _endpoints.PassPending || _rx.HasPendingReleases ? RetryIntervalMs : -1;
        }

        private void Reject(RejectReason reason, string detail)
        {
            Statistics.CountRejected(reason);
            ReportRejected(reason, detail);
        }

        private int TxBlockOffset(int block)
        {
            return _txBlocksOffset + block * _txLayout.BlockSize;
        }

        private int RxBlockOffset(int block)
        {
            return _rxBlocksOffset + block * _rxLayout.BlockSize;
        }
    }
}
