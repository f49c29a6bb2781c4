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

        private readonly ISharedMemory _memory;
        private readonly PacketBufferLayout _layout;
        private readonly int _length;
        // A header and a short packet go to (and come from) the ring in one access of the seam: on the device
        // every access is an interface call into the platform, which costs more than the copy through these.
        private const int StagingSize = 16;

        private readonly byte[] _writeStaging = new byte[StagingSize];
        private readonly byte[] _readStaging = new byte[StagingSize];
        private int _staged;
        private int _writeIndex;
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
            _readIndex = 0;
            _memory.WriteWord(_layout.WriteIndexOffset, 0);
            _memory.WriteWord(_layout.ReadIndexOffset, 0);
            _memory.Barrier();
            _memory.Flush(_layout.WriteIndexOffset, PacketBufferLayout.IndexSize);
            _memory.Flush(_layout.ReadIndexOffset, PacketBufferLayout.IndexSize);
        }

        /// <summary>Reader reset (pbuf_rx_init): touches no shared memory.</summary>
        public void RxInit()
        {
            _readIndex = 0;
        }

        /// <summary>
        /// Appends one packet (pbuf_write). Returns <paramref name="length"/>, -EINVAL for an empty or
        /// over-long packet or a peer rd_idx that fails validation, -ENOMEM when it does not fit.
        /// </summary>
        public int Write(byte[] data, int index, int length)
        {
            if (data == null || length <= 0 || length > MaxLength)
            {
                return -Errno.EINVAL;
            }

            if (index < 0 || index > data.Length - length)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            _memory.Invalidate(_layout.ReadIndexOffset, PacketBufferLayout.IndexSize);
            uint peerRead = _memory.ReadWord(_layout.ReadIndexOffset);
            if ((peerRead & 3) != 0 || peerRead >= (uint)_length)
            {
                RejectedReadIndex = peerRead;
                return -Errno.EINVAL;
            }

            int write = _writeIndex;
            int free = _length - Occupied(write, (int)peerRead) - PacketBufferLayout.IndexSize;
            if (length + PacketBufferLayout.HeaderSize > free)
            {
                return -Errno.ENOMEM;
            }

            _writeStaging[0] = (byte)(length >> 8);
            _writeStaging[1] = (byte)length;
            _writeStaging[2] = 0;
            _writeStaging[3] = 0;
            int payload = Advance(write, PacketBufferLayout.HeaderSize);
            if (length <= StagingSize - PacketBufferLayout.HeaderSize && payload + length <= _length && payload > write)
            {
                // Header and packet in one store; the padding after the packet is not written (as in Zephyr).
                Array.Copy(data, index, _writeStaging, PacketBufferLayout.HeaderSize, length);
                _memory.Write(_layout.DataOffset + write, _writeStaging, 0, PacketBufferLayout.HeaderSize + length);
                _memory.Flush(_layout.DataOffset + write, PacketBufferLayout.HeaderSize + length);
            }
            else
            {
                _memory.Write(_layout.DataOffset + write, _writeStaging, 0, PacketBufferLayout.HeaderSize);
                _memory.Flush(_layout.DataOffset + write, PacketBufferLayout.HeaderSize);
                CopyIn(payload, data, index, length);
            }

            // The store of wr_idx has release semantics: the packet is visible before the index is.
            int next = Advance(payload, RoundUp4(length));
            _writeIndex = next;
            _memory.WriteWord(_layout.WriteIndexOffset, (uint)next);
            _memory.Flush(_layout.WriteIndexOffset, PacketBufferLayout.IndexSize);
            return length;
        }

        /// <summary>
        /// Writer side: true when the reader's rd_idx equals <paramref name="position"/>, i.e. it had
        /// consumed everything written before that position. Reads rd_idx behind a full barrier, so a
        /// wr_idx published before this call and the reader's own rd_idx store cannot both be missed.
        /// </summary>
        public bool ReaderHasConsumed(int position)
        {
            _memory.Barrier();
            _memory.Invalidate(_layout.ReadIndexOffset, PacketBufferLayout.IndexSize);
            return _memory.ReadWord(_layout.ReadIndexOffset) == (uint)position;
        }

        /// <summary>
        /// Length of the next packet without consuming it: 0 when empty, -EINVAL when the peer's
        /// wr_idx or the packet length fails validation, -EAGAIN when the ring holds less than the
        /// packet claims.
        /// </summary>
        public int PeekLength()
        {
            int read = _readIndex;
            int occupied;
            return NextLength(read, out occupied);
        }

        /// <summary>
        /// Consumes the next packet into <paramref name="buffer"/> (pbuf_read). Returns its length, 0
        /// when empty, -ENOMEM when <paramref name="capacity"/> is too small (nothing consumed), or the
        /// errors of <see cref="PeekLength"/>.
        /// </summary>
        public int Read(byte[] buffer, int index, int capacity)
        {
            int read = _readIndex;
            int occupied;
            int length = NextLength(read, out occupied);
            if (length <= 0)
            {
                return length;
            }

            if (buffer == null)
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

            int payload = Advance(read, PacketBufferLayout.HeaderSize);
            if (length <= _staged - PacketBufferLayout.HeaderSize)
            {
                Array.Copy(_readStaging, PacketBufferLayout.HeaderSize, buffer, index, length);
            }
            else
            {
                CopyOut(payload, buffer, index, length);
            }

            Consume(payload, length);
            return length;
        }

        /// <summary>
        /// Consumes the next packet without copying it, so that a packet this side will not accept
        /// (too long for its read buffer) cannot stall the ring. Returns its length or the errors of
        /// <see cref="PeekLength"/>.
        /// </summary>
        public int Discard()
        {
            int read = _readIndex;
            int occupied;
            int length = NextLength(read, out occupied);
            if (length > 0)
            {
                Consume(Advance(read, PacketBufferLayout.HeaderSize), length);
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
            _memory.Invalidate(_layout.WriteIndexOffset, PacketBufferLayout.IndexSize);
            _memory.Barrier();
            uint peerWrite = _memory.ReadWord(_layout.WriteIndexOffset);
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
            _memory.Invalidate(_layout.HandshakeOffset, PacketBufferLayout.IndexSize);
            _memory.Barrier();
            return _memory.ReadWord(_layout.HandshakeOffset);
        }

        /// <summary>Writes the handshake word at offset 4.</summary>
        public void WriteHandshake(uint value)
        {
            RequireHandshake();
            _memory.WriteWord(_layout.HandshakeOffset, value);
            _memory.Barrier();
            _memory.Flush(_layout.HandshakeOffset, PacketBufferLayout.IndexSize);
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

            _memory.Invalidate(_layout.WriteIndexOffset, PacketBufferLayout.IndexSize);
            _memory.Barrier();
            uint peerWrite = _memory.ReadWord(_layout.WriteIndexOffset);
            if (peerWrite == 0 || peerWrite >= (uint)_length || peerWrite > MaxLength || (peerWrite & 3) != 0)
            {
                return -Errno.EINVAL;
            }

            int length = ReadHeader(0);
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

        private int NextLength(int read, out int occupied)
        {
            occupied = 0;
            _memory.Invalidate(_layout.WriteIndexOffset, PacketBufferLayout.IndexSize);
            uint peerWrite = _memory.ReadWord(_layout.WriteIndexOffset);
            if ((peerWrite & 3) != 0 || peerWrite >= (uint)_length)
            {
                LastReadFault = PacketBufferFault.IndexInvalid;
                return -Errno.EINVAL;
            }

            if ((int)peerWrite == read)
            {
                return 0;
            }

            occupied = Occupied((int)peerWrite, read);
            int length = ReadHeader(read);
            if (length == 0 || length > _layout.MaxPacketLength)
            {
                LastReadFault = PacketBufferFault.LengthInvalid;
                return -Errno.EINVAL;
            }

            if (occupied < length + PacketBufferLayout.HeaderSize)
            {
                LastReadFault = PacketBufferFault.LengthInvalid;
                return -Errno.EAGAIN;
            }

            return length;
        }

        // Reads the header and what follows it up to the staging size (not past the ring's end) in one
        // access; a short packet is then copied out of the staging buffer. Bytes past the packet are never used.
        private int ReadHeader(int position)
        {
            int count = _length - position < StagingSize ? _length - position : StagingSize;
            if (count < PacketBufferLayout.HeaderSize)
            {
                count = PacketBufferLayout.HeaderSize;
            }
            _memory.Invalidate(_layout.DataOffset + position, count);
            _memory.Read(_layout.DataOffset + position, _readStaging, 0, count);
            _staged = count;
            return (_readStaging[0] << 8) | _readStaging[1];
        }

        // The store of rd_idx has release semantics (the packet was read before it); the barrier after it
        // orders it before this reader's next load of wr_idx, which the writer's doorbell saving relies on.
        private void Consume(int payload, int length)
        {
            int next = Advance(payload, RoundUp4(length));
            _readIndex = next;
            _memory.WriteWord(_layout.ReadIndexOffset, (uint)next);
            _memory.Flush(_layout.ReadIndexOffset, PacketBufferLayout.IndexSize);
            _memory.Barrier();
        }

        private void CopyIn(int position, byte[] data, int index, int length)
        {
            int first = _length - position;
            if (first > length)
            {
                first = length;
            }

            _memory.Write(_layout.DataOffset + position, data, index, first);
            _memory.Flush(_layout.DataOffset + position, first);
            if (first < length)
            {
                _memory.Write(_layout.DataOffset, data, index + first, length - first);
                _memory.Flush(_layout.DataOffset, length - first);
            }
        }

        private void CopyOut(int position, byte[] buffer, int index, int length)
        {
            int first = _length - position;
            if (first > length)
            {
                first = length;
            }

            _memory.Invalidate(_layout.DataOffset + position, first);
            _memory.Read(_layout.DataOffset + position, buffer, index, first);
            if (first < length)
            {
                _memory.Invalidate(_layout.DataOffset, length - first);
                _memory.Read(_layout.DataOffset, buffer, index + first, length - first);
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
