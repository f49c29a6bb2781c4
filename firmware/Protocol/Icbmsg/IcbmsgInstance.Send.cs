namespace NfIcbmsg.Icbmsg
{
    // ICBMsg, sending side: block allocation, copying and zero-copy sends, the control messages.
    public sealed partial class IcbmsgInstance
    {
        internal override SendStatus SendCopy(Endpoint endpoint, byte[] data, int index, int count, int timeoutMs)
        {
            if (endpoint.State != EndpointState.Ready)
            {
                return SendStatus.NotBound;
            }

            int allocated;
            int first = AllocateBlocks(_txLayout.BlocksFor(count), timeoutMs, out allocated);
            if (first < 0)
            {
                return SendStatus.NoBuffers;
            }

            Memory.Write(TxBlockOffset(first) + RegionLayout.BlockHeaderSize, data, index, count);
            return SendData(endpoint, first, count);
        }

        internal override TxLease Lease(Endpoint endpoint, int size, int timeoutMs)
        {
            if (endpoint.State != EndpointState.Ready)
            {
                return default(TxLease);
            }

            int allocated;
            int first = AllocateBlocks(size == 0 ? 0 : _txLayout.BlocksFor(size), timeoutMs, out allocated);
            if (first < 0)
            {
                return default(TxLease);
            }

            int capacity = allocated * _txLayout.BlockSize - RegionLayout.BlockHeaderSize;
            // Zephyr keeps the capacity in the header until the buffer is sent.
            Memory.WriteWord(TxBlockOffset(first), (uint)capacity);
            TxLeaseSlot slot = _leases[first];
            TxLease lease;
            lock (_sync)
            {
                _txKind[first] = TxBufferKind.Leased;
                slot.Activate(endpoint, allocated, capacity);
                lease = new TxLease(slot);
            }

            return lease;
        }

        internal override SendStatus SendLease(Endpoint endpoint, TxLeaseSlot lease, int length)
        {
            int first = lease.FirstBlock;
            int keep = _txLayout.BlocksFor(length);
            if (keep < lease.BlockCount)
            {
                Statistics.AddTxBlocks(keep - lease.BlockCount);
                _allocator.Shrink(first, keep);
                lease.Shrink(keep, keep * _txLayout.BlockSize - RegionLayout.BlockHeaderSize);
            }

            lock (_sync)
            {
                lease.Deactivate();
            }

            if (endpoint.State != EndpointState.Ready)
            {
                FreeTx(first);
                return SendStatus.NotBound;
            }

            return SendData(endpoint, first, length);
        }

        internal override void DropLease(TxLeaseSlot lease)
        {
            lock (_sync)
            {
                lease.Deactivate();
            }

            FreeTx(lease.FirstBlock);
        }

        private int AllocateBlocks(int count, int timeoutMs, out int allocated)
        {
            // Releases arrive on the receive thread: waiting there would wait for ever.
            if (OnReceiveThread)
            {
                timeoutMs = 0;
            }

            bool waited;
            int first = _allocator.Allocate(count, timeoutMs, out waited, out allocated);
            if (waited)
            {
                Statistics.CountAllocationWait();
            }

            if (first < 0)
            {
                if (timeoutMs != 0)
                {
                    Statistics.CountAllocationTimeout();
                }

                return -1;
            }

            Statistics.AddTxBlocks(allocated);
            return first;
        }

        private SendStatus SendData(Endpoint endpoint, int first, int length)
        {
            lock (_sync)
            {
                _txKind[first] = TxBufferKind.DataSent;
            }

            int result = SendBlock(ControlMessage.Data, endpoint.Address, first, length);
            if (result < 0)
            {
                FreeTx(first);
                return StatusFor(result);
            }

            Statistics.CountSent(length);
            return SendStatus.Sent;
        }

        private static SendStatus StatusFor(int linkError)
        {
            if (linkError == -Errno.ENOMEM)
            {
                return SendStatus.RingFull;
            }

            return linkError == -Errno.EINVAL ? SendStatus.LinkFault : SendStatus.NotBound;
        }

        // Header, barrier and flush of the whole buffer, then the control message (docs/protocol.md §6.8).
        private int SendBlock(byte type, int address, int first, int size)
        {
            int offset = TxBlockOffset(first);
            Memory.WriteWord(offset, (uint)size);
            Memory.Barrier();
            Memory.Flush(offset, size + RegionLayout.BlockHeaderSize);
            return SendControl(type, address, first);
        }

        private int SendControl(byte type, int address, int block)
        {
            lock (_control)
            {
                ControlMessage.Encode(_control, type, address, block);
                return _link.Send(_control, 0, ControlMessage.Length, OnReceiveThread);
            }
        }

        private void FreeTx(int first)
        {
            lock (_sync)
            {
                _txKind[first] = TxBufferKind.None;
            }

            Statistics.AddTxBlocks(-_allocator.Free(first));
        }
    }
}
