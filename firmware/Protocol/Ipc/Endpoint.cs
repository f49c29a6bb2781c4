using System;
using System.Threading;

namespace NfIcbmsg
{
    /// <summary>
    /// A registered endpoint: sends to, and receives from, the peer's endpoint of the same name.
    /// Send methods may be called from any thread once <see cref="IsBound"/>.
    /// </summary>
    public sealed class Endpoint
    {
        internal Endpoint(IpcInstance instance, EndpointConfig config, int slot)
        {
            Instance = instance;
            Config = config;
            Slot = slot;
            Address = -1;
        }

        /// <summary>The instance the endpoint belongs to.</summary>
        public IpcInstance Instance { get; }

        /// <summary>The configuration it was registered with.</summary>
        public EndpointConfig Config { get; }

        /// <summary>The endpoint's name.</summary>
        public string Name
        {
            get { return Config.Name; }
        }

        /// <summary>The binding state.</summary>
        public EndpointState State { get; internal set; }

        /// <summary>True when messages can flow.</summary>
        public bool IsBound
        {
            get { return State == EndpointState.Ready; }
        }

        /// <summary>The wire address the initiator assigned (0 .. endpoints-1), -1 until known.</summary>
        public int Address { get; internal set; }

        /// <summary>Largest message this side can send (get_tx_buffer_size).</summary>
        public int TxBufferSize
        {
            get { return Instance.MaxMessageSize; }
        }

        internal int Slot { get; }

        /// <summary>Sends a copy of <paramref name="data"/> (ICBMsg: an empty array is a 0-byte message), waiting as long as it takes for free blocks.</summary>
        public void Send(byte[] data)
        {
            if (data == null)
            {
                throw new ArgumentNullException(nameof(data));
            }

            Send(data, 0, data.Length, Timeout.Infinite);
        }

        /// <summary>
        /// Sends a copy of part of <paramref name="data"/>, waiting up to <paramref name="timeoutMs"/>
        /// (0 = no wait, -1 = forever) for free blocks (plain ICMsg: for ring space). Throws <see cref="TimeoutException"/> when none
        /// came, <see cref="InvalidOperationException"/> when not bound or the peer stopped reading.
        /// </summary>
        public void Send(byte[] data, int index, int count, int timeoutMs)
        {
            ThrowFor(TrySend(data, index, count, timeoutMs));
        }

        /// <summary>As <see cref="Send(byte[], int, int, int)"/>, reporting back-pressure as a status instead of throwing.</summary>
        public SendStatus TrySend(byte[] data, int index, int count, int timeoutMs)
        {
            if (data == null)
            {
                throw new ArgumentNullException(nameof(data));
            }

            // 0 is a message (ICBMsg: one block with size 0, which Zephyr delivers as a 0-byte
            // message); plain ICMsg has no empty packet and refuses it in its backend.
            if (count < 0 || count > TxBufferSize)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "message of " + count.ToString() + " bytes; 0.." + TxBufferSize.ToString() + " can be sent");
            }

            if (index < 0 || index > data.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            CheckTimeout(timeoutMs);
            return Instance.SendCopy(this, data, index, count, timeoutMs);
        }

        /// <summary>
        /// ICBMsg only (plain ICMsg throws <see cref="NotSupportedException"/>, as Zephyr has no such op there).
        /// Allocates a zero-copy tx buffer of at least <paramref name="size"/> bytes (0 = as in Zephyr: the
        /// first free block and the free blocks after it), waiting up to <paramref name="timeoutMs"/>. Returns a lease that
        /// holds no buffer (<see cref="TxLease.IsActive"/> false) when no blocks came in time or the endpoint is not bound.
        /// </summary>
        public TxLease GetTxBuffer(int size, int timeoutMs)
        {
            if (size < 0 || size > TxBufferSize)
            {
                throw new ArgumentOutOfRangeException(nameof(size));
            }

            CheckTimeout(timeoutMs);
            return Instance.Lease(this, size, timeoutMs);
        }

        /// <summary>
        /// Sends the first <paramref name="length"/> bytes of a lease (send_nocopy); surplus blocks are freed first.
        /// A lease already sent or dropped throws <see cref="InvalidOperationException"/>.
        /// </summary>
        public void SendNoCopy(TxLease lease, int length)
        {
            ThrowFor(TrySendNoCopy(lease, length));
        }

        /// <summary>
        /// As <see cref="SendNoCopy"/>, reporting back-pressure as a status. A length of 0 sends a 0-byte
        /// message in one block. On every failure the lease is dropped, including a length outside
        /// 0..capacity, which throws after dropping (as Zephyr drops the buffer on -EINVAL).
        /// </summary>
        public SendStatus TrySendNoCopy(TxLease lease, int length)
        {
            CheckLease(lease);
            if (length < 0 || length > lease.Capacity)
            {
                int capacity = lease.Capacity;
                Instance.DropLease(lease.Slot);
                throw new ArgumentOutOfRangeException(nameof(length), "length " + length.ToString() + " outside the lease's 0.." + capacity.ToString() + " bytes; the lease was dropped");
            }

            return Instance.SendLease(this, lease.Slot, length);
        }

        /// <summary>
        /// Gives a lease's blocks back without sending (drop_tx_buffer). A lease already sent or dropped
        /// throws <see cref="InvalidOperationException"/>.
        /// </summary>
        public void Drop(TxLease lease)
        {
            CheckLease(lease);
            Instance.DropLease(lease.Slot);
        }

        /// <summary>Deregisters the endpoint; the peer is not told (as in Zephyr). Later messages for it are rejected.</summary>
        public void Deregister()
        {
            Instance.Deregister(this);
        }

        private void CheckLease(TxLease lease)
        {
            if (lease.Slot == null)
            {
                throw new ArgumentNullException(nameof(lease), "the lease holds no buffer (GetTxBuffer returned none)");
            }

            // A stale lease (its buffer sent or dropped) is misuse of the handle, whatever buffer
            // its block holds now.
            lease.CheckActive();
            if (lease.Slot.Owner != this)
            {
                throw new ArgumentException("the lease belongs to endpoint \"" + lease.Slot.Owner.Name + "\", not \"" + Name + "\"", nameof(lease));
            }
        }

        private static void CheckTimeout(int timeoutMs)
        {
            if (timeoutMs < Timeout.Infinite)
            {
                throw new ArgumentOutOfRangeException(nameof(timeoutMs));
            }
        }

        private static void ThrowFor(SendStatus status)
        {
            if (status == SendStatus.NoBuffers)
            {
                throw new TimeoutException();
            }

            if (status == SendStatus.NotBound)
            {
                throw new InvalidOperationException("the endpoint is not bound");
            }

            if (status == SendStatus.RingFull)
            {
                throw new InvalidOperationException("the peer is not reading its ring");
            }

            if (status == SendStatus.LinkFault)
            {
                throw new InvalidOperationException("the peer corrupted the read index of this side's tx ring (see the instance's Error event)");
            }
        }
    }
}
