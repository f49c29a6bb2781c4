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

            bool onReceiveThread = OnReceiveThread;
            int allocated;
            int first = AllocateBlocks(_txLayout.BlocksFor(count), timeoutMs, onReceiveThread, out allocated);
            if (first < 0)
            {
                return SendStatus.NoBuffers;
            }

            Memory.Write(TxBlockOffset(first) + RegionLayout.BlockHeaderSize, data, index, count);
            _tx.MarkSent(first, TxBufferKind.DataSent, 0);
            return SendData(endpoint, first, count, onReceiveThread);
        }

        internal override TxLease Lease(Endpoint endpoint, int size, int timeoutMs)
        {
            if (endpoint.State != EndpointState.Ready)
            {
                return default(TxLease);
            }

            int allocated;
            int first = AllocateBlocks(size == 0 ? 0 : _txLayout.BlocksFor(size), timeoutMs, OnReceiveThread, out allocated);
            if (first < 0)
            {
                return default(TxLease);
            }

            int capacity = allocated * _txLayout.BlockSize - RegionLayout.BlockHeaderSize;
            // Zephyr keeps the capacity in the header until the buffer is sent.
            Memory.WriteWord(TxBlockOffset(first), (uint)capacity);
            return _tx.Lease(first, endpoint, capacity);
        }

        internal override SendStatus SendLease(Endpoint endpoint, TxLeaseSlot lease, int length)
        {
            int first = lease.FirstBlock;
            int keep = _txLayout.BlocksFor(length);
            _tx.EndLeaseForSend(lease, keep, keep * _txLayout.BlockSize - RegionLayout.BlockHeaderSize);
            if (endpoint.State != EndpointState.Ready)
            {
                _tx.Free(first);
                return SendStatus.NotBound;
            }

            return SendData(endpoint, first, length, OnReceiveThread);
        }

        internal override void DropLease(TxLeaseSlot lease)
        {
            _tx.DropLease(lease);
        }

        private int AllocateBlocks(int count, int timeoutMs, bool onReceiveThread, out int allocated)
        {
            // Releases arrive on the receive thread: waiting there would wait for ever.
            if (onReceiveThread)
            {
                timeoutMs = 0;
            }

            bool waited;
            int first = _tx.Allocate(count, timeoutMs, out waited, out allocated);
            if (waited)
            {
                Statistics.CountAllocationWait();
            }

            if (first < 0 && timeoutMs != 0)
            {
                Statistics.CountAllocationTimeout();
            }

            return first;
        }

        // The buffer is marked as sent; a send that fails frees it again.
        private SendStatus SendData(Endpoint endpoint, int first, int length, bool onReceiveThread)
        {
            int result = SendBlock(ControlMessage.Data, endpoint.Address, first, length, onReceiveThread);
            if (result < 0)
            {
                _tx.Free(first);
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

        // The size header, the flush of the whole buffer, then the control message (docs/protocol.md §6.8). The
        // seam's stores of wr_idx have release semantics, so header and payload are visible before the message.
        private int SendBlock(byte type, int address, int first, int size, bool onReceiveThread)
        {
            int offset = TxBlockOffset(first);
            Memory.WriteWord(offset, (uint)size);
            if (_cached)
            {
                Memory.Flush(offset, size + RegionLayout.BlockHeaderSize);
            }

            return SendControl(type, address, first, onReceiveThread);
        }

        // On the receive thread the doorbell waits for the end of the run, which all its sends share.
        private int SendControl(byte type, int address, int block, bool onReceiveThread)
        {
            return _link.SendTriplet(type, (byte)address, (byte)block, onReceiveThread);
        }
    }
}
