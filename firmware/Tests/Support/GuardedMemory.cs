using System.Collections;
using nanoFramework.TestFramework;
using NfIcbmsg.Hal;

namespace NfIcbmsg.Tests.Support
{
    /// <summary>
    /// An <see cref="ISharedMemory"/> decorator for one side of a ring: it lets reads (and cache
    /// invalidations) through only inside the region, writes (and flushes) only inside the windows that
    /// side owns, and records every write. An access outside fails the test on the spot and is also
    /// counted, so that code which swallowed the failure is still caught by <see cref="AssertClean"/>.
    /// </summary>
    public sealed class GuardedMemory : ISharedMemory
    {
        private readonly ISharedMemory _inner;
        private readonly string _side;
        private readonly int _start;
        private readonly int _end;
        private readonly ArrayList _writable = new ArrayList();
        private readonly ArrayList _writes = new ArrayList();
        private int _reads;
        private int _cacheOperations;
        private int _violations;
        private string _firstViolation;

        /// <summary>
        /// Guards <paramref name="inner"/> for <paramref name="side"/> (named in messages): readable is
        /// [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="length"/>); nothing is
        /// writable until <see cref="AllowWrites"/> says so.
        /// </summary>
        public GuardedMemory(ISharedMemory inner, string side, int offset, int length)
        {
            _inner = inner;
            _side = side;
            _start = offset;
            _end = offset + length;
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

        /// <summary>Word and bulk reads since the last <see cref="ClearLog"/>.</summary>
        public int ReadCount
        {
            get { return _reads; }
        }

        /// <summary>Word and bulk writes since the last <see cref="ClearLog"/>.</summary>
        public int WriteCount
        {
            get { return _writes.Count; }
        }

        /// <summary>Cache invalidations and flushes since the last <see cref="ClearLog"/>.</summary>
        public int CacheOperationCount
        {
            get { return _cacheOperations; }
        }

        /// <summary>Accesses refused so far (never cleared).</summary>
        public int ViolationCount
        {
            get { return _violations; }
        }

        /// <summary>Adds a window this side may write (its own index word, the data area, …).</summary>
        public void AllowWrites(int offset, int length)
        {
            _writable.Add(new int[] { offset, offset + length });
        }

        /// <summary>Forgets the recorded accesses (not the violations).</summary>
        public void ClearLog()
        {
            _writes.Clear();
            _reads = 0;
            _cacheOperations = 0;
        }

        /// <summary>True when a recorded write touched any byte of [<paramref name="offset"/>, +<paramref name="length"/>).</summary>
        public bool Wrote(int offset, int length)
        {
            for (int i = 0; i < _writes.Count; i++)
            {
                int[] write = (int[])_writes[i];
                if (write[0] < offset + length && offset < write[1])
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Fails the test if any access was refused.</summary>
        public void AssertClean()
        {
            Assert.AreEqual(0, _violations, _firstViolation);
        }

        /// <inheritdoc />
        public uint ReadWord(int offset)
        {
            CheckReadable("ReadWord", offset, 4);
            _reads++;
            return _inner.ReadWord(offset);
        }

        /// <inheritdoc />
        public void WriteWord(int offset, uint value)
        {
            CheckWritable("WriteWord", offset, 4);
            _writes.Add(new int[] { offset, offset + 4 });
            _inner.WriteWord(offset, value);
        }

        /// <inheritdoc />
        public void Read(int offset, byte[] destination, int index, int count)
        {
            CheckReadable("Read", offset, count);
            _reads++;
            _inner.Read(offset, destination, index, count);
        }

        /// <inheritdoc />
        public void Write(int offset, byte[] source, int index, int count)
        {
            CheckWritable("Write", offset, count);
            _writes.Add(new int[] { offset, offset + count });
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
            CheckReadable("Invalidate", offset, length);
            _cacheOperations++;
            _inner.Invalidate(offset, length);
        }

        /// <inheritdoc />
        public void Flush(int offset, int length)
        {
            CheckWritable("Flush", offset, length);
            _cacheOperations++;
            _inner.Flush(offset, length);
        }

        private void CheckReadable(string operation, int offset, int count)
        {
            if (count < 0 || offset < _start || offset > _end - count)
            {
                Refuse(operation, offset, count, "outside the region 0x" + _start.ToString("X") + "..0x" + _end.ToString("X"));
            }
        }

        private void CheckWritable(string operation, int offset, int count)
        {
            for (int i = 0; i < _writable.Count; i++)
            {
                int[] window = (int[])_writable[i];
                if (count >= 0 && offset >= window[0] && offset <= window[1] - count)
                {
                    return;
                }
            }

            Refuse(operation, offset, count, "outside every window the " + _side + " owns");
        }

        private void Refuse(string operation, int offset, int count, string why)
        {
            string text = _side + " " + operation + " at 0x" + offset.ToString("X") + " (" + count.ToString() + " bytes) " + why;
            _violations++;
            if (_firstViolation == null)
            {
                _firstViolation = text;
            }

            Assert.IsTrue(false, text);
        }
    }
}
