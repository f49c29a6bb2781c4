using NfIcbmsg.Hal;

namespace NfIcbmsg.Tests.Support
{
    /// <summary>
    /// A tx doorbell that, once armed, loses its first ring and then a given percentage of the rest, picked by a
    /// seeded <see cref="DeterministicRandom"/> (a missed edge on hardware, a dropped datagram on the sim link).
    /// The first is always lost because rings coalesce: a slow runtime rings so rarely that 10 % of them can be
    /// none at all, and a test of lost rings must lose one.
    /// </summary>
    public sealed class ProtocolLossyMailbox : IMailboxTx
    {
        private readonly IMailboxTx _inner;
        private int _dropPercent;
        private readonly DeterministicRandom _random;
        private readonly object _sync = new object();
        private bool _armed;
        private int _dropped;
        private int _passed;

        /// <summary>Passes every ring to <paramref name="inner"/> until <see cref="Arm"/>, then drops the first and <paramref name="dropPercent"/> % of the others.</summary>
        public ProtocolLossyMailbox(IMailboxTx inner, int dropPercent, uint seed)
        {
            _inner = inner;
            _dropPercent = dropPercent;
            _random = new DeterministicRandom(seed);
        }

        /// <summary>Rings lost since <see cref="Arm"/>.</summary>
        public int Dropped
        {
            get { lock (_sync) { return _dropped; } }
        }

        /// <summary>Rings passed on since <see cref="Arm"/>.</summary>
        public int Passed
        {
            get { lock (_sync) { return _passed; } }
        }

        /// <summary>Starts losing rings.</summary>
        public void Arm()
        {
            lock (_sync)
            {
                _armed = true;
            }
        }

        /// <summary>From now on loses every ring (armed or not).</summary>
        public void LoseAll()
        {
            lock (_sync)
            {
                _armed = true;
                _dropPercent = 100;
            }
        }

        /// <inheritdoc />
        public void Raise()
        {
            lock (_sync)
            {
                if (_armed)
                {
                    if (_dropped + _passed == 0 || _random.Next(100) < _dropPercent)
                    {
                        _dropped++;
                        return;
                    }

                    _passed++;
                }
            }

            _inner.Raise();
        }
    }
}
