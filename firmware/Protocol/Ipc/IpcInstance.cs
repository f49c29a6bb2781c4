using System;
using System.Threading;
using NfIcbmsg.Hal;

namespace NfIcbmsg
{
    /// <summary>
    /// One IPC instance (Zephyr's ipc_service instance): the link to the peer over two regions and a
    /// mailbox, its endpoints, and the one receive thread that does all protocol work and runs every
    /// callback. Backends (ICBMsg, ICMsg) supply the protocol; this class owns the thread, the
    /// doorbell and the error reporting.
    /// </summary>
    public abstract class IpcInstance : IStopSignal, IDisposable
    {
        private readonly IMailboxRx _rxLine;
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private readonly object _lifecycle = new object();
        private Thread _receiveThread;
        private bool _stopping;
        private bool _opened;
        private int _idleRecheckMs;

        /// <summary>Validates the configuration and the shared window; opens nothing yet.</summary>
        protected IpcInstance(InstanceConfig config, ISharedMemory memory, IMailboxTx txLine, IMailboxRx rxLine)
        {
            if (config == null || memory == null || txLine == null || rxLine == null)
            {
                throw new ArgumentNullException();
            }

            CheckIdleRecheck(config);
            Config = config;
            Memory = memory;
            TxLine = txLine;
            _rxLine = rxLine;
            Statistics = new IpcStatistics();
        }

        /// <summary>
        /// Reported for every input the peer wrote that was dropped: on the receive thread, except a
        /// corrupt read index in this side's tx ring, which the sending thread finds.
        /// </summary>
        public event InstanceErrorHandler Error;

        /// <summary>The configuration, as seen from this side.</summary>
        public InstanceConfig Config { get; }

        /// <summary>Traffic and rejection counters.</summary>
        public IpcStatistics Statistics { get; }

        /// <summary>True between <see cref="Open"/> and <see cref="Close"/>.</summary>
        public bool IsOpen
        {
            get
            {
                lock (_lifecycle)
                {
                    return _opened && !_stopping;
                }
            }
        }

        /// <summary>True once the ICMsg link has bonded with the peer.</summary>
        public abstract bool IsBonded { get; }

        /// <summary>Largest message an endpoint can send.</summary>
        public abstract int MaxMessageSize { get; }

        /// <summary>True while the instance shuts down; long loops check it.</summary>
        public bool IsStopping
        {
            get { return _stopping; }
        }

        /// <summary>The shared-memory window.</summary>
        protected ISharedMemory Memory { get; }

        /// <summary>The doorbell to the peer.</summary>
        protected IMailboxTx TxLine { get; }

        /// <summary>True when the calling thread is this instance's receive thread.</summary>
        protected bool OnReceiveThread
        {
            get { return _receiveThread != null && Thread.CurrentThread == _receiveThread; }
        }

        /// <summary>
        /// Starts listening for doorbells, opens the link (this side's ring is reset and the bonding
        /// magic or session id written) and starts the receive thread, which drains once at start
        /// because the peer may have written and rung before this side listened.
        /// </summary>
        public void Open()
        {
            lock (_lifecycle)
            {
                if (_opened)
                {
                    throw new InvalidOperationException("the instance is already open");
                }

                CheckIdleRecheck(Config);
                _idleRecheckMs = Config.IdleRecheckMs;
                _opened = true;
                _stopping = false;
                _wake.Reset();
                _rxLine.Listen(OnDoorbell);
                OpenLink();
                _receiveThread = new Thread(ReceiveLoop);
                _receiveThread.Start();
                _wake.Set();
            }
        }

        /// <summary>
        /// Registers an endpoint. Binding completes on the receive thread; the config's Bound callback
        /// tells when. Throws <see cref="InvalidOperationException"/> when all endpoint slots are taken.
        /// </summary>
        public abstract Endpoint RegisterEndpoint(EndpointConfig config);

        /// <summary>Stops the receive thread and the doorbell listener, then closes the link.</summary>
        public void Close()
        {
            Thread thread;
            lock (_lifecycle)
            {
                if (!_opened || _stopping)
                {
                    return;
                }

                _stopping = true;
                thread = _receiveThread;
            }

            _rxLine.Stop();
            _wake.Set();
            if (thread != null && thread != Thread.CurrentThread)
            {
                thread.Join();
            }

            CloseLink();
        }

        /// <summary>Same as <see cref="Close"/>.</summary>
        public void Dispose()
        {
            Close();
        }

        /// <summary>
        /// Window offset of a region, checked once: throws <see cref="ArgumentException"/> naming the
        /// region and the window when it does not lie inside the shared memory.
        /// </summary>
        protected static int WindowOffset(ISharedMemory memory, uint address, int size, string which)
        {
            long offset = (long)address - memory.BaseAddress;
            if (offset < 0 || offset + size > memory.Length)
            {
                throw new ArgumentException(which + " region 0x" + address.ToString("X8") + "+" + size.ToString() + " lies outside the shared window 0x" + memory.BaseAddress.ToString("X8") + "+" + memory.Length.ToString());
            }

            return (int)offset;
        }

        /// <summary>Wakes the receive thread (work was queued for it).</summary>
        protected void Wake()
        {
            _wake.Set();
        }

        /// <summary>Opens the backend's link; called under the lifecycle lock with the doorbell listening.</summary>
        protected abstract void OpenLink();

        /// <summary>Closes the backend's link after the receive thread stopped.</summary>
        protected abstract void CloseLink();

        /// <summary>
        /// One run of the receive thread: drain the ring, complete bindings, retry what was deferred.
        /// Returns how long to sleep before running again without a doorbell (-1: until one comes).
        /// </summary>
        protected abstract int Process();

        /// <summary>Counts nothing (the caller did); reports the drop to the Error subscribers.</summary>
        protected void ReportRejected(RejectReason reason, string message)
        {
            InstanceErrorHandler handler = Error;
            if (handler != null)
            {
                try
                {
                    handler(this, reason, message);
                }
                catch (Exception)
                {
                    Statistics.CountCallbackFault();
                }
            }
        }

        /// <summary>Runs a user callback so that nothing it throws reaches the receive loop.</summary>
        protected void InvokeEndpointHandler(EndpointHandler handler, Endpoint endpoint)
        {
            if (handler == null)
            {
                return;
            }

            try
            {
                handler(endpoint);
            }
            catch (Exception ex)
            {
                CallbackFailed(endpoint, ex);
            }
        }

        /// <summary>Runs the received callback with the buffer marked as inside it (so Hold is allowed).</summary>
        protected void InvokeReceived(Endpoint endpoint, RxBuffer buffer)
        {
            ReceivedHandler handler = endpoint.Config.Received;
            if (handler == null)
            {
                return;
            }

            buffer.EnterCallback();
            try
            {
                handler(endpoint, buffer);
            }
            catch (Exception ex)
            {
                CallbackFailed(endpoint, ex);
            }
            finally
            {
                buffer.LeaveCallback();
            }
        }

        /// <summary>Tells an endpoint's Error callback; what it throws is counted and dropped.</summary>
        protected void ReportEndpointError(Endpoint endpoint, string message)
        {
            EndpointErrorHandler handler = endpoint.Config.Error;
            if (handler == null)
            {
                return;
            }

            try
            {
                handler(endpoint, message);
            }
            catch (Exception)
            {
                Statistics.CountCallbackFault();
            }
        }

        internal abstract SendStatus SendCopy(Endpoint endpoint, byte[] data, int index, int count, int timeoutMs);

        internal abstract TxLease Lease(Endpoint endpoint, int size, int timeoutMs);

        internal abstract SendStatus SendLease(Endpoint endpoint, TxLeaseSlot lease, int length);

        internal abstract void DropLease(TxLeaseSlot lease);

        internal abstract void Deregister(Endpoint endpoint);

        internal abstract void ReleaseRx(RxBuffer buffer);

        private void CallbackFailed(Endpoint endpoint, Exception ex)
        {
            Statistics.CountCallbackFault();
            ReportEndpointError(endpoint, "callback threw " + ex.GetType().Name + ": " + ex.Message);
        }

        private void OnDoorbell()
        {
            Statistics.CountDoorbellReceived();
            _wake.Set();
        }

        private static void CheckIdleRecheck(InstanceConfig config)
        {
            int interval = config.IdleRecheckMs;
            if (interval == 0 || interval < Timeout.Infinite)
            {
                throw new ArgumentException("instance " + config.Name + ": idle re-check interval " + interval.ToString() + " ms; use 1 ms or more, or -1 for doorbells only");
            }
        }

        private void ReceiveLoop()
        {
            int sleep = 0;
            while (!_stopping)
            {
                if (sleep > 0)
                {
                    _wake.WaitOne(sleep, false);
                }
                else if (sleep < 0 && !_wake.WaitOne(_idleRecheckMs, false))
                {
                    // No doorbell for a whole interval: look anyway, one may have been lost.
                    Statistics.CountIdleRecheck();
                }

                if (_stopping)
                {
                    break;
                }

                Statistics.CountReceiveRun();
                long started = DateTime.UtcNow.Ticks;
                try
                {
                    sleep = Process();
                }
                catch (Exception)
                {
                    // A bug, never the peer's doing (peer input is validated); keep the thread alive
                    // and visible rather than dead and silent.
                    Statistics.CountInternalFault();
                    sleep = 10;
                }

                Statistics.AddReceiveTicks(DateTime.UtcNow.Ticks - started);
            }
        }
    }
}
