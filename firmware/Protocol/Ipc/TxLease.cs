using System;
using NfIcbmsg.Hal;

namespace NfIcbmsg
{
    /// <summary>
    /// A zero-copy tx buffer: contiguous shared blocks this side allocated, written in place, then
    /// sent with <see cref="Endpoint.SendNoCopy"/> or given back with <see cref="Endpoint.Drop"/>.
    /// Leases are preallocated, one per tx block, so the steady state allocates nothing; a lease
    /// object is reused for later buffers that start at the same block, so do not keep one after
    /// sending or dropping it.
    /// </summary>
    public sealed class TxLease
    {
        private readonly ISharedMemory _memory;
        private readonly byte[] _one = new byte[1];

        internal TxLease(ISharedMemory memory, int firstBlock, int payloadOffset)
        {
            _memory = memory;
            FirstBlock = firstBlock;
            PayloadOffset = payloadOffset;
        }

        /// <summary>Bytes this lease can carry.</summary>
        public int Capacity { get; private set; }

        /// <summary>True from allocation until it is sent or dropped.</summary>
        public bool IsActive { get; private set; }

        internal int FirstBlock { get; }

        internal int PayloadOffset { get; }

        internal int BlockCount { get; private set; }

        internal Endpoint Owner { get; private set; }

        /// <summary>Copies <paramref name="count"/> bytes of <paramref name="source"/> into the buffer at <paramref name="offset"/>.</summary>
        public void Write(int offset, byte[] source, int index, int count)
        {
            if (source == null)
            {
                throw new ArgumentNullException(nameof(source));
            }

            CheckActive();
            if (offset < 0 || count < 0 || offset > Capacity - count)
            {
                throw new ArgumentOutOfRangeException(nameof(offset));
            }

            if (index < 0 || index > source.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            _memory.Write(PayloadOffset + offset, source, index, count);
        }

        /// <summary>Writes one byte at <paramref name="offset"/>.</summary>
        public void WriteByte(int offset, byte value)
        {
            _one[0] = value;
            Write(offset, _one, 0, 1);
        }

        internal void Activate(Endpoint owner, int blockCount, int capacity)
        {
            Owner = owner;
            BlockCount = blockCount;
            Capacity = capacity;
            IsActive = true;
        }

        internal void Shrink(int blockCount, int capacity)
        {
            BlockCount = blockCount;
            Capacity = capacity;
        }

        internal void Deactivate()
        {
            IsActive = false;
            Owner = null;
        }

        private void CheckActive()
        {
            if (!IsActive)
            {
                throw new InvalidOperationException("the lease was already sent or dropped");
            }
        }
    }
}
