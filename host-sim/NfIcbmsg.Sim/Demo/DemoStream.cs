using System.Threading;

namespace NfIcbmsg.Sim.Demo
{
    /// <summary>One direction of one endpoint in the demo: what was sent, what arrived and was verified.</summary>
    public sealed class DemoStream
    {
        private int _sent;
        private int _verified;
        private long _bytes;
        private int _failed;
        private string? _firstError;

        internal DemoStream(string instance, string endpoint, string direction, byte id, int messages)
        {
            Instance = instance;
            Endpoint = endpoint;
            Direction = direction;
            Id = id;
            Messages = messages;
        }

        public string Instance { get; }

        public string Endpoint { get; }

        public string Direction { get; }

        public byte Id { get; }

        /// <summary>Messages to send.</summary>
        public int Messages { get; }

        public int Sent => Volatile.Read(ref _sent);

        /// <summary>Messages that arrived in order with the right bytes.</summary>
        public int Verified => Volatile.Read(ref _verified);

        /// <summary>Messages that arrived wrong (each is reported in <see cref="FirstError"/>, the first only).</summary>
        public int Failed => Volatile.Read(ref _failed);

        public long Bytes => Interlocked.Read(ref _bytes);

        public string? FirstError => Volatile.Read(ref _firstError);

        public bool Complete => Verified == Messages && Failed == 0;

        /// <summary>The sequence number the receiver expects next (messages arrive in order per endpoint).</summary>
        internal uint NextExpected => (uint)(Verified + Failed);

        internal void CountSent() => Interlocked.Increment(ref _sent);

        internal void CountVerified(int bytes)
        {
            Interlocked.Add(ref _bytes, bytes);
            Interlocked.Increment(ref _verified);
        }

        internal void CountFailed(string error)
        {
            Interlocked.CompareExchange(ref _firstError, error, null);
            Interlocked.Increment(ref _failed);
        }
    }
}
