using System;
using System.Collections.Generic;
using System.Threading;
using NfIcbmsg.Hal;

namespace NfIcbmsg.Sim.Soak
{
    /// <summary>
    /// One side's view of the shared window, fenced to what that side may touch: it reads only inside
    /// the two regions and writes only where it owns the memory (its tx region, the index words of the
    /// ring it reads). Anything else is counted and thrown, as the seam's contract says.
    /// </summary>
    public sealed class FencedMemory : ISharedMemory
    {
        private readonly ISharedMemory _inner;
        private readonly List<(int Start, int End)> _readable = new List<(int, int)>();
        private readonly List<(int Start, int End)> _writable = new List<(int, int)>();
        private int _violations;

        public FencedMemory(ISharedMemory inner)
        {
            _inner = inner;
        }

        public uint BaseAddress => _inner.BaseAddress;

        public int Length => _inner.Length;

        /// <summary>Accesses outside the allowed ranges so far.</summary>
        public int Violations => Volatile.Read(ref _violations);

        public void AllowReads(int offset, int length) => _readable.Add((offset, offset + length));

        public void AllowWrites(int offset, int length) => _writable.Add((offset, offset + length));

        public uint ReadWord(int offset)
        {
            Check(_readable, offset, 4);
            return _inner.ReadWord(offset);
        }

        public void WriteWord(int offset, uint value)
        {
            Check(_writable, offset, 4);
            _inner.WriteWord(offset, value);
        }

        public void Read(int offset, byte[] destination, int index, int count)
        {
            Check(_readable, offset, count);
            _inner.Read(offset, destination, index, count);
        }

        public void Write(int offset, byte[] source, int index, int count)
        {
            Check(_writable, offset, count);
            _inner.Write(offset, source, index, count);
        }

        // True whatever the inner seam says: the fence checks the ranges of every maintenance call too.
        public bool HasDataCache => true;

        public void Barrier() => _inner.Barrier();

        public void Invalidate(int offset, int length) => Check(_readable, offset, length);

        public void Flush(int offset, int length) => Check(_writable, offset, length);

        private void Check(List<(int Start, int End)> ranges, int offset, int count)
        {
            foreach ((int start, int end) in ranges)
            {
                if (offset >= start && count >= 0 && offset + (long)count <= end)
                {
                    return;
                }
            }

            Interlocked.Increment(ref _violations);
            throw new ArgumentOutOfRangeException(nameof(offset), $"access of {count} bytes at window offset {offset} outside this side's ranges");
        }
    }
}
