using System;
using NfIcbmsg.Hal;

namespace NfIcbmsg.Platform.InMemory
{
    /// <summary>
    /// The shared window of one instance held as its two regions only: offsets are the window's (from the
    /// lower region's start to the higher region's end), but the gap between the regions has no bytes behind
    /// it, so a pair whose regions lie far apart costs the heap only what they hold. An access must fall
    /// inside one region. Like <see cref="ByteArrayMemory"/>, word accesses and the barrier take one lock: it keeps a
    /// word whole (the other side's thread may run between two byte stores) and is the fence that orders the
    /// bulk copies, which take none, behind the index words that publish them on both runtimes.
    /// </summary>
    public sealed class RegionPairMemory : ISharedMemory
    {
        private readonly byte[] _low;
        private readonly byte[] _high;
        private readonly int _highOffset;
        private readonly object _sync = new object();

        /// <summary>A zeroed window over the tx and rx regions of <paramref name="config"/> (either side's).</summary>
        public RegionPairMemory(InstanceConfig config)
        {
            if (config == null)
            {
                throw new ArgumentNullException(nameof(config));
            }

            bool txLow = config.TxRegionAddress <= config.RxRegionAddress;
            uint lowAddress = txLow ? config.TxRegionAddress : config.RxRegionAddress;
            int lowSize = txLow ? config.TxRegionSize : config.RxRegionSize;
            uint highAddress = txLow ? config.RxRegionAddress : config.TxRegionAddress;
            int highSize = txLow ? config.RxRegionSize : config.TxRegionSize;
            if (lowSize <= 0 || highSize <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(config), "region sizes " + lowSize.ToString() + " and " + highSize.ToString() + " must be positive");
            }

            long gap = (long)highAddress - lowAddress - lowSize;
            if (gap < 0 || (long)highAddress - lowAddress + highSize > int.MaxValue)
            {
                throw new ArgumentException("regions 0x" + lowAddress.ToString("X8") + "+" + lowSize.ToString() + " and 0x" + highAddress.ToString("X8") + "+" + highSize.ToString() + " overlap or span more than 2 GiB");
            }

            BaseAddress = lowAddress;
            _low = new byte[lowSize];
            _high = new byte[highSize];
            _highOffset = (int)(highAddress - lowAddress);
        }

        /// <summary>Physical address of offset 0 (the lower region's start).</summary>
        public uint BaseAddress { get; }

        /// <summary>From the lower region's start to the higher region's end, the gap included.</summary>
        public int Length
        {
            get { return _highOffset + _high.Length; }
        }

        /// <summary>Window offset where the higher region starts.</summary>
        public int HighRegionOffset
        {
            get { return _highOffset; }
        }

        /// <summary>
        /// The region array that holds window range [<paramref name="offset"/>, +<paramref name="count"/>) and, in
        /// <paramref name="index"/>, where the range starts in it: direct access for tests and host tools.
        /// </summary>
        public byte[] BytesAt(int offset, int count, out int index)
        {
            return Locate(offset, count, out index);
        }

        /// <inheritdoc/>
        public uint ReadWord(int offset)
        {
            int at;
            byte[] bytes = Locate(offset, 4, out at);
            if ((offset & 3) != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(offset), "word offset " + offset.ToString() + " is not 4-aligned");
            }

            lock (_sync)
            {
                return (uint)(bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24));
            }
        }

        /// <inheritdoc/>
        public void WriteWord(int offset, uint value)
        {
            int at;
            byte[] bytes = Locate(offset, 4, out at);
            if ((offset & 3) != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(offset), "word offset " + offset.ToString() + " is not 4-aligned");
            }

            lock (_sync)
            {
                bytes[at] = (byte)value;
                bytes[at + 1] = (byte)(value >> 8);
                bytes[at + 2] = (byte)(value >> 16);
                bytes[at + 3] = (byte)(value >> 24);
            }
        }

        /// <inheritdoc/>
        public void Read(int offset, byte[] destination, int index, int count)
        {
            int at;
            byte[] bytes = Locate(offset, count, out at);
            Array.Copy(bytes, at, destination, index, count);
        }

        /// <inheritdoc/>
        public void Write(int offset, byte[] source, int index, int count)
        {
            int at;
            byte[] bytes = Locate(offset, count, out at);
            Array.Copy(source, index, bytes, at, count);
        }

        /// <summary>False: managed arrays have no cache to maintain.</summary>
        public bool HasDataCache
        {
            get { return false; }
        }

        /// <inheritdoc/>
        public void Barrier()
        {
            lock (_sync)
            {
            }
        }

        /// <inheritdoc/>
        public void Invalidate(int offset, int length)
        {
            int at;
            Locate(offset, length, out at);
        }

        /// <inheritdoc/>
        public void Flush(int offset, int length)
        {
            int at;
            Locate(offset, length, out at);
        }

        // The region array holding [offset, offset + count) and the index of offset in it.
        private byte[] Locate(int offset, int count, out int at)
        {
            if (count >= 0 && offset >= 0 && offset <= _low.Length - count)
            {
                at = offset;
                return _low;
            }

            if (count >= 0 && offset >= _highOffset && offset - _highOffset <= _high.Length - count)
            {
                at = offset - _highOffset;
                return _high;
            }

            throw new ArgumentOutOfRangeException(nameof(offset), "window range " + offset.ToString() + "+" + count.ToString() + " is not inside one region (0+" + _low.Length.ToString() + ", " + _highOffset.ToString() + "+" + _high.Length.ToString() + ")");
        }
    }
}
