using System.Threading;
using NfIcbmsg.Hal;

namespace NfIcbmsg.Tests.Support
{
    /// <summary>A tx doorbell that loses its first rings (as a line nobody watched yet would), then passes them on.</summary>
    public sealed class ProtocolDroppingMailbox : IMailboxTx
    {
        private readonly IMailboxTx _inner;
        private int _toDrop;
        private int _dropped;
        private int _passed;

        /// <summary>Drops the first <paramref name="count"/> rings, passes later ones to <paramref name="inner"/>.</summary>
        public ProtocolDroppingMailbox(IMailboxTx inner, int count)
        {
            _inner = inner;
            _toDrop = count;
        }

        /// <summary>Rings dropped so far.</summary>
        public int Dropped
        {
            get { return _dropped; }
        }

        /// <summary>Rings passed on so far.</summary>
        public int Passed
        {
            get { return _passed; }
        }

        /// <inheritdoc />
        public void Raise()
        {
            if (Interlocked.Decrement(ref _toDrop) >= 0)
            {
                Interlocked.Increment(ref _dropped);
                return;
            }

            Interlocked.Increment(ref _passed);
            _inner.Raise();
        }
    }
}
