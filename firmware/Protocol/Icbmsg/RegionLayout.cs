using System;
using NfIcbmsg.Pbuf;

namespace NfIcbmsg.Icbmsg
{
    // One region as ICBMsg splits it (docs/protocol.md §6.2, §6.3). Its writer owns all of it but rd_idx.
    // A = max(MinAlignment, dcache-alignment); addresses grow to the right.
    //
    //  Begin = ROUND_UP(address, A)             BlocksAddress        End = ROUND_DOWN(address + size, A)
    //  +--------+---------+--------+-----------+---------+---------+-----+--------------------+
    //  | rd_idx | padding | wr_idx | ring data | block 0 | block 1 | ... | block BlockCount-1 |
    //  +--------+---------+--------+-----------+---------+---------+-----+--------------------+
    //  |<---- ICMsg area (IcmsgAreaSize) ----->|<------ BlockCount * BlockSize bytes ------->|
    //  +0       +4        +A       +A+4          the ring of docs/protocol.md §3.2 with D = A and
    //                                            no handshake word; padding is empty when A = 4
    //
    //  IcmsgAreaMinimum = ROUND_UP(A + FixedRingOverhead + MessageSlot * (local + remote), A)
    //  BlockSize        = ROUND_DOWN((End - Begin - IcmsgAreaMinimum) / local, BlockSizeGranularity)
    //  IcmsgAreaSize    = End - Begin - BlockSize * local
    //
    // A buffer of K payload bytes takes n = DIV_ROUND_UP(K + BlockHeaderSize, BlockSize) contiguous blocks:
    //
    //  first block                           following blocks
    //  +-----------------+-----------------+ +-----------------+ +-----------+---------+
    //  | size K (u32 LE) | data[0] ...     | | data ...        | | ... data  | padding |
    //  +-----------------+-----------------+ +-----------------+ +-----------+---------+
    //  |<-BlockHeaderSize|<--------------- K payload bytes ------------->|   never cleared
    //  Until the buffer is sent, its header holds the capacity n * BlockSize - BlockHeaderSize.

    /// <summary>
    /// How ICBMsg splits one region (docs/protocol.md §6.2, the formula of Zephyr's code, not of its prose docs):
    /// an ICMsg ring at the start sized for every control message that can be in flight, then
    /// <see cref="BlockCount"/> equal blocks that end exactly at the aligned end of the region.
    /// Both sides compute the same numbers because they swap (local, remote) block counts.
    /// This is the single implementation of the formula; the board tools call it too.
    /// </summary>
    public sealed class RegionLayout
    {
        /// <summary>sizeof(void*) on the 32-bit peer, which Zephyr's slot size rounds to; never the host's.</summary>
        public const int PeerPointerSize = 4;

        /// <summary>
        /// Ring bytes one control message takes in Zephyr's sizing: the 3-byte message rounded up to
        /// <see cref="PeerPointerSize"/>, plus the packet header: 8.
        /// </summary>
        public const int MessageSlot = (ControlMessage.Length + PeerPointerSize - 1) / PeerPointerSize * PeerPointerSize + PacketBufferLayout.HeaderSize;

        /// <summary>Message slots Zephyr reserves beyond one per block of either direction.</summary>
        public const int SpareMessageSlots = 2;

        /// <summary>
        /// The 20 in ROUND_UP(A + 20 + 8 * (local + remote), A): the wr_idx word that follows the A bytes
        /// from rd_idx, plus the spare message slots.
        /// </summary>
        public const int FixedRingOverhead = PacketBufferLayout.IndexSize + SpareMessageSlots * MessageSlot;

        /// <summary>A is never below the 4-byte word, whatever dcache-alignment says.</summary>
        public const int MinAlignment = 4;

        /// <summary>Block sizes round down to a multiple of this (not to the cache line, as Zephyr's code does).</summary>
        public const int BlockSizeGranularity = 4;

        /// <summary>One past the highest 32-bit address: no region may reach beyond it.</summary>
        public const long AddressSpaceEnd = 0x100000000L;

        /// <summary>Bytes of the size header at the start of a buffer's first block (size_t on a 32-bit core).</summary>
        public const int BlockHeaderSize = 4;

        /// <summary>Largest block count Zephyr accepts per region.</summary>
        public const int MaxBlocks = 256;

        /// <summary>Smallest block size Zephyr accepts.</summary>
        public const int MinBlockSize = 4;

        private RegionLayout()
        {
        }

        /// <summary>The region as the board file gives it.</summary>
        public uint RegionAddress { get; private set; }

        /// <summary>The region size as the board file gives it.</summary>
        public int RegionSize { get; private set; }

        /// <summary>A = max(<see cref="MinAlignment"/>, dcache-alignment).</summary>
        public int Alignment { get; private set; }

        /// <summary>First byte used: the region address rounded up to A.</summary>
        public uint Begin { get; private set; }

        /// <summary>One past the last byte used: the region end rounded down to A.</summary>
        public uint End { get; private set; }

        /// <summary>Blocks in this region (the writer's tx-blocks).</summary>
        public int BlockCount { get; private set; }

        /// <summary>Blocks in the other direction's region.</summary>
        public int RemoteBlockCount { get; private set; }

        /// <summary>Bytes of the ICMsg area (the packet buffer) at <see cref="Begin"/>.</summary>
        public int IcmsgAreaSize { get; private set; }

        /// <summary>
        /// The smallest ICMsg area that holds the control queue:
        /// ROUND_UP(A + <see cref="FixedRingOverhead"/> + <see cref="MessageSlot"/> * (local + remote), A).
        /// </summary>
        public int IcmsgAreaMinimum { get; private set; }

        /// <summary>Bytes of one block (a multiple of <see cref="BlockSizeGranularity"/>, not necessarily of the cache line).</summary>
        public int BlockSize { get; private set; }

        /// <summary>Address of block 0.</summary>
        public uint BlocksAddress
        {
            get { return Begin + (uint)IcmsgAreaSize; }
        }

        /// <summary>Largest message a writer can send through this region: BlockSize * BlockCount - 4.</summary>
        public int MaxMessageSize
        {
            get { return BlockSize * BlockCount - BlockHeaderSize; }
        }

        /// <summary>Length of the packet buffer's data area (ICMsg area minus rd/wr words and cache padding).</summary>
        public int PacketDataLength
        {
            get { return IcmsgAreaSize - Alignment - PacketBufferLayout.IndexSize; }
        }

        /// <summary>Address of block <paramref name="index"/>.</summary>
        public uint BlockAddress(int index)
        {
            return BlocksAddress + (uint)(index * BlockSize);
        }

        /// <summary>Blocks a buffer of <paramref name="payload"/> bytes occupies: DIV_ROUND_UP(payload + 4, BlockSize).</summary>
        public int BlocksFor(int payload)
        {
            return (payload + BlockHeaderSize + BlockSize - 1) / BlockSize;
        }

        /// <summary>
        /// Computes the split of a region of <paramref name="localBlocks"/> blocks whose peer region holds
        /// <paramref name="remoteBlocks"/>, or says why Zephyr would refuse it.
        /// </summary>
        public static RegionLayout TryCompute(uint address, int size, int localBlocks, int remoteBlocks, int dcacheAlignment, out string error)
        {
            error = null;
            if (localBlocks < 1 || localBlocks > MaxBlocks)
            {
                error = "block count " + localBlocks.ToString() + " is outside 1.." + MaxBlocks.ToString();
                return null;
            }

            if (remoteBlocks < 1 || remoteBlocks > MaxBlocks)
            {
                error = "peer block count " + remoteBlocks.ToString() + " is outside 1.." + MaxBlocks.ToString();
                return null;
            }

            if (dcacheAlignment < 0 || (dcacheAlignment & (dcacheAlignment - 1)) != 0)
            {
                error = "dcache-alignment " + dcacheAlignment.ToString() + " is not 0 or a power of two";
                return null;
            }

            if (size <= 0)
            {
                error = "region size " + size.ToString() + " is not positive";
                return null;
            }

            long alignment = dcacheAlignment > MinAlignment ? dcacheAlignment : MinAlignment;
            long begin = ((long)address + alignment - 1) / alignment * alignment;
            long end = ((long)address + size) / alignment * alignment;
            if (end > AddressSpaceEnd)
            {
                error = "region 0x" + address.ToString("X8") + "+0x" + size.ToString("X") + " runs past the 32-bit address space";
                return null;
            }

            long usable = end - begin;
            long minimum = ((alignment + FixedRingOverhead + MessageSlot * (long)(localBlocks + remoteBlocks)) + alignment - 1) / alignment * alignment;
            if (usable <= minimum)
            {
                error = "region of " + size.ToString() + " bytes cannot hold the ICMsg control queue (" + minimum.ToString() + " bytes for " + localBlocks.ToString() + "+" + remoteBlocks.ToString() + " blocks) and any blocks";
                return null;
            }

            long block = (usable - minimum) / localBlocks / BlockSizeGranularity * BlockSizeGranularity;
            if (block < MinBlockSize)
            {
                error = "block size comes out at " + block.ToString() + " bytes (" + localBlocks.ToString() + " blocks in " + (usable - minimum).ToString() + " bytes); at least " + MinBlockSize.ToString() + " are needed";
                return null;
            }

            RegionLayout layout = new RegionLayout();
            layout.RegionAddress = address;
            layout.RegionSize = size;
            layout.Alignment = (int)alignment;
            layout.Begin = (uint)begin;
            layout.End = (uint)end;
            layout.BlockCount = localBlocks;
            layout.RemoteBlockCount = remoteBlocks;
            layout.BlockSize = (int)block;
            layout.IcmsgAreaMinimum = (int)minimum;
            layout.IcmsgAreaSize = (int)(usable - block * localBlocks);
            return layout;
        }

        /// <summary>As <see cref="TryCompute"/>, throwing <see cref="ArgumentException"/> with the reason.</summary>
        public static RegionLayout Compute(uint address, int size, int localBlocks, int remoteBlocks, int dcacheAlignment)
        {
            string error;
            RegionLayout layout = TryCompute(address, size, localBlocks, remoteBlocks, dcacheAlignment, out error);
            if (layout == null)
            {
                throw new ArgumentException(error);
            }

            return layout;
        }
    }
}
