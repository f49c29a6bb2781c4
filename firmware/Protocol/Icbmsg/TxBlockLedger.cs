using System;
using System.Threading;
using NfIcbmsg.Hal;

namespace NfIcbmsg.Icbmsg
{
    /// <summary>
    /// The sender's record of its tx blocks: which are allocated (Zephyr's sys_bitarray: contiguous first-fit
    /// from block 0), how many blocks each buffer took, what each buffer waits for (<see cref="TxBufferKind"/>),
    /// and the lease state of each block. A release frees exactly what was allocated, and only a buffer that
    /// was sent, whatever the shared size header or the peer says.
    /// </summary>
    /// <remarks>
    /// Threading: any thread. Every member takes <c>_sync</c>, which guards all per-block arrays, the lease
    /// slots' state and the in-use gauge; a wait for releases happens outside it, on <c>_released</c>.
    /// Senders allocate, mark and free; the receive thread takes releases.
    /// </remarks>
    internal sealed class TxBlockLedger
    {
        private readonly object _sync = new object();
        private readonly AutoResetEvent _released = new AutoResetEvent(false);
        private readonly IpcStatistics _statistics;
        private readonly bool[] _used;
        private readonly int[] _bufferBlocks;
        private readonly TxBufferKind[] _kind;
        private readonly int[] _boundAddress;
        private readonly TxLeaseSlot[] _leases;

        // No block below it is free, so first-fit from block 0 may start here: the same blocks, fewer steps.
        private int _lowestFree;
        private int _inUse;
        private int _waiters;

        /// <summary>
        /// A ledger of <paramref name="blockCount"/> free blocks of <paramref name="blockSize"/> bytes, the first at
        /// window offset <paramref name="blocksOffset"/> (for the lease slots, which write payloads in place).
        /// </summary>
        public TxBlockLedger(int blockCount, ISharedMemory memory, int blocksOffset, int blockSize, IpcStatistics statistics)
        {
            _statistics = statistics;
            _used = new bool[blockCount];
            _bufferBlocks = new int[blockCount];
            _kind = new TxBufferKind[blockCount];
            _boundAddress = new int[blockCount];
            _leases = new TxLeaseSlot[blockCount];
            for (int k = 0; k < blockCount; k++)
            {
                _leases[k] = new TxLeaseSlot(memory, k, blocksOffset + k * blockSize + RegionLayout.BlockHeaderSize);
            }
        }

        /// <summary>Number of blocks.</summary>
        public int BlockCount
        {
            get { return _used.Length; }
        }

        /// <summary>
        /// Allocates <paramref name="count"/> contiguous blocks (0: the first free block extended over the free
        /// blocks after it). Waits up to <paramref name="timeoutMs"/> (0 no wait, -1 forever) for releases.
        /// Returns the first block, or -1; <paramref name="waited"/> tells whether it had to wait,
        /// <paramref name="allocated"/> how many blocks it took. The buffer waits for nothing until marked.
        /// </summary>
        public int Allocate(int count, int timeoutMs, out bool waited, out int allocated)
        {
            waited = false;
            allocated = 0;
            if (count > _used.Length)
            {
                return -1;
            }

            // Blocks are free most of the time: one lock, without the bookkeeping of a wait.
            lock (_sync)
            {
                int free = Take(count, out allocated);
                if (free >= 0 || timeoutMs == 0)
                {
                    return free;
                }
            }

            long deadline = timeoutMs > 0 ? Environment.TickCount64 + timeoutMs : 0;
            bool waiting = false;
            try
            {
                while (true)
                {
                    lock (_sync)
                    {
                        int first = Take(count, out allocated);
                        if (first >= 0)
                        {
                            return first;
                        }

                        // Counted in the same lock as the failed attempt, so a free after it sees the waiter.
                        if (!waiting)
                        {
                            _waiters++;
                            waiting = true;
                        }
                    }

                    int wait;
                    if (timeoutMs < 0)
                    {
                        wait = Timeout.Infinite;
                    }
                    else
                    {
                        long left = deadline - Environment.TickCount64;
                        if (left <= 0)
                        {
                            return -1;
                        }

                        wait = (int)left;
                    }

                    waited = true;
                    _released.WaitOne(wait, false);
                }
            }
            finally
            {
                if (waiting)
                {
                    lock (_sync)
                    {
                        _waiters--;
                    }
                }

                // Like Zephyr's semaphore give-back: a waiter that woke passes the wake-up on, so other
                // waiters re-check too.
                if (waited)
                {
                    _released.Set();
                }
            }
        }

        /// <summary>Marks the buffer at <paramref name="first"/> as leased to <paramref name="owner"/> and returns its handle.</summary>
        public TxLease Lease(int first, Endpoint owner, int capacity)
        {
            TxLeaseSlot slot = _leases[first];
            lock (_sync)
            {
                _kind[first] = TxBufferKind.Leased;
                slot.Activate(owner, _bufferBlocks[first], capacity);
                return new TxLease(slot);
            }
        }

        /// <summary>
        /// Ends a lease that is being sent: frees the blocks after the first <paramref name="keep"/> (send with
        /// shrink), makes every handle of it stale, and marks the buffer as sent data.
        /// </summary>
        public void EndLeaseForSend(TxLeaseSlot slot, int keep, int capacity)
        {
            int first = slot.FirstBlock;
            bool wake;
            lock (_sync)
            {
                int count = _bufferBlocks[first];
                if (keep < count)
                {
                    for (int i = first + keep; i < first + count; i++)
                    {
                        _used[i] = false;
                    }

                    _bufferBlocks[first] = keep;
                    _inUse -= count - keep;
                    _statistics.SetTxBlocksInUse(_inUse);
                    slot.Shrink(keep, capacity);
                }

                slot.Deactivate();
                _kind[first] = TxBufferKind.DataSent;
                wake = keep < count && _waiters > 0;
            }

            if (wake)
            {
                _released.Set();
            }
        }

        /// <summary>Ends a lease without sending it: every handle of it is stale and its blocks are free.</summary>
        public int DropLease(TxLeaseSlot slot)
        {
            lock (_sync)
            {
                slot.Deactivate();
            }

            return Free(slot.FirstBlock);
        }

        /// <summary>
        /// Marks the buffer at <paramref name="first"/> as sent (<see cref="TxBufferKind.DataSent"/>, or
        /// <see cref="TxBufferKind.BoundSent"/> for the endpoint address <paramref name="boundAddress"/>), before
        /// its control message goes out: from then on the peer's release of it is expected.
        /// </summary>
        public void MarkSent(int first, TxBufferKind kind, int boundAddress)
        {
            lock (_sync)
            {
                _kind[first] = kind;
                _boundAddress[first] = boundAddress;
            }
        }

        /// <summary>
        /// Frees the buffer that starts at <paramref name="first"/>. Returns the number of blocks freed, 0 when
        /// no buffer starts there (nothing changes).
        /// </summary>
        public int Free(int first)
        {
            if (first < 0 || first >= _bufferBlocks.Length)
            {
                return 0;
            }

            int count;
            bool wake;
            lock (_sync)
            {
                count = FreeLocked(first);
                wake = count > 0 && _waiters > 0;
            }

            // An event Set costs as much as the rest of a free on the device: only when someone waits.
            if (wake)
            {
                _released.Set();
            }

            return count;
        }

        /// <summary>
        /// The peer's release of the buffer at <paramref name="block"/> (RELEASE_DATA, or RELEASE_BOUND for
        /// <paramref name="address"/> when <paramref name="bound"/>): frees it when it is a buffer of that kind
        /// that was sent and returns true; false, changing nothing, when it is not (the caller rejects it).
        /// </summary>
        public bool TakeRelease(int block, bool bound, int address)
        {
            if (block < 0 || block >= _kind.Length)
            {
                return false;
            }

            bool wake;
            lock (_sync)
            {
                TxBufferKind kind = _kind[block];
                bool expected = bound ? kind == TxBufferKind.BoundSent && _boundAddress[block] == address : kind == TxBufferKind.DataSent;
                if (!expected)
                {
                    return false;
                }

                wake = FreeLocked(block) > 0 && _waiters > 0;
            }

            if (wake)
            {
                _released.Set();
            }

            return true;
        }

        // Under _sync: takes the blocks (first-fit, or all from the first free one for 0) and counts them in use.
        private int Take(int count, out int allocated)
        {
            allocated = count;
            int first = count == 0 ? TakeLargestAtFirstFree(out allocated) : TakeFirstFit(count);
            if (first < 0)
            {
                allocated = 0;
                return -1;
            }

            _inUse += allocated;
            _statistics.SetTxBlocksInUse(_inUse);
            return first;
        }

        private int FreeLocked(int first)
        {
            int count = _bufferBlocks[first];
            for (int i = first; i < first + count; i++)
            {
                _used[i] = false;
            }

            _bufferBlocks[first] = 0;
            _kind[first] = TxBufferKind.None;
            if (count > 0)
            {
                if (first < _lowestFree)
                {
                    _lowestFree = first;
                }

                _inUse -= count;
                _statistics.SetTxBlocksInUse(_inUse);
            }

            return count;
        }

        private int TakeFirstFit(int count)
        {
            int run = 0;
            for (int i = _lowestFree; i < _used.Length; i++)
            {
                run = _used[i] ? 0 : run + 1;
                if (run == count)
                {
                    int first = i - count + 1;
                    Mark(first, count);
                    return first;
                }
            }

            return -1;
        }

        private int TakeLargestAtFirstFree(out int count)
        {
            count = 0;
            int first = -1;
            for (int i = _lowestFree; i < _used.Length; i++)
            {
                if (!_used[i])
                {
                    first = i;
                    break;
                }
            }

            if (first < 0)
            {
                return -1;
            }

            while (first + count < _used.Length && !_used[first + count])
            {
                count++;
            }

            Mark(first, count);
            return first;
        }

        private void Mark(int first, int count)
        {
            for (int i = first; i < first + count; i++)
            {
                _used[i] = true;
            }

            _bufferBlocks[first] = count;
            if (first == _lowestFree)
            {
                _lowestFree = first + count;
                while (_lowestFree < _used.Length && _used[_lowestFree])
                {
                    _lowestFree++;
                }
            }
        }
    }
}
