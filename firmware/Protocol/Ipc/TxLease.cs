using System;

namespace NfIcbmsg
{
    /// <summary>
    /// A zero-copy tx buffer: contiguous shared blocks this side allocated, written in place, then
    /// sent with <see cref="Endpoint.SendNoCopy"/> or given back with <see cref="Endpoint.Drop"/>.
    /// A lease is a handle (a value, so leasing allocates nothing): the block's preallocated state plus
    /// the generation of the buffer it was issued for. Once the buffer is sent or dropped every copy of
    /// the handle is stale: <see cref="Write"/>, <see cref="WriteByte"/>, <see cref="Endpoint.SendNoCopy"/>
    /// and <see cref="Endpoint.Drop"/> throw <see cref="InvalidOperationException"/>, even when a later
    /// buffer starts at the same block. <c>default(TxLease)</c> (what <see cref="Endpoint.GetTxBuffer"/>
    /// returns when no blocks came) holds no buffer: <see cref="IsActive"/> is false.
    /// </summary>
    public struct TxLease
    {
        private readonly TxLeaseSlot _slot;
        private readonly int _generation;

        internal TxLease(TxLeaseSlot slot)
        {
            _slot = slot;
            _generation = slot.Generation;
        }

        /// <summary>Bytes this lease can carry; 0 once it is sent or dropped, or when it holds no buffer.</summary>
        public int Capacity
        {
            get { return IsActive ? _slot.Capacity : 0; }
        }

        /// <summary>True from allocation until it is sent or dropped; false for <c>default(TxLease)</c>.</summary>
        public bool IsActive
        {
            get { return _slot != null && _slot.IsActive && _slot.Generation == _generation; }
        }

        internal TxLeaseSlot Slot
        {
            get { return _slot; }
        }

        /// <summary>Copies <paramref name="count"/> bytes of <paramref name="source"/> into the buffer at <paramref name="offset"/>.</summary>
        public void Write(int offset, byte[] source, int index, int count)
        {
            if (source == null)
            {
                throw new ArgumentNullException(nameof(source));
            }

            CheckActive();
            int capacity = _slot.Capacity;
            if (offset < 0 || count < 0 || offset > capacity - count)
            {
                throw new ArgumentOutOfRangeException(nameof(offset), "bytes " + offset.ToString() + ".." + (offset + count).ToString() + " outside the lease's 0.." + capacity.ToString());
            }

            if (index < 0 || index > source.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            _slot.Write(offset, source, index, count);
        }

        /// <summary>Writes one byte at <paramref name="offset"/>.</summary>
        public void WriteByte(int offset, byte value)
        {
            CheckActive();
            if (offset < 0 || offset >= _slot.Capacity)
            {
                throw new ArgumentOutOfRangeException(nameof(offset), "byte " + offset.ToString() + " outside the lease's 0.." + _slot.Capacity.ToString());
            }

            _slot.WriteByte(offset, value);
        }

        /// <summary>Throws <see cref="InvalidOperationException"/> unless the lease holds a buffer that is neither sent nor dropped.</summary>
        internal void CheckActive()
        {
            if (_slot == null)
            {
                throw new InvalidOperationException("the lease holds no buffer (GetTxBuffer returned none)");
            }

            if (!IsActive)
            {
                throw new InvalidOperationException("the lease of tx block " + _slot.FirstBlock.ToString() + " (generation " + _generation.ToString() + ") was already sent or dropped; the block is at generation " + _slot.Generation.ToString());
            }
        }
    }
}
