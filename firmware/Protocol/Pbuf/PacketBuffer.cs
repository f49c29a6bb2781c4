using System;
using NfIcbmsg.Hal;

namespace NfIcbmsg.Pbuf
{
    /// <summary>
    /// Zephyr's pbuf (docs/protocol.md §3): a single-producer single-consumer ring of length-prefixed packets in
    /// one region. The writer owns wr_idx and the packet bytes, the reader owns rd_idx; each keeps a
    /// private copy of its own index and only reads the other's. Every peer-written value is read once
    /// into a local and validated before use, so a corrupt or hostile peer can make a call fail, never
    /// make it touch memory outside the region.
    /// One instance serves one side: the writer calls TxInit/Write, the reader RxInit/PeekLength/Read.
    /// </summary>
    public sealed class PacketBuffer
    {
        /// <summary>Largest length the 16-bit packet header can carry.</summary>
        public const int MaxLength = 0xFFFF;

        // A header and a short packet go to the ring in one access of the seam: on the device every access is an
        // interface call into the platform, which costs more than the copy through this buffer.
        private const int WriteStagingSize = 16;

        // The reader copies up to this many bytes of whole packets out of the ring in one access (a ring of
        // ICBMsg's 8-byte control packets: up to 16 of them), so one access and one rd_idx store serve a batch.
        private const int ChunkSize = 128;

        private readonly ISharedMemory _memory;
        private readonly PacketBufferLayout _layout;
        private readonly int _length;

        // Cache maintenance only where a data cache fronts the window (asked once).
        private readonly bool _cached;

        // The layout's numbers the hot paths use, as fields: a property of another object is a call.
        private readonly int _readIndexOffset;
        private readonly int _writeIndexOffset;
        private readonly int _dataOffset;
        private readonly int _maxPacketLength;

        private readonly byte[] _writeStaging = new byte[WriteStagingSize];

        // Writer: its private wr_idx (where the next packet goes), the wr_idx it last stored, and the peer's
        // rd_idx it last read and validated (the free space of a batch of appends is computed from it).
        private int _writeIndex;
        private int _publishedWriteIndex;
        private int _peerReadIndex;

        // Reader: its private rd_idx, and the chunk of whole packets copied out of the ring at ring position
        // _chunkStart (_chunkLength bytes of them), served without another access to the ring.
        private byte[] _chunk;
        private int _chunkStart;
        private int _chunkLength;
        private int _readIndex;

        /// <summary>Creates the ring over <paramref name="layout"/> inside <paramref name="memory"/>.</summary>
        public PacketBuffer(ISharedMemory memory, PacketBufferLayout layout)
        {
            if (memory == null)
            {
                throw new ArgumentNullException(nameof(memory));
            }

            if (layout == null)
            {
                throw new ArgumentNullException(nameof(layout));
            }

            if (layout.RegionOffset < 0 || layout.RegionOffset + layout.RegionSize > memory.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(layout));
            }

            _memory = memory;
            _layout = layout;
            _length = layout.DataLength;
            _cached = memory.HasDataCache;
            _readIndexOffset = layout.ReadIndexOffset;
            _writeIndexOffset = layout.WriteIndexOffset;
            _dataOffset = layout.DataOffset;
            _maxPacketLength = layout.MaxPacketLength;
        }

        /// <summary>
        /// Why the last read, peek or discard that returned -EINVAL or -EAGAIN failed: the errno values
        /// stay Zephyr's, this says whether the peer's index or its packet length was at fault.
        /// </summary>
        public PacketBufferFault LastReadFault { get; private set; }

        /// <summary>The last peer rd_idx that made <see cref="Write"/> return -EINVAL (for error reports).</summary>
        public uint RejectedReadIndex { get; private set; }

        /// <summary>The writer's private wr_idx: where the next packet goes.</summary>
        public int WriteIndex
        {
            get { return _writeIndex; }
        }

        /// <summary>
        /// Reader: when false (pbuf_read's contract), rd_idx is stored as each packet is consumed. When true, it
        /// is stored past every whole packet as soon as they are copied out of the ring, a chunk at a time: the
        /// copies are this side's, so the writer gets the space back before they are processed, as with Zephyr's
        /// one-by-one reads, for one store per chunk. A packet this reader then refuses (-ENOMEM) has left the
        /// ring for the writer already; the caller discards it anyway. Set once, before the first read.
        /// </summary>
        public bool ReleasesWhenCopied { get; set; }

        /// <summary>The wr_idx the writer last stored: where the packets the reader can see end.</summary>
        public int PublishedWriteIndex
        {
            get { return _publishedWriteIndex; }
        }

        /// <summary>Where the indices and the data area are.</summary>
        public PacketBufferLayout Layout
        {
            get { return _layout; }
        }

        /// <summary>
        /// Writer reset (pbuf_tx_init): both shared indices to 0. The writer resets the reader's index
        /// too; that is Zephyr's contract, safe because the reader only starts after bonding.
        /// </summary>
        public void TxInit()
        {
            _writeIndex = 0;
            _publishedWriteIndex = 0;
            _peerReadIndex = 0;
            _memory.WriteWord(_writeIndexOffset, 0);
            _memory.WriteWord(_readIndexOffset, 0);
            _memory.Barrier();
            FlushRange(_writeIndexOffset, PacketBufferLayout.IndexSize);
            FlushRange(_readIndexOffset, PacketBufferLayout.IndexSize);
        }

        /// <summary>Reader reset (pbuf_rx_init): touches no shared memory.</summary>
        public void RxInit()
        {
            _readIndex = 0;
            _chunkLength = 0;
        }

        /// <summary>
        /// Appends one packet and publishes it (pbuf_write). Returns <paramref name="length"/>, -EINVAL for an
        /// empty or over-long packet or a peer rd_idx that fails validation, -ENOMEM when it does not fit.
        /// Publishes any packets appended before it too.
        /// </summary>
        public int Write(byte[] data, int index, int length)
        {
            int written = Append(data, index, length, true);
            if (written > 0)
            {
                Publish();
            }

            return written;
        }

        /// <summary>
        /// Writes one packet without publishing it: the reader sees it after <see cref="Publish"/> (or a later
        /// <see cref="Write"/>), so a batch of packets costs one wr_idx store. The peer's rd_idx is read for the
        /// first packet of a batch and when the space it left seems too small; the same results as <see cref="Write"/>.
        /// </summary>
        public int Append(byte[] data, int index, int length)
        {
            return Append(data, index, length, _writeIndex == _publishedWriteIndex);
        }

        /// <summary>True when packets were appended and not yet published.</summary>
        public bool HasUnpublished
        {
            get { return _writeIndex != _publishedWriteIndex; }
        }

        /// <summary>
        /// Stores wr_idx past every appended packet (a store with release semantics: the packets are visible
        /// before the index is). Returns the wr_idx published before, for <see cref="ReaderHasConsumed"/>.
        /// </summary>
        public int Publish()
        {
            int previous = _publishedWriteIndex;
            _publishedWriteIndex = _writeIndex;
            _memory.WriteWord(_writeIndexOffset, (uint)_writeIndex);
            if (_cached)
            {
                _memory.Flush(_writeIndexOffset, PacketBufferLayout.IndexSize);
            }

            return previous;
        }

        /// <summary>
        /// Writer side: true when the reader's rd_idx equals <paramref name="position"/>, i.e. it had
        /// consumed everything written before that position. Reads rd_idx behind a full barrier, so a
        /// wr_idx published before this call and the reader's own rd_idx store cannot both be missed.
        /// </summary>
        public bool ReaderHasConsumed(int position)
        {
            _memory.Barrier();
            if (_cached)
            {
                _memory.Invalidate(_readIndexOffset, PacketBufferLayout.IndexSize);
            }

            return _memory.ReadWord(_readIndexOffset) == (uint)position;
        }

        /// <summary>
        /// Length of the next packet without consuming it: 0 when empty, -EINVAL when the peer's
        /// wr_idx or the packet length fails validation, -EAGAIN when the ring holds less than the
        /// packet claims.
        /// </summary>
        public int PeekLength()
        {
            bool staged;
            return NextLength(out staged);
        }

        /// <summary>
        /// Consumes the next packet into <paramref name="buffer"/> (pbuf_read). Returns its length, 0
        /// when empty, -ENOMEM when <paramref name="capacity"/> is too small (nothing consumed), or the
        /// errors of <see cref="PeekLength"/>.
        /// </summary>
        public int Read(byte[] buffer, int index, int capacity)
        {
            bool staged;
            int length = NextLength(out staged);
            if (length <= 0 || buffer == null)
            {
                return length;
            }

            if (capacity < length)
            {
                return -Errno.ENOMEM;
            }

            if (index < 0 || capacity < 0 || index > buffer.Length - capacity)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            int read = _readIndex;
            int payload = Advance(read, PacketBufferLayout.HeaderSize);
            if (staged)
            {
                Array.Copy(_chunk, read - _chunkStart + PacketBufferLayout.HeaderSize, buffer, index, length);
                ConsumeStaged(payload, length);
            }
            else
            {
                CopyOut(payload, buffer, index, length);
                Consume(payload, length);
            }

            return length;
        }

        /// <summary>
        /// Consumes the next packet without copying it, so that a packet this side will not accept
        /// (too long for its read buffer) cannot stall the ring. Returns its length or the errors of
        /// <see cref="PeekLength"/>.
        /// </summary>
        public int Discard()
        {
            bool staged;
            int length = NextLength(out staged);
            if (length > 0)
            {
                int payload = Advance(_readIndex, PacketBufferLayout.HeaderSize);
                if (staged)
                {
                    ConsumeStaged(payload, length);
                }
                else
                {
                    Consume(payload, length);
                }
            }

            return length;
        }

        /// <summary>
        /// Steps over the 4-byte header of a packet whose length failed validation, so a corrupt
        /// header costs one rejected packet instead of a stalled ring (the length cannot be trusted,
        /// the 4-byte alignment of headers can). Returns 4, or 0 when the ring is empty or the peer's
        /// wr_idx itself is invalid (then there is nothing safe to skip).
        /// </summary>
        public int SkipHeader()
        {
            InvalidateRange(_writeIndexOffset, PacketBufferLayout.IndexSize);
            _memory.Barrier();
            uint peerWrite = _memory.ReadWord(_writeIndexOffset);
            int read = _readIndex;
            if ((peerWrite & 3) != 0 || peerWrite >= (uint)_length || (int)peerWrite == read)
            {
                return 0;
            }

            Consume(Advance(read, PacketBufferLayout.HeaderSize), 0);
            return PacketBufferLayout.HeaderSize;
        }

        /// <summary>Reads the handshake word at offset 4 (written by the reader of this ring).</summary>
        public uint ReadHandshake()
        {
            RequireHandshake();
            InvalidateRange(_layout.HandshakeOffset, PacketBufferLayout.IndexSize);
            _memory.Barrier();
            return _memory.ReadWord(_layout.HandshakeOffset);
        }

        /// <summary>Writes the handshake word at offset 4.</summary>
        public void WriteHandshake(uint value)
        {
            RequireHandshake();
            _memory.WriteWord(_layout.HandshakeOffset, value);
            _memory.Barrier();
            FlushRange(_layout.HandshakeOffset, PacketBufferLayout.IndexSize);
        }

        /// <summary>
        /// Copies the first packet a writer put into a fresh ring, without consuming it
        /// (pbuf_get_initial_buf, used by ICMsg's detect mode to recognise a legacy peer's magic).
        /// Valid only while this reader has never read. Returns its length, -ENOMEM when
        /// <paramref name="capacity"/> is too small, -EINVAL otherwise.
        /// </summary>
        public int ReadInitialPacket(byte[] buffer, int index, int capacity)
        {
            if (_readIndex != 0 || buffer == null)
            {
                return -Errno.EINVAL;
            }

            InvalidateRange(_writeIndexOffset, PacketBufferLayout.IndexSize);
            _memory.Barrier();
            uint peerWrite = _memory.ReadWord(_writeIndexOffset);
            if (peerWrite == 0 || peerWrite >= (uint)_length || peerWrite > MaxLength || (peerWrite & 3) != 0)
            {
                return -Errno.EINVAL;
            }

            FillChunk(0, PacketBufferLayout.HeaderSize);
            _chunkLength = 0;
            int length = (_chunk[0] << 8) | _chunk[1];
            if (length == 0 || length + PacketBufferLayout.HeaderSize > (int)peerWrite)
            {
                return -Errno.EINVAL;
            }

            if (capacity < length)
            {
                return -Errno.ENOMEM;
            }

            if (index < 0 || index > buffer.Length - length)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            CopyOut(PacketBufferLayout.HeaderSize, buffer, index, length);
            return length;
        }

        private int Append(byte[] data, int index, int length, bool readPeerIndex)
        {
            if (data == null || length <= 0 || length > MaxLength)
            {
                return -Errno.EINVAL;
            }

            if (index < 0 || index > data.Length - length)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            int write = _writeIndex;
            int needed = length + PacketBufferLayout.HeaderSize;
            // The reader only ever frees space, so a stale rd_idx can only make the ring look fuller than it is:
            // read it again before calling the ring full.
            if (readPeerIndex || needed > Free(write, _peerReadIndex))
            {
                int read = ReadPeerIndex();
                if (read < 0)
                {
                    return -Errno.EINVAL;
                }

                if (needed > Free(write, read))
                {
                    return -Errno.ENOMEM;
                }
            }

            _writeStaging[0] = (byte)(length >> 8);
            _writeStaging[1] = (byte)length;
            _writeStaging[2] = 0;
            _writeStaging[3] = 0;
            int payload = Advance(write, PacketBufferLayout.HeaderSize);
            if (length <= WriteStagingSize - PacketBufferLayout.HeaderSize && payload + length <= _length && payload > write)
            {
                // Header and packet in one store; the padding after the packet is not written (as in Zephyr).
                Array.Copy(data, index, _writeStaging, PacketBufferLayout.HeaderSize, length);
                _memory.Write(_dataOffset + write, _writeStaging, 0, needed);
                FlushRange(_dataOffset + write, needed);
            }
            else
            {
                _memory.Write(_dataOffset + write, _writeStaging, 0, PacketBufferLayout.HeaderSize);
                FlushRange(_dataOffset + write, PacketBufferLayout.HeaderSize);
                CopyIn(payload, data, index, length);
            }

            _writeIndex = Advance(payload, RoundUp4(length));
            return length;
        }

        // The peer's rd_idx, read once and validated (a multiple of 4 inside the data area); -1 when it fails,
        // with the value kept for the error report.
        private int ReadPeerIndex()
        {
            if (_cached)
            {
                _memory.Invalidate(_readIndexOffset, PacketBufferLayout.IndexSize);
            }

            uint peerRead = _memory.ReadWord(_readIndexOffset);
            if ((peerRead & 3) != 0 || peerRead >= (uint)_length)
            {
                RejectedReadIndex = peerRead;
                return -1;
            }

            _peerReadIndex = (int)peerRead;
            return _peerReadIndex;
        }

        // Bytes a packet (header included) may take at write position write; one index-sized gap always stays
        // free, so a full ring is never mistaken for an empty one.
        private int Free(int write, int read)
        {
            return _length - Occupied(write, read) - PacketBufferLayout.IndexSize;
        }

        // The length of the packet at the private rd_idx, validated; staged tells whether it is in the chunk.
        // Without a staged packet there, reads wr_idx once and copies the next chunk of the ring out.
        private int NextLength(out bool staged)
        {
            int read = _readIndex;
            int at = read - _chunkStart;
            if (at >= 0 && at < _chunkLength)
            {
                staged = true;
                return (_chunk[at] << 8) | _chunk[at + 1];
            }

            staged = false;
            _chunkLength = 0;
            InvalidateRange(_writeIndexOffset, PacketBufferLayout.IndexSize);
            uint peerWrite = _memory.ReadWord(_writeIndexOffset);
            if ((peerWrite & 3) != 0 || peerWrite >= (uint)_length)
            {
                LastReadFault = PacketBufferFault.IndexInvalid;
                return -Errno.EINVAL;
            }

            if ((int)peerWrite == read)
            {
                return 0;
            }

            int occupied = Occupied((int)peerWrite, read);
            int count = FillChunk(read, occupied);
            int length = (_chunk[0] << 8) | _chunk[1];
            if (length == 0 || length > _maxPacketLength)
            {
                LastReadFault = PacketBufferFault.LengthInvalid;
                return -Errno.EINVAL;
            }

            if (occupied < length + PacketBufferLayout.HeaderSize)
            {
                LastReadFault = PacketBufferFault.LengthInvalid;
                return -Errno.EAGAIN;
            }

            staged = StageWholePackets(read, count, occupied);
            return length;
        }

        // Copies what the ring holds from read on, up to the chunk size and not past the ring's end, in one access.
        private int FillChunk(int read, int occupied)
        {
            if (_chunk == null)
            {
                _chunk = new byte[ChunkSize];
            }

            int count = _length - read;
            if (count > occupied)
            {
                count = occupied;
            }

            if (count > ChunkSize)
            {
                count = ChunkSize;
            }

            if (count < PacketBufferLayout.HeaderSize)
            {
                // A corrupt wr_idx may leave less than a header; read one anyway (the ring's end is 4-aligned).
                count = PacketBufferLayout.HeaderSize;
            }

            InvalidateRange(_dataOffset + read, count);
            _memory.Read(_dataOffset + read, _chunk, 0, count);
            _chunkStart = read;
            return count;
        }

        // Marks the packets that lie whole in the chunk, from its start up to the first one that does not or
        // whose header fails the checks of NextLength (that one is read the slow way, with its error); with
        // ReleasesWhenCopied stores rd_idx past them. Returns true when the first packet is staged.
        private bool StageWholePackets(int read, int count, int occupied)
        {
            int staged = 0;
            while (staged + PacketBufferLayout.HeaderSize <= count)
            {
                int length = (_chunk[staged] << 8) | _chunk[staged + 1];
                if (length == 0 || length > _maxPacketLength || staged + PacketBufferLayout.HeaderSize + length > count || occupied - staged < length + PacketBufferLayout.HeaderSize)
                {
                    break;
                }

                staged += PacketBufferLayout.HeaderSize + RoundUp4(length);
            }

            if (staged == 0)
            {
                return false;
            }

            _chunkLength = staged;
            if (ReleasesWhenCopied)
            {
                Store(Advance(read, staged));
            }

            return true;
        }

        // The store of rd_idx has release semantics (the packet was read before it); the barrier after it
        // orders it before this reader's next load of wr_idx, which the writer's doorbell saving relies on.
        private void Consume(int payload, int length)
        {
            int next = Advance(payload, RoundUp4(length));
            _readIndex = next;
            _chunkLength = 0;
            Store(next);
        }

        // A staged packet: its bytes were copied already; rd_idx is stored now unless it was at staging.
        private void ConsumeStaged(int payload, int length)
        {
            int next = Advance(payload, RoundUp4(length));
            _readIndex = next;
            if (!ReleasesWhenCopied)
            {
                Store(next);
            }
        }

        private void Store(int readIndex)
        {
            _memory.WriteWord(_readIndexOffset, (uint)readIndex);
            if (_cached)
            {
                _memory.Flush(_readIndexOffset, PacketBufferLayout.IndexSize);
            }

            _memory.Barrier();
        }

        private void CopyIn(int position, byte[] data, int index, int length)
        {
            int first = _length - position;
            if (first > length)
            {
                first = length;
            }

            _memory.Write(_dataOffset + position, data, index, first);
            FlushRange(_dataOffset + position, first);
            if (first < length)
            {
                _memory.Write(_dataOffset, data, index + first, length - first);
                FlushRange(_dataOffset, length - first);
            }
        }

        private void CopyOut(int position, byte[] buffer, int index, int length)
        {
            int first = _length - position;
            if (first > length)
            {
                first = length;
            }

            InvalidateRange(_dataOffset + position, first);
            _memory.Read(_dataOffset + position, buffer, index, first);
            if (first < length)
            {
                InvalidateRange(_dataOffset, length - first);
                _memory.Read(_dataOffset, buffer, index + first, length - first);
            }
        }

        private void InvalidateRange(int offset, int length)
        {
            if (_cached)
            {
                _memory.Invalidate(offset, length);
            }
        }

        private void FlushRange(int offset, int length)
        {
            if (_cached)
            {
                _memory.Flush(offset, length);
            }
        }

        private int Occupied(int write, int read)
        {
            return read > write ? _length - (read - write) : write - read;
        }

        private int Advance(int position, int count)
        {
            int next = position + count;
            while (next >= _length)
            {
                next -= _length;
            }

            return next;
        }

        private static int RoundUp4(int value)
        {
            return (value + 3) & ~3;
        }

        private void RequireHandshake()
        {
            if (!_layout.HasHandshake)
            {
                throw new InvalidOperationException();
            }
        }
    }
}
