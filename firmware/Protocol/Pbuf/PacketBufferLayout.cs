using System;

namespace NfIcbmsg.Pbuf
{
    /// <summary>
    /// Where a packet buffer keeps its words inside a region (spec §3.2): rd_idx at 0, the optional
    /// handshake word at 4, wr_idx at max(D, 4 or 8) so that the reader's and the writer's words never
    /// share a cache line, then the data area up to the end of the region.
    /// </summary>
    public sealed class PacketBufferLayout
    {
        /// <summary>Size of an index word and of the gap that is always left free.</summary>
        public const int IndexSize = 4;

        /// <summary>Size of a packet header (BE16 length and two reserved bytes).</summary>
        public const int HeaderSize = 4;

        /// <summary>Smallest legal data area: ROUND_UP(4 + 1 + 4, 4).</summary>
        public const int MinDataLength = 12;

        private PacketBufferLayout(int regionOffset, int regionSize, int cacheAlignment, bool handshake)
        {
            RegionOffset = regionOffset;
            RegionSize = regionSize;
            CacheAlignment = cacheAlignment;
            HasHandshake = handshake;
            int minimum = handshake ? 8 : 4;
            WriteIndexOffset = regionOffset + (cacheAlignment > minimum ? cacheAlignment : minimum);
            ReadIndexOffset = regionOffset;
            HandshakeOffset = regionOffset + 4;
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

        /// <summary>Largest packet an empty buffer takes: len - 8.</summary>
        public int MaxPacketLength
        {
            get { return DataLength - HeaderSize - IndexSize; }
        }

        /// <summary>
        /// Computes the layout or explains why Zephyr's validate_cfg would reject it (spec §3.2).
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

            int alignment = cacheAlignment > 4 ? cacheAlignment : 4;
            if ((regionAddress % (uint)alignment) != 0 || (regionOffset % 4) != 0)
            {
                error = "packet buffer at 0x" + regionAddress.ToString("X8") + " is not aligned to " + alignment.ToString();
                return null;
            }

            if (handshake && cacheAlignment < 8)
            {
                error = "the session handshake needs dcache-alignment >= 8 (Zephyr rejects D = " + cacheAlignment.ToString() + ")";
                return null;
            }

            if (regionSize < 0 || (regionSize % 4) != 0)
            {
                error = "packet buffer size " + regionSize.ToString() + " is not a multiple of 4";
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
