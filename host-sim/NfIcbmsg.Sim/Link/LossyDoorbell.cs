using System;
using System.Threading;
using NfIcbmsg.Hal;

namespace NfIcbmsg.Sim.Link
{
    /// <summary>
    /// Fault injection on the sim link: a tx doorbell that, once the link has bonded, loses a given
    /// percentage of rings (a datagram dropped by a full socket buffer, an edge missed on hardware).
    /// Bonding itself is left alone so that a run always starts.
    /// </summary>
    public sealed class LossyDoorbell : IMailboxTx
    {
        private readonly IMailboxTx _inner;
        private readonly int _dropPercent;
        private readonly Random _random;
        private Func<bool> _armed = () => false;
        private long _dropped;

        public LossyDoorbell(IMailboxTx inner, int dropPercent, int seed)
        {
            _inner = inner;
            _dropPercent = dropPercent;
            _random = new Random(seed);
        }

        /// <summary>Rings lost so far.</summary>
        public long Dropped => Interlocked.Read(ref _dropped);

        /// <summary>Starts losing rings once <paramref name="armed"/> holds (checked on each ring).</summary>
        public void ArmWhen(Func<bool> armed)
        {
            _armed = armed;
        }

        public void Raise()
        {
            if (_armed())
            {
                bool drop;
                lock (_random)
                {
                    drop = _random.Next(100) < _dropPercent;
                }

                if (drop)
                {
                    Interlocked.Increment(ref _dropped);
                    return;
                }
            }

            _inner.Raise();
        }
    }
}
