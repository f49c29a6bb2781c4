using System;
using NfIcbmsg.Hal;
using NfIcbmsg.Icmsg;
using NfIcbmsg.Pbuf;

namespace NfIcbmsg.Icbmsg
{
    /// <summary>
    /// The ICBMsg backend (spec §6): an ICMsg link in legacy mode carries 3-byte control messages,
    /// payloads travel in shared blocks. The initiator (the side whose rx blocks lie lower) assigns
    /// endpoint addresses and sends MSG_BOUND; the follower answers MSG_RELEASE_BOUND once a local
    /// endpoint of that name exists. Everything the peer writes is read once, validated against this
    /// side's view of the regions, and dropped with a count when it fails.
    /// </summary>
    public sealed class IcbmsgInstance : IpcInstance, IIcmsgListener
    {
        /// <summary>Milliseconds between retries of deferred work (bonding doorbell, bindings, releases).</summary>
        public const int RetryIntervalMs = 10;

        private readonly RegionLayout _txLayout;
        private readonly RegionLayout _rxLayout;
        private readonly int _txBlocksOffset;
        private readonly int _rxBlocksOffset;
        private readonly bool _initiator;
        private readonly IcmsgLink _link;
        private readonly BlockAllocator _allocator;
        private readonly object _sync = new object();
        private readonly byte[] _control = new byte[ControlMessage.Length];
        private readonly Endpoint[] _endpoints;
        private readonly int[] _addressToSlot;
        private readonly int[] _parkedBlock;
        private readonly string[] _parkedName;
        private readonly TxLease[] _leases;
        private readonly TxBufferKind[] _txKind;
        private readonly int[] _boundAddress;
        private readonly RxBuffer[] _rxBuffers;
        private readonly bool[] _rxInUse;
        private readonly bool[] _releasePending;
        private readonly byte[] _nameBuffer;
        private int _registered;
        private bool _linkBound;
        private bool _passPending;
        private bool _releasesPending;
        private int _bondingPolls;

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
            CheckInWindow(memory, config.TxRegionAddress, config.TxRegionSize, "tx");
            CheckInWindow(memory, config.RxRegionAddress, config.RxRegionSize, "rx");
            if (_txLayout.Begin < _rxLayout.End && _rxLayout.Begin < _txLayout.End)
            {
                throw new ArgumentException("tx and rx regions overlap");
            }

            _initiator = _rxLayout.BlocksAddress < _txLayout.BlocksAddress;
            _txBlocksOffset = (int)(_txLayout.BlocksAddress - memory.BaseAddress);
            _rxBlocksOffset = (int)(_rxLayout.BlocksAddress - memory.BaseAddress);

            PacketBuffer tx = new PacketBuffer(memory, PacketBufferLayout.Create(_txLayout.Begin, (int)(_txLayout.Begin - memory.BaseAddress), _txLayout.IcmsgAreaSize, config.DcacheAlignment, false));
            PacketBuffer rx = new PacketBuffer(memory, PacketBufferLayout.Create(_rxLayout.Begin, (int)(_rxLayout.Begin - memory.BaseAddress), _rxLayout.IcmsgAreaSize, config.DcacheAlignment, false));
            _link = new IcmsgLink(tx, rx, txLine, UnboundMode.Disable, config.RxBufferSize, config.PeerRxBufferSize, this, Statistics);
            _allocator = new BlockAllocator(config.TxBlocks);

            int endpoints = config.EndpointCount;
            _endpoints = new Endpoint[endpoints];
            _addressToSlot = new int[endpoints];
            _parkedBlock = new int[endpoints];
            _parkedName = new string[endpoints];
            for (int i = 0; i < endpoints; i++)
            {
                _addressToSlot[i] = -1;
                _parkedBlock[i] = -1;
            }

            _leases = new TxLease[config.TxBlocks];
            _txKind = new TxBufferKind[config.TxBlocks];
            _boundAddress = new int[config.TxBlocks];
            for (int k = 0; k < config.TxBlocks; k++)
            {
                _leases[k] = new TxLease(memory, k, TxBlockOffset(k) + RegionLayout.BlockHeaderSize);
            }

            _rxBuffers = new RxBuffer[config.RxBlocks];
            _rxInUse = new bool[config.RxBlocks];
            _releasePending = new bool[config.RxBlocks];
            for (int k = 0; k < config.RxBlocks; k++)
            {
                _rxBuffers[k] = new RxBuffer(this, memory, k);
            }

            _nameBuffer = new byte[_rxLayout.MaxMessageSize];
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

        /// <summary>
        /// Follower: names the peer offered that no local endpoint matches yet (a Zephyr follower
        /// parks them silently; a typo would otherwise show only as a bind that never completes).
        /// </summary>
        public string[] GetParkedNames()
        {
            lock (_sync)
            {
                int count = 0;
                for (int i = 0; i < _parkedName.Length; i++)
                {
                    if (_parkedBlock[i] >= 0)
                    {
                        count++;
                    }
                }

                string[] names = new string[count];
                count = 0;
                for (int i = 0; i < _parkedName.Length; i++)
                {
                    if (_parkedBlock[i] >= 0)
                    {
                        names[count++] = _parkedName[i];
                    }
                }

                return names;
            }
        }

        /// <inheritdoc />
        public override Endpoint RegisterEndpoint(EndpointConfig config)
        {
            if (config == null)
            {
                throw new ArgumentNullException(nameof(config));
            }

            Endpoint endpoint;
            lock (_sync)
            {
                for (int i = 0; i < _registered; i++)
                {
                    Endpoint existing = _endpoints[i];
                    if (existing.Config == config)
                    {
                        if (existing.State != EndpointState.Deregistered)
                        {
                            throw new ArgumentException("this endpoint configuration is registered already", nameof(config));
                        }

                        existing.State = EndpointState.Rebounding;
                        _passPending = true;
                        Wake();
                        return existing;
                    }

                    if (existing.Name == config.Name)
                    {
                        throw new ArgumentException("an endpoint named '" + config.Name + "' is registered already", nameof(config));
                    }
                }

                if (_registered >= _endpoints.Length)
                {
                    throw new InvalidOperationException("all " + _endpoints.Length.ToString() + " endpoint slots are taken");
                }

                int nameLimit = (_initiator ? _txLayout.MaxMessageSize : _rxLayout.MaxMessageSize) - 1;
                if (config.Name.Length > nameLimit)
                {
                    throw new ArgumentException("endpoint name longer than the " + nameLimit.ToString() + " bytes the initiator's blocks hold", nameof(config));
                }

                int slot = _registered;
                endpoint = new Endpoint(this, config, slot);
                endpoint.State = EndpointState.Configured;
                if (_initiator)
                {
                    endpoint.Address = slot;
                    _addressToSlot[slot] = slot;
                }

                _endpoints[slot] = endpoint;
                _registered++;
                _passPending = true;
            }

            Wake();
            return endpoint;
        }

        /// <inheritdoc />
        void IIcmsgListener.OnLinkBound()
        {
            _linkBound = true;
            _passPending = true;
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
            if (address >= _endpoints.Length)
            {
                Reject(RejectReason.EndpointAddressOutOfRange, ControlMessage.Name(type) + " for address " + address.ToString() + " (endpoints: " + _endpoints.Length.ToString() + ")");
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
            _bondingPolls = 0;
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
                // Everything the drain sent (releases, bindings, sends from callbacks) shares one doorbell.
                _link.RingIfDeferred();
            }
        }

        private int ProcessOnce()
        {
            bool bonding = _link.Process(this);
            if (bonding)
            {
                // The peer may have missed our doorbell (rung before it listened): ring again, as
                // Zephyr before 4.1 did, until it answers.
                if (_bondingPolls++ > 0)
                {
                    _link.Ring();
                }

                return RetryIntervalMs;
            }

            if (_releasesPending)
            {
                RetryReleases();
            }

            if (_passPending && _linkBound)
            {
                RunBindingPass();
            }

            return _passPending || _releasesPending ? RetryIntervalMs : -1;
        }

        internal override SendStatus SendCopy(Endpoint endpoint, byte[] data, int index, int count, int timeoutMs)
        {
            if (endpoint.State != EndpointState.Ready)
            {
                return SendStatus.NotBound;
            }

            int allocated;
            int first = AllocateBlocks(_txLayout.BlocksFor(count), timeoutMs, out allocated);
            if (first < 0)
            {
                return SendStatus.NoBuffers;
            }

            Memory.Write(TxBlockOffset(first) + RegionLayout.BlockHeaderSize, data, index, count);
            return SendData(endpoint, first, count);
        }

        internal override TxLease Lease(Endpoint endpoint, int size, int timeoutMs)
        {
            if (endpoint.State != EndpointState.Ready)
            {
                return null;
            }

            int allocated;
            int first = AllocateBlocks(size == 0 ? 0 : _txLayout.BlocksFor(size), timeoutMs, out allocated);
            if (first < 0)
            {
                return null;
            }

            int capacity = allocated * _txLayout.BlockSize - RegionLayout.BlockHeaderSize;
            // Zephyr keeps the capacity in the header until the buffer is sent.
            Memory.WriteWord(TxBlockOffset(first), (uint)capacity);
            TxLease lease = _leases[first];
            lock (_sync)
            {
                _txKind[first] = TxBufferKind.Leased;
                lease.Activate(endpoint, allocated, capacity);
            }

            return lease;
        }

        internal override SendStatus SendLease(Endpoint endpoint, TxLease lease, int length)
        {
            int first = lease.FirstBlock;
            int keep = _txLayout.BlocksFor(length);
            if (keep < lease.BlockCount)
            {
                Statistics.AddTxBlocks(keep - lease.BlockCount);
                _allocator.Shrink(first, keep);
                lease.Shrink(keep, keep * _txLayout.BlockSize - RegionLayout.BlockHeaderSize);
            }

            lock (_sync)
            {
                lease.Deactivate();
            }

            if (endpoint.State != EndpointState.Ready)
            {
                FreeTx(first);
                return SendStatus.NotBound;
            }

            return SendData(endpoint, first, length);
        }

        internal override void DropLease(TxLease lease)
        {
            lock (_sync)
            {
                lease.Deactivate();
            }

            FreeTx(lease.FirstBlock);
        }

        internal override void Deregister(Endpoint endpoint)
        {
            lock (_sync)
            {
                if (endpoint.State != EndpointState.Ready)
                {
                    throw new InvalidOperationException("only a bound endpoint can be deregistered");
                }

                endpoint.State = EndpointState.Deregistered;
            }
        }

        internal override void ReleaseRx(RxBuffer buffer)
        {
            int block;
            lock (_sync)
            {
                if (!buffer.IsValid)
                {
                    return;
                }

                block = buffer.Block;
                buffer.Invalidate();
            }

            SendRelease(block);
        }

        private int AllocateBlocks(int count, int timeoutMs, out int allocated)
        {
            // Releases arrive on the receive thread: waiting there would wait for ever.
            if (OnReceiveThread)
            {
                timeoutMs = 0;
            }

            bool waited;
            int first = _allocator.Allocate(count, timeoutMs, out waited, out allocated);
            if (waited)
            {
                Statistics.CountAllocationWait();
            }

            if (first < 0)
            {
                if (timeoutMs != 0)
                {
                    Statistics.CountAllocationTimeout();
                }

                return -1;
            }

            Statistics.AddTxBlocks(allocated);
            return first;
        }

        private SendStatus SendData(Endpoint endpoint, int first, int length)
        {
            lock (_sync)
            {
                _txKind[first] = TxBufferKind.DataSent;
            }

            int result = SendBlock(ControlMessage.Data, endpoint.Address, first, length);
            if (result < 0)
            {
                FreeTx(first);
                return result == -Errno.ENOMEM ? SendStatus.RingFull : SendStatus.NotBound;
            }

            Statistics.CountSent(length);
            return SendStatus.Sent;
        }

        // Header, barrier and flush of the whole buffer, then the control message (spec §6.8).
        private int SendBlock(byte type, int address, int first, int size)
        {
            int offset = TxBlockOffset(first);
            Memory.WriteWord(offset, (uint)size);
            Memory.Barrier();
            Memory.Flush(offset, size + RegionLayout.BlockHeaderSize);
            return SendControl(type, address, first);
        }

        private int SendControl(byte type, int address, int block)
        {
            lock (_control)
            {
                ControlMessage.Encode(_control, type, address, block);
                return _link.Send(_control, 0, ControlMessage.Length, OnReceiveThread);
            }
        }

        private void FreeTx(int first)
        {
            lock (_sync)
            {
                _txKind[first] = TxBufferKind.None;
            }

            Statistics.AddTxBlocks(-_allocator.Free(first));
        }

        private void SendRelease(int block)
        {
            if (SendControl(ControlMessage.ReleaseData, 0, block) == ControlMessage.Length)
            {
                ReturnRxBlocks(block);
                return;
            }

            // The ring is full (the peer is not reading): keep the blocks marked and retry later.
            lock (_sync)
            {
                _releasePending[block] = true;
                _releasesPending = true;
            }

            Wake();
        }

        private void ReturnRxBlocks(int block)
        {
            int count;
            lock (_sync)
            {
                count = _rxBuffers[block].BlockCount;
                for (int i = block; i < block + count && i < _rxInUse.Length; i++)
                {
                    _rxInUse[i] = false;
                }
            }

            Statistics.AddRxBlocksHeld(-count);
        }

        private void RetryReleases()
        {
            lock (_sync)
            {
                _releasesPending = false;
            }

            for (int block = 0; block < _releasePending.Length; block++)
            {
                bool pending;
                lock (_sync)
                {
                    pending = _releasePending[block];
                    _releasePending[block] = false;
                }

                if (pending)
                {
                    SendRelease(block);
                }
            }
        }

        private void ReceiveData(int address, int block)
        {
            int size;
            int count;
            if (!ValidateRxBlock(block, "DATA", out size, out count))
            {
                return;
            }

            Endpoint endpoint = null;
            bool becameReady = false;
            lock (_sync)
            {
                int slot = _addressToSlot[address];
                if (slot >= 0)
                {
                    endpoint = _endpoints[slot];
                    if (endpoint.State == EndpointState.Bounding)
                    {
                        // The follower may send before its RELEASE_BOUND arrives (spec §13.4).
                        endpoint.State = EndpointState.Ready;
                        becameReady = true;
                    }
                    else if (endpoint.State != EndpointState.Ready)
                    {
                        endpoint = null;
                    }
                }

                if (endpoint != null)
                {
                    MarkRx(block, count);
                }
            }

            if (endpoint == null)
            {
                Reject(RejectReason.EndpointNotReady, "DATA for address " + address.ToString() + " which no bound endpoint holds");
                return;
            }

            if (becameReady)
            {
                InvokeEndpointHandler(endpoint.Config.Bound, endpoint);
            }

            RxBuffer buffer = _rxBuffers[block];
            buffer.ActivateShared(endpoint, RxBlockOffset(block) + RegionLayout.BlockHeaderSize, size, count);
            Statistics.AddRxBlocksHeld(count);
            Statistics.CountReceived(size);
            InvokeReceived(endpoint, buffer);
            if (!buffer.IsHeld)
            {
                ReleaseRx(buffer);
            }
        }

        private void ReceiveBound(int address, int block)
        {
            if (_initiator)
            {
                Reject(RejectReason.ControlMessageUnknown, "BOUND sent to the initiator");
                return;
            }

            int size;
            int count;
            if (!ValidateRxBlock(block, "BOUND", out size, out count))
            {
                return;
            }

            // Read the name once into private memory, then judge it there.
            Memory.Read(RxBlockOffset(block) + RegionLayout.BlockHeaderSize, _nameBuffer, 0, size);
            string name = AsciiName(_nameBuffer, size);
            if (name == null)
            {
                Reject(RejectReason.BoundNameInvalid, "BOUND for address " + address.ToString() + " carries no printable NUL-terminated name");
                return;
            }

            lock (_sync)
            {
                if (_parkedBlock[address] >= 0 || _addressToSlot[address] >= 0)
                {
                    name = null;
                }
                else
                {
                    _parkedBlock[address] = block;
                    _parkedName[address] = name;
                    _rxBuffers[block].ActivateShared(null, RxBlockOffset(block) + RegionLayout.BlockHeaderSize, size, count);
                    MarkRx(block, count);
                    _passPending = true;
                }
            }

            if (name == null)
            {
                Reject(RejectReason.BoundAddressInUse, "BOUND for address " + address.ToString() + " which is bound or waiting already");
                return;
            }

            Statistics.AddRxBlocksHeld(count);
        }

        private void ReceiveRelease(int block, bool bound, int address)
        {
            string name = bound ? "RELEASE_BOUND" : "RELEASE_DATA";
            if (block >= _txKind.Length)
            {
                Reject(RejectReason.BlockIndexOutOfRange, name + " for block " + block.ToString() + " of " + _txKind.Length.ToString());
                return;
            }

            Endpoint confirmed = null;
            lock (_sync)
            {
                TxBufferKind kind = _txKind[block];
                bool expected = bound ? kind == TxBufferKind.BoundSent && _boundAddress[block] == address : kind == TxBufferKind.DataSent;
                if (!expected)
                {
                    name = null;
                }
                else
                {
                    _txKind[block] = TxBufferKind.None;
                    if (bound)
                    {
                        int slot = _addressToSlot[address];
                        if (slot >= 0 && _endpoints[slot].State == EndpointState.Bounding)
                        {
                            confirmed = _endpoints[slot];
                            confirmed.State = EndpointState.Ready;
                        }
                    }
                }
            }

            if (name == null)
            {
                if (bound)
                {
                    Reject(RejectReason.ReleaseBoundUnexpected, "RELEASE_BOUND for address " + address.ToString() + " block " + block.ToString() + " which is not a pending binding");
                }
                else
                {
                    Reject(RejectReason.ReleaseOfFreeBlock, "RELEASE_DATA for block " + block.ToString() + " which holds no sent message");
                }

                return;
            }

            Statistics.AddTxBlocks(-_allocator.Free(block));
            _passPending = true;
            if (confirmed != null)
            {
                InvokeEndpointHandler(confirmed.Config.Bound, confirmed);
            }
        }

        private void RunBindingPass()
        {
            _passPending = false;
            for (int slot = 0; slot < _endpoints.Length; slot++)
            {
                Endpoint endpoint;
                EndpointState state;
                lock (_sync)
                {
                    endpoint = _endpoints[slot];
                    if (endpoint == null)
                    {
                        break;
                    }

                    state = endpoint.State;
                    if (state == EndpointState.Rebounding)
                    {
                        endpoint.State = EndpointState.Ready;
                    }
                }

                if (state == EndpointState.Rebounding)
                {
                    InvokeEndpointHandler(endpoint.Config.Bound, endpoint);
                }
                else if (_initiator && state == EndpointState.Configured && !SendBound(endpoint))
                {
                    _passPending = true;
                }
            }

            if (!_initiator)
            {
                for (int address = 0; address < _parkedBlock.Length; address++)
                {
                    AnswerParkedBound(address);
                }
            }
        }

        private bool SendBound(Endpoint endpoint)
        {
            int size = endpoint.Name.Length + 1;
            int allocated;
            int first = AllocateBlocks(_txLayout.BlocksFor(size), 0, out allocated);
            if (first < 0)
            {
                return false;
            }

            byte[] name = new byte[size];
            for (int i = 0; i < endpoint.Name.Length; i++)
            {
                name[i] = (byte)endpoint.Name[i];
            }

            Memory.Write(TxBlockOffset(first) + RegionLayout.BlockHeaderSize, name, 0, size);
            lock (_sync)
            {
                _txKind[first] = TxBufferKind.BoundSent;
                _boundAddress[first] = endpoint.Address;
                endpoint.State = EndpointState.Bounding;
            }

            if (SendBlock(ControlMessage.Bound, endpoint.Address, first, size) < 0)
            {
                // Transient (ring full): retried by the next pass (Zephyr gives up here, spec §13.1).
                lock (_sync)
                {
                    endpoint.State = EndpointState.Configured;
                }

                FreeTx(first);
                return false;
            }

            return true;
        }

        private void AnswerParkedBound(int address)
        {
            Endpoint match = null;
            int block;
            lock (_sync)
            {
                block = _parkedBlock[address];
                if (block < 0)
                {
                    return;
                }

                for (int slot = 0; slot < _registered; slot++)
                {
                    Endpoint candidate = _endpoints[slot];
                    if (candidate.State == EndpointState.Configured && candidate.Name == _parkedName[address])
                    {
                        match = candidate;
                        break;
                    }
                }
            }

            if (match == null)
            {
                return;
            }

            if (SendControl(ControlMessage.ReleaseBound, address, block) != ControlMessage.Length)
            {
                _passPending = true;
                return;
            }

            lock (_sync)
            {
                _parkedBlock[address] = -1;
                _parkedName[address] = null;
                match.Address = address;
                _addressToSlot[address] = match.Slot;
                match.State = EndpointState.Ready;
                _rxBuffers[block].Invalidate();
            }

            ReturnRxBlocks(block);
            InvokeEndpointHandler(match.Config.Bound, match);
        }

        // Checks a block the peer named against this side's view (spec §6.10) and that none of its
        // blocks is still held here. Reads the size header once.
        private bool ValidateRxBlock(int block, string what, out int size, out int count)
        {
            size = 0;
            count = 0;
            int blocks = _rxInUse.Length;
            if (block >= blocks)
            {
                Reject(RejectReason.BlockIndexOutOfRange, what + " names block " + block.ToString() + " of " + blocks.ToString());
                return false;
            }

            int offset = RxBlockOffset(block);
            Memory.Invalidate(offset, RegionLayout.BlockHeaderSize);
            uint header = Memory.ReadWord(offset);
            long room = (long)(blocks - block) * _rxLayout.BlockSize - RegionLayout.BlockHeaderSize;
            if (header > (uint)room)
            {
                Reject(RejectReason.BlockSizeInvalid, what + " in block " + block.ToString() + " claims " + header.ToString() + " bytes; " + room.ToString() + " fit");
                return false;
            }

            size = (int)header;
            count = _rxLayout.BlocksFor(size);
            bool overlap = false;
            lock (_sync)
            {
                for (int i = block; i < block + count; i++)
                {
                    overlap |= _rxInUse[i];
                }
            }

            if (overlap)
            {
                Reject(RejectReason.BlockInUse, what + " in block " + block.ToString() + " overlaps blocks this side still holds");
                return false;
            }

            Memory.Invalidate(offset + RegionLayout.BlockHeaderSize, size);
            return true;
        }

        private void MarkRx(int block, int count)
        {
            for (int i = block; i < block + count; i++)
            {
                _rxInUse[i] = true;
            }
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

        private static string AsciiName(byte[] bytes, int size)
        {
            int end = -1;
            for (int i = 0; i < size; i++)
            {
                if (bytes[i] == 0)
                {
                    end = i;
                    break;
                }
            }

            if (end <= 0)
            {
                return null;
            }

            char[] chars = new char[end];
            for (int i = 0; i < end; i++)
            {
                byte b = bytes[i];
                if (b < 0x20 || b > 0x7E)
                {
                    return null;
                }

                chars[i] = (char)b;
            }

            return new string(chars);
        }

        private static void CheckInWindow(ISharedMemory memory, uint address, int size, string which)
        {
            long offset = (long)address - memory.BaseAddress;
            if (offset < 0 || offset + size > memory.Length)
            {
                throw new ArgumentException(which + " region 0x" + address.ToString("X8") + "+" + size.ToString() + " lies outside the shared window 0x" + memory.BaseAddress.ToString("X8") + "+" + memory.Length.ToString());
            }
        }
    }
}
