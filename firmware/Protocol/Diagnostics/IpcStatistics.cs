using System.Threading;

namespace NfIcbmsg
{
    /// <summary>
    /// Per-instance counters: traffic each way, rejected inputs by reason, block use and waits.
    /// Counters only grow (except the in-use gauges). Each has one writer at a time: the receive thread alone,
    /// or writers serialised by a lock (this object's, the link's tx lock, a block ledger's), or int Interlocked
    /// where any thread may count; the comment on each method says which. A reader gets a whole value: ints,
    /// and longs under this object's lock or written by one thread (both runtimes store a field in one step).
    /// </summary>
    public sealed class IpcStatistics
    {
        /// <summary>Number of <see cref="RejectReason"/> values.</summary>
        public const int ReasonCount = 17;

        private readonly object _sync = new object();
        private readonly int[] _rejected = new int[ReasonCount];
        private int _messagesSent;
        private int _messagesReceived;
        private long _bytesSent;
        private long _bytesReceived;
        private int _controlSent;
        private int _controlReceived;
        private int _doorbellsRung;
        private int _doorbellsReceived;
        private int _txBlocksInUse;
        private int _rxBlocksHeld;
        private int _allocationWaits;
        private int _allocationTimeouts;
        private int _sendsDroppedUnbound;
        private int _doorbellsSaved;
        private int _callbackFaults;
        private int _internalFaults;
        private int _idleRechecks;
        private int _receiveRuns;
        private long _receiveTicks;

        /// <summary>Payload messages sent.</summary>
        public int MessagesSent { get { return _messagesSent; } }

        /// <summary>Payload messages delivered to endpoints.</summary>
        public int MessagesReceived { get { return _messagesReceived; } }

        /// <summary>Payload bytes sent.</summary>
        public long BytesSent { get { lock (_sync) { return _bytesSent; } } }

        /// <summary>Payload bytes delivered.</summary>
        public long BytesReceived { get { lock (_sync) { return _bytesReceived; } } }

        /// <summary>ICMsg packets written (control messages, magic, payloads of plain ICMsg).</summary>
        public int ControlMessagesSent { get { return _controlSent; } }

        /// <summary>ICMsg packets read.</summary>
        public int ControlMessagesReceived { get { return _controlReceived; } }

        /// <summary>Doorbells this side rang.</summary>
        public int DoorbellsRung { get { return _doorbellsRung; } }

        /// <summary>Packets sent without a doorbell because the reader was still busy with earlier ones.</summary>
        public int DoorbellsSaved { get { return _doorbellsSaved; } }

        /// <summary>Doorbells this side received (after coalescing on the way).</summary>
        public int DoorbellsReceived { get { return _doorbellsReceived; } }

        /// <summary>Tx blocks allocated now (sent and not yet released, or leased).</summary>
        public int TxBlocksInUse { get { return _txBlocksInUse; } }

        /// <summary>Rx blocks held by this side now (delivered or held, release not yet sent).</summary>
        public int RxBlocksHeld { get { return _rxBlocksHeld; } }

        /// <summary>Allocations that had to wait for a release.</summary>
        public int AllocationWaits { get { return _allocationWaits; } }

        /// <summary>Allocations that gave up when their timeout ran out.</summary>
        public int AllocationTimeouts { get { return _allocationTimeouts; } }

        /// <summary>Plain-ICMsg sends dropped because the peer had closed its session (Zephyr drops these silently).</summary>
        public int SendsDroppedUnbound { get { return _sendsDroppedUnbound; } }

        /// <summary>User callbacks that threw (caught on the receive thread and reported to the endpoint's Error callback).</summary>
        public int CallbackFaults { get { return _callbackFaults; } }

        /// <summary>Unexpected exceptions inside the receive loop (bugs, never peer input); the loop goes on.</summary>
        public int InternalFaults { get { return _internalFaults; } }

        /// <summary>Times the idle receive thread looked at the rings without a doorbell (InstanceConfig.IdleRecheckMs).</summary>
        public int IdleRechecks { get { return _idleRechecks; } }

        /// <summary>Times the receive thread ran (on a doorbell, a retry or an idle re-check), counted as each run begins: shows it is alive, and not spinning.</summary>
        public int ReceiveRuns { get { return _receiveRuns; } }

        /// <summary>
        /// Time the receive thread spent in its runs, in ticks of 100 ns at the resolution of the platform's
        /// clock: the CPU time the protocol and the callbacks took there (it ran alone on an idle core).
        /// </summary>
        public long ReceiveTicks { get { lock (_sync) { return _receiveTicks; } } }

        /// <summary>All rejected inputs.</summary>
        public int Rejected
        {
            get
            {
                int total = 0;
                for (int i = 0; i < ReasonCount; i++)
                {
                    total += _rejected[i];
                }

                return total;
            }
        }

        /// <summary>Rejected inputs of one reason.</summary>
        public int RejectedFor(RejectReason reason)
        {
            int index = (int)reason;
            return index >= 0 && index < ReasonCount ? _rejected[index] : 0;
        }

        internal void CountRejected(RejectReason reason)
        {
            // A lock rather than Interlocked on an array element: plain fields only, to stay on the
            // safest path of the nanoFramework interpreter.
            lock (_sync)
            {
                _rejected[(int)reason]++;
            }
        }

        internal void CountSent(int bytes)
        {
            lock (_sync)
            {
                _messagesSent++;
                _bytesSent += bytes;
            }
        }

        // The receive thread is the only writer, so no lock: an int or long field is stored in one step on
        // both runtimes (the interpreter switches threads between instructions, .NET runs 64-bit here).
        internal void CountReceived(int bytes)
        {
            _messagesReceived++;
            _bytesReceived += bytes;
        }

        // Called under the link's tx lock, which serialises every writer.
        internal void CountControlSent()
        {
            _controlSent++;
        }

        // The receive thread is the only writer.
        internal void CountControlReceived()
        {
            _controlReceived++;
        }

        internal void CountDoorbellRung()
        {
            Interlocked.Increment(ref _doorbellsRung);
        }

        internal void CountDoorbellSaved()
        {
            Interlocked.Increment(ref _doorbellsSaved);
        }

        internal void CountDoorbellReceived()
        {
            Interlocked.Increment(ref _doorbellsReceived);
        }

        internal void CountAllocationWait()
        {
            Interlocked.Increment(ref _allocationWaits);
        }

        internal void CountAllocationTimeout()
        {
            Interlocked.Increment(ref _allocationTimeouts);
        }

        internal void CountSendDroppedUnbound()
        {
            Interlocked.Increment(ref _sendsDroppedUnbound);
        }

        internal void CountCallbackFault()
        {
            Interlocked.Increment(ref _callbackFaults);
        }

        internal void CountInternalFault()
        {
            Interlocked.Increment(ref _internalFaults);
        }

        internal void CountReceiveRun()
        {
            Interlocked.Increment(ref _receiveRuns);
        }

        // The receive thread is the only writer.
        internal void AddReceiveTicks(long ticks)
        {
            _receiveTicks += ticks;
        }

        internal void CountIdleRecheck()
        {
            Interlocked.Increment(ref _idleRechecks);
        }

        // The gauges have one owner each (the tx and rx block ledgers), which writes them under its own lock;
        // an int is read whole, so readers need none.
        internal void SetTxBlocksInUse(int blocks)
        {
            _txBlocksInUse = blocks;
        }

        internal void SetRxBlocksHeld(int blocks)
        {
            _rxBlocksHeld = blocks;
        }
    }
}
