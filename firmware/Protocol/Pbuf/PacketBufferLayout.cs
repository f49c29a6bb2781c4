using System;

namespace NfIcbmsg.Pbuf
{
    // A packet buffer over one region (docs/protocol.md §3.2), D = dcache-alignment (0 if none):
    //
    //  +0              +4                  +W                +W+4                          +RegionSize
    //  +---------------+-------------------+-----------------+-------------------------------+
    //  | rd_idx u32 LE | handshake u32 LE  | wr_idx u32 LE   | data[0 .. DataLength-1]       |
    //  | reader writes | reader writes;    | writer writes   | packets, writer writes        |
    //  |               | only with a hand- |                 |                               |
    //  |               | shake, otherwise  |                 |                               |
    //  |               | padding up to W   |                 |                               |
    //  +---------------+-------------------+-----------------+-------------------------------+
    //  W = max(D, WriteIndexMinimum or WriteIndexMinimumWithHandshake) = max(D, 4 or 8)
    //  DataLength = RegionSize - W - IndexSize
    //
    // A packet at data[i] (i a multiple of 4; the payload may wrap to data[0], the header never does):
    //
    //  +----------+----------+------+------+---------------------+-----------+
    //  | len >> 8 | len & FF |  00  |  00  | payload[len]        | 0..3 pad  |
    //  +----------+----------+------+------+---------------------+-----------+
    //  |<--------- HeaderSize -------->|                          not written
    //   big-endian length   reserved

    /// <summary>
    /// Where a packet buffer keeps its words inside a region (docs/protocol.md §3.2): rd_idx at 0, the optional
    /// handshake word at 4, wr_idx at max(D, 4 or 8) so that the reader's and the writer's words never
    /// share a cache line, then the data area up to the end of the region.
    /// </summary>
    public sealed class PacketBufferLayout
    {
        /// <summary>Size of an index word and of the gap that is always left free.</summary>
        public const int IndexSize = 4;

        /// <summary>Size of a packet header (BE16 length and two reserved bytes).</summary>
        public const int HeaderSize = 4;

        /// <summary>Indices, region offsets and sizes are multiples of this; it is also the smallest alignment.</summary>
        public const int WordAlignment = 4;

        /// <summary>Smallest legal data area: a header, one payload byte and the free gap, rounded up to a word (12).</summary>
        public const int MinDataLength = (HeaderSize + 1 + IndexSize + WordAlignment - 1) / WordAlignment * WordAlignment;

        /// <summary>Offset of rd_idx from the start of the region.</summary>
        public const int ReadIndexPosition = 0;

        /// <summary>Offset of the handshake word: right after rd_idx, where a handshake-unaware peer has padding.</summary>
        public const int HandshakePosition = ReadIndexPosition + IndexSize;

        /// <summary>Lowest offset of wr_idx without a handshake word: right after rd_idx.</summary>
        public const int WriteIndexMinimum = ReadIndexPosition + IndexSize;

        /// <summary>Lowest offset of wr_idx with a handshake word: right after it.</summary>
        public const int WriteIndexMinimumWithHandshake = HandshakePosition + IndexSize;

        /// <summary>
        /// Smallest dcache-alignment with which the handshake word is usable: Zephyr requires wr_idx at
        /// exactly max(4, D) from rd_idx, which leaves room for the word only from D = 8 on.
        /// </summary>
        public const int HandshakeMinAlignment = WriteIndexMinimumWithHandshake;

        private PacketBufferLayout(int regionOffset, int regionSize, int cacheAlignment, bool handshake)
        {
            RegionOffset = regionOffset;
            RegionSize = regionSize;
            CacheAlignment = cacheAlignment;
            HasHandshake = handshake;
            int minimum = handshake ? WriteIndexMinimumWithHandshake : WriteIndexMinimum;
            WriteIndexOffset = regionOffset + (cacheAlignment > minimum ? cacheAlignment : minimum);
            ReadIndexOffset = regionOffset + ReadIndexPosition;
            HandshakeOffset = regionOffset + HandshakePosition;
            DataOffset = WriteIndexOffset + IndexSize;
            DataLength = regionOffset + regionSize - DataOffset;
        }

        /// <summary>Offset of the region in the shared-memory window.</summary>
        public int RegionOffset { get; }

        /// <summary>Bytes the packet buffer spans.</summary>
        public int RegionSize { get; }

        /// <summary>The dcache-alignment D (0 when none).</summary>
        public int CacheAlignment { get; }

        /// <summary>True when the session handshake word is in use (ICMsg enable/detect).</summary>
        public bool HasHandshake { get; }

        /// <summary>Window offset of rd_idx (written by the reader).</summary>
        public int ReadIndexOffset { get; }

        /// <summary>Window offset of the handshake word (written by the reader; meaningful only with <see cref="HasHandshake"/>).</summary>
        public int HandshakeOffset { get; }

        /// <summary>Window offset of wr_idx (written by the writer).</summary>
        public int WriteIndexOffset { get; }

        /// <summary>Window offset of data[0].</summary>
        public int DataOffset { get; }

        /// <summary>Length of the data area: indices run 0 .. DataLength-1.</summary>
        public int DataLength { get; }

        /// <summary>Largest packet an empty buffer takes: len - 8 (its header and the free gap).</summary>
        public int MaxPacketLength
        {
            get { return DataLength - HeaderSize - IndexSize; }
        }

        /// <summary>
        /// Computes the layout or explains why Zephyr's validate_cfg would reject it (docs/protocol.md §3.2).
        /// <paramref name="regionAddress"/> is the physical address, used only for the alignment check.
        /// </summary>
        public static PacketBufferLayout TryCreate(uint regionAddress, int regionOffset, int regionSize, int cacheAlignment, bool handshake, out string error)
        {
            error = null;
            if (cacheAlignment < 0 || (cacheAlignment & (cacheAlignment - 1)) != 0)
            {
                error = "dcache-alignment " + cacheAlignment.ToString() + " is not 0 or a power of two";
                return null;
            }

            int alignment = cacheAlignment > WordAlignment ? cacheAlignment : WordAlignment;
            if ((regionAddress % (uint)alignment) != 0 || (regionOffset % WordAlignment) != 0)
            {
                error = "packet buffer at 0x" + regionAddress.ToString("X8") + " is not aligned to " + alignment.ToString();
                return null;
            }

            if (handshake && cacheAlignment < HandshakeMinAlignment)
            {
                error = "the session handshake needs dcache-alignment >= " + HandshakeMinAlignment.ToString() + " (Zephyr rejects D = " + cacheAlignment.ToString() + ")";
                return null;
            }

            if (regionSize < 0 || (regionSize % WordAlignment) != 0)
            {
                error = "packet buffer size " + regionSize.ToString() + " is not a multiple of " + WordAlignment.ToString();
                return null;
            }

            PacketBufferLayout layout = new PacketBufferLayout(regionOffset, regionSize, cacheAlignment, handshake);
            if (layout.DataLength < MinDataLength)
            {
                error = "packet buffer of " + regionSize.ToString() + " bytes leaves a data area of " + layout.DataLength.ToString() + " bytes; at least " + MinDataLength.ToString() + " are needed";
                return null;
            }

            return layout;
        }

        /// <summary>As <see cref="TryCreate"/>, throwing <see cref="ArgumentException"/> with the reason.</summary>
        public static PacketBufferLayout Create(uint regionAddress, int regionOffset, int regionSize, int cacheAlignment, bool handshake)
        {
            string error;
            PacketBufferLayout layout = TryCreate(regionAddress, regionOffset, regionSize, cacheAlignment, handshake, out error);
            if (layout == null)
            {
                throw new ArgumentException(error);
            }

            return layout;
        }
    }
}
