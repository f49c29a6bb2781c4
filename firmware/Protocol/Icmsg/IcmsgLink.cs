using System;
using NfIcbmsg.Hal;
using NfIcbmsg.Pbuf;

namespace NfIcbmsg.Icmsg
{
    /// <summary>
    /// One ICMsg link (docs/protocol.md §5): a tx ring this side writes, an rx ring it reads, and the doorbell.
    /// Bonds with the legacy magic (mode disable, which ICBMsg always uses) or with session handshake
    /// words (enable, detect). <see cref="Process"/> runs only on the instance's receive thread;
    /// <see cref="Send(byte[], int, int)"/> may run on any thread.
    /// </summary>
    public sealed class IcmsgLink
    {
        /// <summary>Shortest time between two repeated bonding doorbells, in milliseconds.</summary>
        public const int BondingRepeatMs = 10;

        private const int TripletLength = 3;
        private const int NoTriplet = -1;

        // Appended packets are published at the latest every this many, so that on a multi-core host a long
        // drain still hands releases back while it goes on (one wr_idx store per batch of this size).
        private const int MaxUnpublished = 8;

        private readonly PacketBuffer _tx;
        private readonly PacketBuffer _rx;
        private readonly IMailboxTx _doorbell;
        private readonly UnboundMode _mode;
        private readonly int _peerRxBufferSize;
        private readonly IIcmsgListener _listener;
        private readonly IpcStatistics _statistics;
        private readonly byte[] _rxBuffer;
        private readonly byte[] _magic = BondingMagic.ToArray();
        private readonly object _sync = new object();
        // Guards the tx ring's writer state (PacketBuffer's private indices and staging), _triplet and _ringDeferred.
        private readonly object _txLock = new object();
        private readonly byte[] _triplet = new byte[TripletLength];
        private bool _ringDeferred;
        private int _unpublished;
        private IcmsgState _state;
        private int _localSid;
        private int _remoteSid;
        private int _bondingPolls;
        private long _lastBondingRing;
        private bool _txFaulted;
        private uint _txFaultIndex;

        /// <summary>Creates a closed link.</summary>
        public IcmsgLink(PacketBuffer tx, PacketBuffer rx, IMailboxTx doorbell, UnboundMode mode, int rxBufferSize, int peerRxBufferSize, IIcmsgListener listener, IpcStatistics statistics)
        {
            if (tx == null || rx == null || doorbell == null || listener == null || statistics == null)
            {
                throw new ArgumentNullException();
            }

            if (rxBufferSize < BondingMagic.Length || peerRxBufferSize < BondingMagic.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(rxBufferSize));
            }

            if (mode != UnboundMode.Disable && (!tx.Layout.HasHandshake || !rx.Layout.HasHandshake))
            {
                throw new ArgumentException("session modes need rings laid out with the handshake word");
            }

            _tx = tx;
            _rx = rx;
            _doorbell = doorbell;
            _mode = mode;
            _peerRxBufferSize = peerRxBufferSize;
            _listener = listener;
            _statistics = statistics;
            _rxBuffer = new byte[rxBufferSize];

            // This link copies every packet out before it handles it, so the writer may have the space back then.
            _rx.ReleasesWhenCopied = true;
        }

        /// <summary>The link state.</summary>
        public IcmsgState State
        {
            get
            {
                lock (_sync)
                {
                    return _state;
                }
            }
        }

        /// <summary>True once bonded (and, in session modes, while the peer keeps its session).</summary>
        public bool IsConnected
        {
            get
            {
                IcmsgState state = State;
                return state == IcmsgState.ConnectedSidDisabled || state == IcmsgState.ConnectedSidEnabled;
            }
        }

        /// <summary>This side's session id (session modes; 0 otherwise).</summary>
        public int LocalSessionId
        {
            get { return _localSid; }
        }

        /// <summary>
        /// Opens the link (icmsg_open): in disable mode resets the tx ring and writes the magic; in
        /// session modes writes a new session id into the handshake word. Rings the peer once.
        /// The caller listens on the rx line before calling this. Returns 0 or -EALREADY.
        /// </summary>
        public int Open()
        {
            lock (_sync)
            {
                _bondingPolls = 0;
                _lastBondingRing = Environment.TickCount64;
                if (_mode == UnboundMode.Disable)
                {
                    if (_state != IcmsgState.Off)
                    {
                        return -Errno.EALREADY;
                    }

                    _state = IcmsgState.InitializingSidDisabled;
                    _rx.RxInit();
                    WriteMagic();
                }
                else
                {
                    _state = _mode == UnboundMode.Enable ? IcmsgState.InitializingSidEnabled : IcmsgState.InitializingSidDetect;
                    _rx.RxInit();
                    uint peerWord = _tx.ReadHandshake();
                    int ack = (int)(peerWord >> 16);
                    int previous = _localSid;
                    int sid = (int)(peerWord & 0xFFFF);
                    do
                    {
                        sid = (sid + 1) & 0xFFFF;
                    }
                    while (sid == 0 || sid == ack || sid == previous);

                    _localSid = sid;
                    _remoteSid = 0;
                    _rx.WriteHandshake((uint)sid);
                }
            }

            Ring();
            return 0;
        }

        /// <summary>
        /// Closes the link (icmsg_close): in session modes clears this side's handshake word so the
        /// peer sees unbound; rings the peer.
        /// </summary>
        public void Close()
        {
            lock (_sync)
            {
                if (_state == IcmsgState.Off)
                {
                    return;
                }

                if (_mode != UnboundMode.Disable)
                {
                    _rx.WriteHandshake(0);
                }

                _state = IcmsgState.Off;
            }

            Ring();
        }

        /// <summary>
        /// Sends one packet (icmsg_send). Returns the length, -EBUSY before bonding, -ENODATA for
        /// zero length, -EMSGSIZE above the peer's read buffer (a Zephyr peer would stall on it),
        /// -ENOMEM when the ring is full, -EINVAL when the peer's rd_idx is corrupt (counted as
        /// <see cref="RejectReason.TxReadIndexInvalid"/> and reported, on the calling thread, once per corrupt value).
        /// </summary>
        public int Send(byte[] data, int index, int length)
        {
            return Send(data, index, length, false);
        }

        /// <summary>
        /// As <see cref="Send(byte[], int, int)"/>; with <paramref name="deferRing"/> the doorbell is left for
        /// <see cref="PublishDeferred"/>. The receive thread defers while it drains, so a batch of sends costs
        /// one doorbell: a Zephyr receiver re-reads wr_idx after every packet it consumes, so one ring per
        /// batch loses nothing.
        /// </summary>
        public int Send(byte[] data, int index, int length, bool deferRing)
        {
            return Transmit(data, index, length, NoTriplet, deferRing, false);
        }

        /// <summary>
        /// Sends a packet of the three bytes given (ICBMsg's control messages) as
        /// <see cref="Send(byte[], int, int, bool)"/> does: they are staged in the link's own buffer under its tx
        /// lock, so senders on several threads need neither a buffer nor a lock of their own.
        /// </summary>
        public int SendTriplet(byte first, byte second, byte third, bool deferRing)
        {
            return Transmit(null, 0, TripletLength, (first << 16) | (second << 8) | third, deferRing, false);
        }

        /// <summary>
        /// Receive thread: writes a three-byte packet without publishing it. <see cref="PublishDeferred"/> at the
        /// end of the run, any send before it, or the eighth such packet publishes it, so up to eight of a drain's
        /// releases share one wr_idx store and one doorbell decision. The same results as <see cref="SendTriplet"/>.
        /// </summary>
        public int AppendTriplet(byte first, byte second, byte third)
        {
            return Transmit(null, 0, TripletLength, (first << 16) | (second << 8) | third, true, true);
        }

        // Sends data[index .. +length], or, when triplet is not NoTriplet, its three low bytes (high first);
        // with append it is written but not published.
        private int Transmit(byte[] data, int index, int length, int triplet, bool deferRing, bool append)
        {
            // One read of the state, without the lock: it changes under the lock, and a send racing a state
            // change is decided by whichever value it reads, with or without the lock.
            IcmsgState state = _state;
            if (state == IcmsgState.Disconnected)
            {
                // Zephyr reports success and drops; here the drop is at least counted.
                _statistics.CountSendDroppedUnbound();
                return length;
            }

            if (state != IcmsgState.ConnectedSidDisabled && state != IcmsgState.ConnectedSidEnabled)
            {
                return -Errno.EBUSY;
            }

            if (length == 0)
            {
                return -Errno.ENODATA;
            }

            if (length > _peerRxBufferSize)
            {
                return -Errno.EMSGSIZE;
            }

            int written;
            bool ring = false;
            bool saved = false;
            bool newFault;
            uint faultIndex;
            lock (_txLock)
            {
                if (triplet != NoTriplet)
                {
                    _triplet[0] = (byte)(triplet >> 16);
                    _triplet[1] = (byte)(triplet >> 8);
                    _triplet[2] = (byte)triplet;
                    data = _triplet;
                    index = 0;
                }

                if (append)
                {
                    written = _tx.Append(data, index, length);
                    if (written > 0 && ++_unpublished >= MaxUnpublished)
                    {
                        bool readerIdle = _tx.ReaderHasConsumed(Publish());
                        saved = !readerIdle;
                        ring = readerIdle;
                    }
                }
                else
                {
                    // Published before: packets appended and not yet published go out with this one.
                    int previous = _tx.PublishedWriteIndex;
                    written = _tx.Write(data, index, length);
                    if (written > 0)
                    {
                        _unpublished = 0;
                        bool readerIdle = _tx.ReaderHasConsumed(previous);
                        saved = !readerIdle;
                        ring = readerIdle && !deferRing;
                        _ringDeferred |= readerIdle && deferRing;
                    }
                }

                newFault = NoteTxFault(written, out faultIndex);
                if (written > 0)
                {
                    _statistics.CountControlSent();
                }
            }

            if (written < 0)
            {
                if (newFault)
                {
                    Reject(RejectReason.TxReadIndexInvalid, "peer rd_idx 0x" + faultIndex.ToString("X8") + " in this side's tx ring is misaligned or outside the ring of " + _tx.Layout.DataLength.ToString() + " bytes; nothing can be sent until it is valid");
                }

                return written;
            }

            Doorbell(ring, saved);
            return written;
        }

        /// <summary>
        /// Publishes what <see cref="AppendTriplet"/> wrote (one wr_idx store) and rings once if a deferred
        /// send, or this publication, found the reader idle. Receive thread, at the end of each run.
        /// </summary>
        public void PublishDeferred()
        {
            bool ring;
            bool saved = false;
            lock (_txLock)
            {
                ring = _ringDeferred;
                _ringDeferred = false;
                if (_tx.HasUnpublished)
                {
                    bool readerIdle = _tx.ReaderHasConsumed(Publish());
                    ring |= readerIdle;
                    saved = !readerIdle;
                }
            }

            Doorbell(ring, saved);
        }

        /// <summary>
        /// The doorbell handler's work (receive thread only): advances bonding and drains every packet
        /// that is in the ring, handing each to the listener. Returns true when bonding still waits for
        /// the peer, so the caller may ring again later in case the first doorbell was lost.
        /// </summary>
        public bool Process(IStopSignal stop)
        {
            bool again = true;
            while (again && !stop.IsStopping)
            {
                again = false;
                IcmsgState state = State;
                switch (state)
                {
                    case IcmsgState.InitializingSidDisabled:
                        again = ProcessLegacyBonding();
                        break;
                    case IcmsgState.InitializingSidDetect:
                        again = ProcessDetect();
                        break;
                    case IcmsgState.InitializingSidEnabled:
                        again = ProcessHandshake();
                        break;
                    case IcmsgState.ConnectedSidDisabled:
                        DrainPackets(stop, false);
                        break;
                    case IcmsgState.ConnectedSidEnabled:
                        DrainPackets(stop, true);
                        break;
                    default:
                        break;
                }
            }

            IcmsgState now = State;
            return now == IcmsgState.InitializingSidDisabled || now == IcmsgState.InitializingSidEnabled || now == IcmsgState.InitializingSidDetect;
        }

        /// <summary>
        /// Called by the receive thread each time it finds bonding still waiting: from the second call
        /// after <see cref="Open"/> on, rings again, since the peer may have missed the first doorbell
        /// (rung before it listened); Zephyr before 4.1 repeated it the same way until answered. Rings at
        /// most every <see cref="BondingRepeatMs"/>, however often the thread is woken.
        /// </summary>
        public void RepeatBondingDoorbell()
        {
            // At most once per interval: the peer's answer to a ring wakes this thread again, and two
            // sides that cannot bond (a corrupt handshake word) would otherwise ring each other flat out.
            long now = Environment.TickCount64;
            if (_bondingPolls++ > 0 && now - _lastBondingRing >= BondingRepeatMs)
            {
                _lastBondingRing = now;
                Ring();
            }
        }

        /// <summary>Rings the peer once.</summary>
        public void Ring()
        {
            _statistics.CountDoorbellRung();
            _doorbell.Raise();
        }

        // Under _txLock: stores wr_idx past everything appended; returns the wr_idx published before.
        private int Publish()
        {
            _unpublished = 0;
            return _tx.Publish();
        }

        // saved: the reader had not consumed what was published before: it has yet to store its rd_idx, and
        // after that store (behind a barrier) it re-reads wr_idx and finds these packets; wr_idx was published
        // before rd_idx was read here, so no doorbell is needed.
        private void Doorbell(bool ring, bool saved)
        {
            if (ring)
            {
                Ring();
            }
            else if (saved)
            {
                _statistics.CountDoorbellSaved();
            }
        }

        private void WriteMagic()
        {
            lock (_txLock)
            {
                _tx.TxInit();
                _tx.Write(_magic, 0, BondingMagic.Length);
                _statistics.CountControlSent();
            }
        }

        // Returns true when the state changed and the handler should run again.
        private bool ProcessLegacyBonding()
        {
            int length = ReadPacket();
            if (length <= 0)
            {
                return false;
            }

            if (!BondingMagic.Matches(_rxBuffer, length))
            {
                Reject(RejectReason.MagicInvalid, "first packet of " + length.ToString() + " bytes is not the bonding magic");
                return true;
            }

            lock (_sync)
            {
                if (_state != IcmsgState.InitializingSidDisabled)
                {
                    return false;
                }

                // Connected before bound(): the layer above may send from its bound handler (docs/protocol.md §13.1).
                _state = IcmsgState.ConnectedSidDisabled;
            }

            _listener.OnLinkBound();
            Ring();
            return true;
        }

        private bool ProcessDetect()
        {
            int length = _rx.ReadInitialPacket(_rxBuffer, 0, _rxBuffer.Length);
            if (length == BondingMagic.Length && BondingMagic.Matches(_rxBuffer, length))
            {
                // A handshake-unaware peer: answer with legacy bonding.
                lock (_sync)
                {
                    if (_state != IcmsgState.InitializingSidDetect)
                    {
                        return false;
                    }

                    _state = IcmsgState.InitializingSidDisabled;
                    WriteMagic();
                }

                Ring();
                return true;
            }

            return ProcessHandshake();
        }

        private bool ProcessHandshake()
        {
            uint peerWord = _tx.ReadHandshake();
            int request = (int)(peerWord & 0xFFFF);
            int ack = (int)(peerWord >> 16);
            bool ring = false;
            bool connected = false;
            lock (_sync)
            {
                if (_state != IcmsgState.InitializingSidEnabled && _state != IcmsgState.InitializingSidDetect)
                {
                    return false;
                }

                if (request != _remoteSid && request != 0)
                {
                    // The peer reads only after it sees its id acknowledged, so resetting now is safe.
                    lock (_txLock)
                    {
                        _tx.TxInit();
                    }

                    _remoteSid = request;
                    _rx.WriteHandshake((uint)(_localSid | (request << 16)));
                    ring = true;
                }

                if (ack == _localSid && _remoteSid != 0)
                {
                    _state = IcmsgState.ConnectedSidEnabled;
                    connected = true;
                }
            }

            if (connected)
            {
                _listener.OnLinkBound();
            }

            if (ring || connected)
            {
                Ring();
            }

            return connected;
        }

        private void DrainPackets(IStopSignal stop, bool session)
        {
            while (!stop.IsStopping)
            {
                // A restarted peer writes its new session id before it resets this ring: look first,
                // or the reset ring is read with the old read index (garbage lengths, stale packets).
                if (session && PeerClosed())
                {
                    return;
                }

                int length = ReadPacket();
                if (session && PeerClosed())
                {
                    return;
                }

                if (length <= 0)
                {
                    return;
                }

                _listener.OnPacket(_rxBuffer, length);
            }
        }

        private bool PeerClosed()
        {
            uint peerWord = _tx.ReadHandshake();
            lock (_sync)
            {
                if (_state != IcmsgState.ConnectedSidEnabled || (int)(peerWord & 0xFFFF) == _remoteSid)
                {
                    return false;
                }

                _state = IcmsgState.Disconnected;
            }

            _listener.OnLinkUnbound();
            return true;
        }

        // Reads the next packet into _rxBuffer: its length, 0 when there is none or it was dropped
        // (too long, or the ring is corrupt; both counted).
        private int ReadPacket()
        {
            while (true)
            {
                int length = _rx.Read(_rxBuffer, 0, _rxBuffer.Length);
                if (length == -Errno.ENOMEM)
                {
                    // Too long for this side: consume it so the ring cannot stall, count it, read on.
                    int dropped = _rx.Discard();
                    Reject(RejectReason.PacketTooLong, "packet of " + dropped.ToString() + " bytes exceeds the read buffer of " + _rxBuffer.Length.ToString());
                    continue;
                }

                if (length == -Errno.EINVAL || length == -Errno.EAGAIN)
                {
                    if (_rx.LastReadFault == PacketBufferFault.IndexInvalid)
                    {
                        Reject(RejectReason.RingIndexInvalid, "peer wr_idx is misaligned or outside the ring of " + _rx.Layout.DataLength.ToString() + " bytes");
                    }
                    else
                    {
                        Reject(RejectReason.PacketLengthInvalid, "packet header claims a length that is 0, over " + _rx.Layout.MaxPacketLength.ToString() + " or more than was written");
                        if (_rx.SkipHeader() > 0)
                        {
                            continue;
                        }
                    }

                    return 0;
                }

                if (length > 0)
                {
                    _statistics.CountControlReceived();
                }

                return length;
            }
        }

        // Under _txLock. Returns true when this write found a corrupt rd_idx that was not already
        // reported: one count per corrupt value, so a peer that stays corrupt is not counted per send.
        private bool NoteTxFault(int written, out uint index)
        {
            index = 0;
            if (written != -Errno.EINVAL)
            {
                _txFaulted = false;
                return false;
            }

            index = _tx.RejectedReadIndex;
            bool fresh = !_txFaulted || index != _txFaultIndex;
            _txFaulted = true;
            _txFaultIndex = index;
            return fresh;
        }

        private void Reject(RejectReason reason, string detail)
        {
            _statistics.CountRejected(reason);
            _listener.OnRejected(reason, detail);
        }
    }
}
