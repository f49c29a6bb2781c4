using System;
using System.Threading;

namespace NfIcbmsg.Icbmsg
{
    /// <summary>
    /// The sender's map of its tx blocks (Zephyr's sys_bitarray): contiguous first-fit allocation from
    /// block 0, waits for releases with a timeout, and a record of each buffer's block count so that a
    /// release frees exactly what was allocated, whatever the shared size header says now.
    /// </summary>
    public sealed class BlockAllocator
    {
        private readonly object _sync = new object();
        private readonly AutoResetEvent _released = new AutoResetEvent(false);
        private readonly bool[] _used;
        private readonly int[] _bufferBlocks;
        private int _waiters;

        /// <summary>Creates an allocator of <paramref name="blockCount"/> free blocks.</summary>
        public BlockAllocator(int blockCount)
        {
            _used = new bool[blockCount];
            _bufferBlocks = new int[blockCount];
        }

        /// <summary>Number of blocks.</summary>
        public int BlockCount
        {
            get { return _used.Length; }
        }

        /// <summary>Blocks allocated now.</summary>
        public int InUse
        {
            get
            {
                lock (_sync)
                {
                    int count = 0;
                    for (int i = 0; i < _used.Length; i++)
                    {
                        if (_used[i])
                        {
                            count++;
                        }
                    }

                    return count;
                }
            }
        }

        /// <summary>
        /// Allocates <paramref name="count"/> contiguous blocks (0: the first free block extended over
        /// the free blocks after it). Waits up to <paramref name="timeoutMs"/> (0 no wait, -1 forever)
        /// for releases. Returns the first block, or -1; <paramref name="waited"/> tells whether it had
        /// to wait, <paramref name="allocated"/> how many blocks it took.
        /// </summary>
        public int Allocate(int count, int timeoutMs, out bool waited, out int allocated)
        {
            waited = false;
            allocated = 0;
            if (count > _used.Length)
            {
                return -1;
            }

            long deadline = timeoutMs > 0 ? Environment.TickCount64 + timeoutMs : 0;
            bool waiting = false;
            try
            {
                while (true)
                {
                    lock (_sync)
                    {
                        int first = count == 0 ? TakeLargestAtFirstFree(out allocated) : TakeFirstFit(count);
                        if (first >= 0)
                        {
                            if (count != 0)
                            {
                                allocated = count;
                            }

                            return first;
                        }

                        // Counted in the same lock as the failed attempt, so a free after it sees the waiter.
                        if (!waiting && timeoutMs != 0)
                        {
                            _waiters++;
                            waiting = true;
                        }
                    }

                    int wait;
                    if (timeoutMs == 0)
                    {
                        return -1;
                    }
                    else if (timeoutMs < 0)
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

        /// <summary>Blocks of the buffer that starts at <paramref name="first"/>, 0 when none starts there.</summary>
        public int BlocksOf(int first)
        {
            lock (_sync)
            {
                return first >= 0 && first < _bufferBlocks.Length ? _bufferBlocks[first] : 0;
            }
        }

        /// <summary>
        /// Frees the tail of a buffer so it keeps <paramref name="keep"/> blocks (send with shrink).
        /// </summary>
        public void Shrink(int first, int keep)
        {
            bool wake;
            lock (_sync)
            {
                wake = _waiters > 0;
                int count = _bufferBlocks[first];
                for (int i = first + keep; i < first + count; i++)
                {
                    _used[i] = false;
                }

                _bufferBlocks[first] = keep;
            }

            if (wake)
            {
                _released.Set();
            }
        }

        /// <summary>
        /// Frees the buffer that starts at <paramref name="first"/>. Returns the number of blocks freed,
        /// 0 when no buffer starts there (a bad release: nothing changes).
        /// </summary>
        public int Free(int first)
        {
            int count;
            bool wake;
            lock (_sync)
            {
                wake = _waiters > 0;
                if (first < 0 || first >= _bufferBlocks.Length)
                {
                    return 0;
                }

                count = _bufferBlocks[first];
                for (int i = first; i < first + count; i++)
                {
                    _used[i] = false;
                }

                _bufferBlocks[first] = 0;
            }

            // An event Set costs as much as the rest of a free on the device: only when someone waits.
            if (count > 0 && wake)
            {
                _released.Set();
            }

            return count;
        }

        private int TakeFirstFit(int count)
        {
            int run = 0;
            for (int i = 0; i < _used.Length; i++)
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
            for (int i = 0; i < _used.Length; i++)
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
        }
    }
}
