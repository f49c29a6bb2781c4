using System;
using NfIcbmsg.Hal;

namespace NfIcbmsg.Platform.InMemory
{
    /// <summary>
    /// Shared memory as one managed byte array: both simulated cores of one process share it. Word
    /// accesses and the barrier take one lock, which keeps a word whole and gives the full-barrier ordering of
    /// the target; bulk copies take none, as the index words that publish them order them;
    /// cache maintenance is a no-op because there is no cache to keep coherent.
    /// </summary>
    public sealed class ByteArrayMemory : ISharedMemory
    {
        private readonly byte[] _bytes;
        private readonly object _sync = new object();

        /// <summary>Creates a zero-filled window of <paramref name="length"/> bytes at <paramref name="baseAddress"/>.</summary>
        public ByteArrayMemory(uint baseAddress, int length)
        {
            if (length <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(length));
            }

            BaseAddress = baseAddress;
            _bytes = new byte[length];
        }

        /// <inheritdoc />
        public uint BaseAddress { get; }

        /// <inheritdoc />
        public int Length
        {
            get { return _bytes.Length; }
        }

        /// <summary>The raw bytes, for tests and inspectors that look at what the peer sees.</summary>
        public byte[] Bytes
        {
            get { return _bytes; }
        }

        /// <inheritdoc />
        public uint ReadWord(int offset)
        {
            CheckWord(offset);
            lock (_sync)
            {
                return (uint)(_bytes[offset] | (_bytes[offset + 1] << 8) | (_bytes[offset + 2] << 16) | (_bytes[offset + 3] << 24));
            }
        }

        /// <inheritdoc />
        public void WriteWord(int offset, uint value)
        {
            CheckWord(offset);
            lock (_sync)
            {
                _bytes[offset] = (byte)value;
                _bytes[offset + 1] = (byte)(value >> 8);
                _bytes[offset + 2] = (byte)(value >> 16);
                _bytes[offset + 3] = (byte)(value >> 24);
            }
        }

        /// <inheritdoc />
        public void Read(int offset, byte[] destination, int index, int count)
        {
            CheckRange(offset, count);
            Array.Copy(_bytes, offset, destination, index, count);
        }

        /// <inheritdoc />
        public void Write(int offset, byte[] source, int index, int count)
        {
            CheckRange(offset, count);
            Array.Copy(source, index, _bytes, offset, count);
        }

        /// <summary>False: a managed array has no cache to maintain.</summary>
        public bool HasDataCache
        {
            get { return false; }
        }

        /// <inheritdoc />
        public void Barrier()
        {
            // Every word access above takes the same lock, which is a full fence on both runtimes.
            lock (_sync)
            {
            }
        }

        /// <inheritdoc />
        public void Invalidate(int offset, int length)
        {
            CheckRange(offset, length);
        }

        /// <inheritdoc />
        public void Flush(int offset, int length)
        {
            CheckRange(offset, length);
        }

        private void CheckWord(int offset)
        {
            if (offset < 0 || (offset & 3) != 0 || offset > _bytes.Length - 4)
            {
                throw new ArgumentOutOfRangeException(nameof(offset));
            }
        }

        private void CheckRange(int offset, int count)
        {
            if (offset < 0 || count < 0 || offset > _bytes.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(offset));
            }
        }
    }
}
