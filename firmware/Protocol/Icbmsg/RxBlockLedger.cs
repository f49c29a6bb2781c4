using NfIcbmsg.Hal;

namespace NfIcbmsg.Icbmsg
{
    /// <summary>
    /// The receiver's record of the peer's blocks this side holds: which rx blocks a delivered, held or parked
    /// message takes (so a message that names one of them is refused), the preallocated
    /// <see cref="RxBuffer"/> of each block, and the releases the ring could not take yet.
    /// </summary>
    /// <remarks>
    /// Threading: blocks are taken on the receive thread; they are given back on any thread (the application
    /// releases a held buffer from its own). Every member takes <c>_sync</c>, which guards the taken and
    /// pending flags, the buffers' validity and the held gauge. A buffer's contents are set on the receive
    /// thread before it is delivered, while its blocks are taken.
    /// </remarks>
    internal sealed class RxBlockLedger
    {
        private readonly object _sync = new object();
        private readonly IpcStatistics _statistics;
        private readonly RxBuffer[] _buffers;
        private readonly bool[] _taken;
        private readonly bool[] _releasePending;
        private int _pending;
        private int _held;

        /// <summary>A ledger of <paramref name="blockCount"/> free rx blocks, one buffer each.</summary>
        public RxBlockLedger(int blockCount, IpcInstance instance, ISharedMemory memory, IpcStatistics statistics)
        {
            _statistics = statistics;
            _buffers = new RxBuffer[blockCount];
            _taken = new bool[blockCount];
            _releasePending = new bool[blockCount];
            for (int k = 0; k < blockCount; k++)
            {
                _buffers[k] = new RxBuffer(instance, memory, k);
            }
        }

        /// <summary>Number of blocks.</summary>
        public int BlockCount
        {
            get { return _taken.Length; }
        }

        /// <summary>True when a release waits for room in the ring (receive thread retries it).</summary>
        public bool HasPendingReleases
        {
            get
            {
                lock (_sync)
                {
                    return _pending > 0;
                }
            }
        }

        /// <summary>The buffer of the message that starts at <paramref name="block"/>.</summary>
        public RxBuffer Buffer(int block)
        {
            return _buffers[block];
        }

        /// <summary>
        /// Takes blocks [<paramref name="block"/>, +<paramref name="count"/>) for a message; false, taking none,
        /// when any of them is still held. Receive thread; the range lies inside the region (checked before).
        /// </summary>
        public bool TryTake(int block, int count)
        {
            lock (_sync)
            {
                for (int i = block; i < block + count; i++)
                {
                    if (_taken[i])
                    {
                        return false;
                    }
                }

                SetTaken(block, count, true);
                return true;
            }
        }

        /// <summary>Gives blocks taken by <see cref="TryTake"/> back without a release (the message was refused).</summary>
        public void Untake(int block, int count)
        {
            lock (_sync)
            {
                SetTaken(block, count, false);
            }
        }

        /// <summary>
        /// Ends a delivered buffer: it can no longer be read, and its blocks are no longer held here. Returns
        /// their count, or 0 when the buffer was already released (nothing to send). Any thread.
        /// </summary>
        public int Release(RxBuffer buffer)
        {
            lock (_sync)
            {
                if (!buffer.IsValid)
                {
                    return 0;
                }

                int count = buffer.BlockCount;
                buffer.Invalidate();
                SetTaken(buffer.Block, count, false);
                return count;
            }
        }

        /// <summary>Ends a parked BOUND's buffer once its RELEASE_BOUND is in the ring. Returns its block count.</summary>
        public int ReleaseParked(int block)
        {
            return Release(_buffers[block]);
        }

        /// <summary>
        /// The release of the buffer at <paramref name="block"/> did not fit in the ring: its blocks stay
        /// this side's until the receive thread retries (the peer cannot reuse them before it sees the release).
        /// </summary>
        public void DeferRelease(int block, int count)
        {
            lock (_sync)
            {
                SetTaken(block, count, true);
                if (!_releasePending[block])
                {
                    _releasePending[block] = true;
                    _pending++;
                }
            }
        }

        /// <summary>
        /// The first block at or after <paramref name="from"/> whose release waits, taken off the waiting list
        /// with its blocks given back as for <see cref="Release"/> (<paramref name="count"/> of them); -1 when
        /// none waits any more. Receive thread.
        /// </summary>
        public int NextPendingRelease(int from, out int count)
        {
            count = 0;
            lock (_sync)
            {
                for (int block = from; block < _releasePending.Length; block++)
                {
                    if (_releasePending[block])
                    {
                        _releasePending[block] = false;
                        _pending--;
                        count = _buffers[block].BlockCount;
                        SetTaken(block, count, false);
                        return block;
                    }
                }

                return -1;
            }
        }

        private void SetTaken(int block, int count, bool taken)
        {
            int end = block + count < _taken.Length ? block + count : _taken.Length;
            for (int i = block; i < end; i++)
            {
                _taken[i] = taken;
            }

            _held += taken ? count : -count;
            _statistics.SetRxBlocksHeld(_held);
        }
    }
}
