using NfIcbmsg.Hal;

namespace NfIcbmsg.Platform.InMemory
{
    /// <summary>
    /// One simulated interrupt line between two cores of one process: <see cref="Raise"/> on one side
    /// calls the handler the other side listens with, on the raising thread (as a hardware interrupt
    /// would preempt whatever runs). A ring with nobody listening is lost and counted.
    /// </summary>
    public sealed class InProcessMailbox : IMailboxTx, IMailboxRx
    {
        private readonly object _sync = new object();
        private DoorbellHandler _handler;
        private int _raised;
        private int _lost;

        /// <summary>Rings delivered or lost so far.</summary>
        public int Raised
        {
            get { return _raised; }
        }

        /// <summary>Rings that found nobody listening.</summary>
        public int Lost
        {
            get { return _lost; }
        }

        /// <inheritdoc />
        public void Raise()
        {
            DoorbellHandler handler;
            lock (_sync)
            {
                _raised++;
                handler = _handler;
                if (handler == null)
                {
                    _lost++;
                }
            }

            if (handler != null)
            {
                handler();
            }
        }

        /// <inheritdoc />
        public void Listen(DoorbellHandler handler)
        {
            lock (_sync)
            {
                _handler = handler;
            }
        }

        /// <inheritdoc />
        public void Stop()
        {
            lock (_sync)
            {
                _handler = null;
            }
        }
    }
}
