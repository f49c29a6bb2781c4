using System;

namespace NfIcbmsg.Sim.Run
{
    /// <summary>
    /// What one pattern stream delivered to a receiver: messages, bytes, failures, and the bytes the
    /// receive thread allocated between the stream's first and last message (the steady state).
    /// </summary>
    public sealed class StreamTally
    {
        private long _allocatedAtFirst = -1;
        private long _allocatedAtLast;

        public StreamTally(string endpoint, byte stream)
        {
            Endpoint = endpoint;
            Stream = stream;
        }

        public string Endpoint { get; }

        public byte Stream { get; }

        public int Messages { get; private set; }

        public int Failed { get; private set; }

        public long Bytes { get; private set; }

        public string? FirstError { get; private set; }

        /// <summary>Sequence number the next message must carry.</summary>
        public uint NextSequence => (uint)Messages;

        /// <summary>Receive-thread allocations per message after the first; null until two messages came.</summary>
        public double? AllocatedBytesPerMessage => Messages > 1 && _allocatedAtFirst >= 0 ? (double)(_allocatedAtLast - _allocatedAtFirst) / (Messages - 1) : null;

        /// <summary>Counts one message (on the receive thread, which is the thread whose allocations are sampled).</summary>
        public void Count(int length, string? error)
        {
            Messages++;
            Bytes += length;
            if (error != null)
            {
                Failed++;
                FirstError ??= error;
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread();
            if (_allocatedAtFirst < 0)
            {
                _allocatedAtFirst = allocated;
            }

            _allocatedAtLast = allocated;
        }
    }
}
