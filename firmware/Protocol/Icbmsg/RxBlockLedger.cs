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
        /// A release sent from an application thread did not fit in the ring: the blocks it gave back are this
        /// side's again until the receive thread retries (the peer cannot reuse them before it sees the release).
        /// </summary>
        public void DeferRelease(int block, int count)
        {
            lock (_sync)
            {
                SetTaken(block, count, true);
                MarkPending(block);
            }
        }

        /// <summary>
        /// Receive thread, which writes a release before it gives the blocks back: ends a delivered buffer (it can
        /// no longer be read) and lists its release as waiting, blocks still held, until
        /// <see cref="EndPendingRelease"/>; so a release that fails, even by an exception, is retried rather
        /// than lost. False when the buffer was already released; exactly one caller wins.
        /// </summary>
        public bool Claim(RxBuffer buffer)
        {
            lock (_sync)
            {
                if (!buffer.IsValid)
                {
                    return false;
                }

                buffer.Invalidate();
                MarkPending(buffer.Block);
                return true;
            }
        }

        /// <summary>The first block at or after <paramref name="from"/> whose release waits, or -1. Receive thread.</summary>
        public int NextPendingRelease(int from)
        {
            lock (_sync)
            {
                for (int block = from; block < _releasePending.Length; block++)
                {
                    if (_releasePending[block])
                    {
                        return block;
                    }
                }

                return -1;
            }
        }

        /// <summary>The waiting release of <paramref name="block"/> went out: its blocks are free here. Receive thread.</summary>
        public void EndPendingRelease(int block)
        {
            lock (_sync)
            {
                if (_releasePending[block])
                {
                    _releasePending[block] = false;
                    _pending--;
                    SetTaken(block, _buffers[block].BlockCount, false);
                }
            }
        }

        private void MarkPending(int block)
        {
            if (!_releasePending[block])
            {
                _releasePending[block] = true;
                _pending++;
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
