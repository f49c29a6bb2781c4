using System;
using NfIcbmsg.Hal;

namespace NfIcbmsg
{
    /// <summary>
    /// A received message, read in place. With ICBMsg it reads the peer's shared blocks directly; it
    /// can be held beyond the received callback (<see cref="Hold"/>) and released later from any
    /// thread, which returns the blocks to the peer. Buffers are preallocated, one per rx block.
    /// </summary>
    public sealed class RxBuffer
    {
        private readonly IpcInstance _instance;
        private readonly ISharedMemory _memory;
        private readonly byte[] _one = new byte[1];
        private byte[] _array;
        private int _payloadOffset;
        private bool _inCallback;

        // Fields rather than auto-properties: activating a buffer per message is seven stores, not seven calls
        // (on the device every call is interpreted).
        private int _length;
        private bool _valid;
        private bool _held;
        private Endpoint _endpoint;
        private int _blockCount;

        internal RxBuffer(IpcInstance instance, ISharedMemory memory, int block)
        {
            _instance = instance;
            _memory = memory;
            Block = block;
        }

        /// <summary>Length of the message in bytes.</summary>
        public int Length
        {
            get { return _length; }
        }

        /// <summary>True while the message may be read: in the callback, or held until released.</summary>
        public bool IsValid
        {
            get { return _valid; }
        }

        /// <summary>True when the handler kept the buffer for later release.</summary>
        public bool IsHeld
        {
            get { return _held; }
        }

        /// <summary>The endpoint the message arrived on.</summary>
        public Endpoint Endpoint
        {
            get { return _endpoint; }
        }

        internal int Block { get; }

        internal int BlockCount
        {
            get { return _blockCount; }
        }

        /// <summary>Copies <paramref name="count"/> bytes starting at <paramref name="offset"/> into <paramref name="destination"/>.</summary>
        public void Read(int offset, byte[] destination, int index, int count)
        {
            if (destination == null)
            {
                throw new ArgumentNullException(nameof(destination));
            }

            if (!_valid)
            {
                throw new InvalidOperationException("the buffer was released");
            }

            if (offset < 0 || count < 0 || offset > _length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(offset));
            }

            if (index < 0 || index > destination.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            if (_array != null)
            {
                Array.Copy(_array, offset, destination, index, count);
            }
            else
            {
                _memory.Read(_payloadOffset + offset, destination, index, count);
            }
        }

        /// <summary>Reads the byte at <paramref name="offset"/>.</summary>
        public byte ReadByte(int offset)
        {
            Read(offset, _one, 0, 1);
            return _one[0];
        }

        /// <summary>Copies the whole message into a new array (allocates; use <see cref="Read"/> on hot paths).</summary>
        public byte[] ToArray()
        {
            byte[] copy = new byte[Length];
            Read(0, copy, 0, Length);
            return copy;
        }

        /// <summary>
        /// Keeps the buffer after the received handler returns (hold_rx_buffer). Only valid inside the
        /// handler, and only for ICBMsg; call <see cref="Release"/> when done, or the peer's blocks stay taken.
        /// </summary>
        public void Hold()
        {
            if (!_inCallback || !_valid)
            {
                throw new InvalidOperationException("hold is only possible inside the received handler");
            }

            if (_array != null)
            {
                throw new NotSupportedException();
            }

            _held = true;
        }

        /// <summary>Returns a held buffer's blocks to the peer (release_rx_buffer). Any thread.</summary>
        public void Release()
        {
            if (!_held || !_valid)
            {
                throw new InvalidOperationException("only a held, unreleased buffer can be released");
            }

            _instance.ReleaseRx(this);
        }

        internal void ActivateShared(Endpoint endpoint, int payloadOffset, int length, int blockCount)
        {
            _endpoint = endpoint;
            _array = null;
            _payloadOffset = payloadOffset;
            _length = length;
            _blockCount = blockCount;
            _held = false;
            _valid = true;
        }

        internal void ActivateArray(Endpoint endpoint, byte[] array, int length)
        {
            _endpoint = endpoint;
            _array = array;
            _length = length;
            _blockCount = 0;
            _held = false;
            _valid = true;
        }

        internal void EnterCallback()
        {
            _inCallback = true;
        }

        internal void LeaveCallback()
        {
            _inCallback = false;
        }

        internal void Invalidate()
        {
            _valid = false;
            _held = false;
            _array = null;
            _endpoint = null;
        }
    }
}
