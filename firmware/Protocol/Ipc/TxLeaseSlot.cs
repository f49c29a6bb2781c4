using NfIcbmsg.Hal;

namespace NfIcbmsg
{
    /// <summary>
    /// The state behind the <see cref="TxLease"/> handles of one tx block: preallocated once per block,
    /// so leasing allocates nothing. <see cref="Generation"/> counts the buffers that started at this
    /// block; it moves on when a buffer is sent or dropped, which makes every handle of that buffer
    /// stale.
    /// </summary>
    /// <remarks>
    /// Threading: the backend changes it (activate, shrink, deactivate) under its lock; the handles read
    /// it from the application's threads without the lock, as the checks are only against misuse
    /// (a handle used by one thread while another thread sends it is a race in the caller either way).
    /// </remarks>
    internal sealed class TxLeaseSlot
    {
        private readonly ISharedMemory _memory;
        private readonly byte[] _one = new byte[1];

        internal TxLeaseSlot(ISharedMemory memory, int firstBlock, int payloadOffset)
        {
            _memory = memory;
            FirstBlock = firstBlock;
            PayloadOffset = payloadOffset;
        }

        internal int FirstBlock { get; }

        internal int PayloadOffset { get; }

        internal int Capacity { get; private set; }

        internal int BlockCount { get; private set; }

        internal bool IsActive { get; private set; }

        internal int Generation { get; private set; }

        internal Endpoint Owner { get; private set; }

        internal void Write(int offset, byte[] source, int index, int count)
        {
            _memory.Write(PayloadOffset + offset, source, index, count);
        }

        internal void WriteByte(int offset, byte value)
        {
            // One slot is written by one lease holder at a time, so the scratch byte is not shared.
            _one[0] = value;
            _memory.Write(PayloadOffset + offset, _one, 0, 1);
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
            // Wraps after 2^32 buffers at this block; a handle kept that long is the only miss.
            Generation = unchecked(Generation + 1);
        }
    }
}
