using System;
using System.Collections;
using System.Threading;
using nanoFramework.TestFramework;
using NfIcbmsg.Hal;
using NfIcbmsg.Icmsg;

namespace NfIcbmsg.Tests.Support
{
    /// <summary>
    /// The shared-memory seam of one side of an instance, fenced to the two regions: reads (and cache
    /// invalidations) only inside the tx or rx region, writes (and flushes) only where that side owns the
    /// memory — its whole tx region, the rd_idx word of its rx region and, in the ICMsg session modes, the
    /// handshake word beside it. The gap between the regions is part of the window but not of any region,
    /// which is why <see cref="GuardedMemory"/> (one readable range) does not fit here. A refused access is
    /// counted, remembered and thrown as <see cref="ArgumentOutOfRangeException"/> (the seam's contract),
    /// so it also shows up as an internal fault of the receive loop.
    /// </summary>
    public sealed class ProtocolRegionGuard : ISharedMemory
    {
        private readonly ISharedMemory _inner;
        private readonly string _side;
        private readonly ArrayList _readable = new ArrayList();
        private readonly ArrayList _writable = new ArrayList();
        private readonly object _sync = new object();
        private int _violations;
        private string _firstViolation;
        private int _wordReads;
        private int _watchedOffset = -1;
        private int _watchedWrites;

        /// <summary>A guard that allows nothing yet; see <see cref="AllowReads"/> and <see cref="AllowWrites"/>.</summary>
        public ProtocolRegionGuard(ISharedMemory inner, string side)
        {
            _inner = inner;
            _side = side;
        }

        /// <summary>The guard of the side configured by <paramref name="config"/> (whole regions as the board gives them).</summary>
        public static ProtocolRegionGuard ForSide(ISharedMemory inner, InstanceConfig config, string side)
        {
            ProtocolRegionGuard guard = new ProtocolRegionGuard(inner, side);
            int tx = (int)(config.TxRegionAddress - inner.BaseAddress);
            int rx = (int)(config.RxRegionAddress - inner.BaseAddress);
            guard.AllowReads(tx, config.TxRegionSize);
            guard.AllowReads(rx, config.RxRegionSize);
            guard.AllowWrites(tx, config.TxRegionSize);
            bool session = config.Backend == BackendKind.Icmsg && config.Unbound != UnboundMode.Disable;
            guard.AllowWrites(rx, session ? 8 : 4);
            return guard;
        }

        /// <inheritdoc />
        public uint BaseAddress
        {
            get { return _inner.BaseAddress; }
        }

        /// <inheritdoc />
        public int Length
        {
            get { return _inner.Length; }
        }

        /// <summary>Accesses refused so far.</summary>
        public int ViolationCount
        {
            get { lock (_sync) { return _violations; } }
        }

        /// <summary>Adds a window this side may read.</summary>
        public void AllowReads(int offset, int length)
        {
            _readable.Add(new int[] { offset, offset + length });
        }

        /// <summary>Adds a window this side may write.</summary>
        public void AllowWrites(int offset, int length)
        {
            _writable.Add(new int[] { offset, offset + length });
        }

        /// <summary>Fails the test if any access was refused.</summary>
        public void AssertClean()
        {
            lock (_sync)
            {
                Assert.AreEqual(0, _violations, "accesses outside the regions: " + (_firstViolation == null ? "none" : _firstViolation));
            }
        }

        /// <summary>Word reads so far (a receive thread that spins shows up here).</summary>
        public int WordReads
        {
            get { return _wordReads; }
        }

        /// <inheritdoc />
        public uint ReadWord(int offset)
        {
            Interlocked.Increment(ref _wordReads);
            Check(_readable, "ReadWord", offset, 4);
            return _inner.ReadWord(offset);
        }

        /// <summary>Starts counting word stores at <paramref name="offset"/> from 0 (e.g. an index word).</summary>
        public void WatchWordWrites(int offset)
        {
            _watchedWrites = 0;
            _watchedOffset = offset;
        }

        /// <summary>Word stores at the offset given to <see cref="WatchWordWrites"/> since that call.</summary>
        public int WatchedWordWrites
        {
            get { return _watchedWrites; }
        }

        /// <inheritdoc />
        public void WriteWord(int offset, uint value)
        {
            Check(_writable, "WriteWord", offset, 4);
            if (offset == _watchedOffset)
            {
                Interlocked.Increment(ref _watchedWrites);
            }

            _inner.WriteWord(offset, value);
        }

        /// <inheritdoc />
        public void Read(int offset, byte[] destination, int index, int count)
        {
            Check(_readable, "Read", offset, count);
            _inner.Read(offset, destination, index, count);
        }

        /// <inheritdoc />
        public void Write(int offset, byte[] source, int index, int count)
        {
            Check(_writable, "Write", offset, count);
            _inner.Write(offset, source, index, count);
        }

        /// <summary>True whatever the inner seam says: the guard checks the range of every maintenance call too.</summary>
        public bool HasDataCache
        {
            get { return true; }
        }

        /// <inheritdoc />
        public void Barrier()
        {
            _inner.Barrier();
        }

        /// <inheritdoc />
        public void Invalidate(int offset, int length)
        {
            Check(_readable, "Invalidate", offset, length);
            _inner.Invalidate(offset, length);
        }

        /// <inheritdoc />
        public void Flush(int offset, int length)
        {
            Check(_writable, "Flush", offset, length);
            _inner.Flush(offset, length);
        }

        private void Check(ArrayList windows, string operation, int offset, int count)
        {
            for (int i = 0; i < windows.Count; i++)
            {
                int[] window = (int[])windows[i];
                if (count >= 0 && offset >= window[0] && offset <= window[1] - count)
                {
                    return;
                }
            }

            string text = _side + " " + operation + " at window offset 0x" + offset.ToString("X") + " (" + count.ToString() + " bytes) is outside what it may touch";
            lock (_sync)
            {
                _violations++;
                if (_firstViolation == null)
                {
                    _firstViolation = text;
                }
            }

            throw new ArgumentOutOfRangeException(nameof(offset), text);
        }
    }
}
