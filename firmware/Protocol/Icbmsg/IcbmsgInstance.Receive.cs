namespace NfIcbmsg.Icbmsg
{
    // ICBMsg, receiving side: validation of what the peer names (docs/protocol.md §6.10), delivery, hold and release.
    public sealed partial class IcbmsgInstance
    {
        internal override void ReleaseRx(RxBuffer buffer)
        {
            Release(buffer, OnReceiveThread);
        }

        private void Release(RxBuffer buffer, bool onReceiveThread)
        {
            int block = buffer.Block;
            int count = _rx.Release(buffer);
            if (count > 0)
            {
                SendRelease(block, count, onReceiveThread);
            }
        }

        // The blocks were given back first: once the release is in the ring the peer may reuse them at once,
        // and its next DATA can reach the receive thread before this thread gets here again.
        // On the receive thread a release is appended and published with the rest of the run's releases.
        private void SendRelease(int block, int count, bool onReceiveThread)
        {
            int sent = onReceiveThread
                ? _link.AppendTriplet(ControlMessage.ReleaseData, ControlMessage.ReleaseDataAddress, (byte)block)
                : SendControl(ControlMessage.ReleaseData, ControlMessage.ReleaseDataAddress, block, false);
            if (sent == ControlMessage.Length)
            {
                return;
            }

            // The ring is full (the peer is not reading): the blocks stay ours; retry later.
            _rx.DeferRelease(block, count);

            // The receive thread retries on its next run anyway; waking itself would spin for as long
            // as the ring stays full or corrupt.
            if (!onReceiveThread)
            {
                Wake();
            }
        }

        private void RetryReleases()
        {
            int count;
            int block = _rx.NextPendingRelease(0, out count);
            while (block >= 0)
            {
                SendRelease(block, count, true);
                block = _rx.NextPendingRelease(block + 1, out count);
            }
        }

        private void ReceiveData(int address, int block)
        {
            int size;
            int count;
            if (!TakeRxBlock(block, "DATA", out size, out count))
            {
                return;
            }

            bool becameReady;
            Endpoint endpoint = _endpoints.ReceiverAt(address, out becameReady);
            if (endpoint == null)
            {
                _rx.Untake(block, count);
                Reject(RejectReason.EndpointNotReady, "DATA for address " + address.ToString() + " which no bound endpoint holds");
                return;
            }

            if (becameReady)
            {
                InvokeEndpointHandler(endpoint.Config.Bound, endpoint);
            }

            RxBuffer buffer = _rx.Buffer(block);
            buffer.ActivateShared(endpoint, RxBlockOffset(block) + RegionLayout.BlockHeaderSize, size, count);
            Statistics.CountReceived(size);
            InvokeReceived(endpoint, buffer);
            if (!buffer.IsHeld)
            {
                Release(buffer, true);
            }
        }

        private void ReceiveRelease(int block, bool bound, int address)
        {
            if (block >= _tx.BlockCount)
            {
                Reject(RejectReason.BlockIndexOutOfRange, (bound ? "RELEASE_BOUND" : "RELEASE_DATA") + " for block " + block.ToString() + " of " + _tx.BlockCount.ToString());
                return;
            }

            // No binding pass for a release: a binding that waits for blocks has left its pass pending,
            // and that pass runs after this drain anyway.
            if (!_tx.TakeRelease(block, bound, address))
            {
                if (bound)
                {
                    Reject(RejectReason.ReleaseBoundUnexpected, "RELEASE_BOUND for address " + address.ToString() + " block " + block.ToString() + " which is not a pending binding");
                }
                else
                {
                    Reject(RejectReason.ReleaseOfFreeBlock, "RELEASE_DATA for block " + block.ToString() + " which holds no sent message");
                }

                return;
            }

            Endpoint confirmed = bound ? _endpoints.ConfirmBound(address) : null;
            if (confirmed != null)
            {
                InvokeEndpointHandler(confirmed.Config.Bound, confirmed);
            }
        }

        // Checks a block the peer named against this side's view (docs/protocol.md §6.10), reading the size header
        // once, and takes the message's blocks unless one of them is still held here. The caller gives them
        // back (Untake) if it refuses the message after all.
        private bool TakeRxBlock(int block, string what, out int size, out int count)
        {
            size = 0;
            count = 0;
            int blocks = _rx.BlockCount;
            if (block >= blocks)
            {
                Reject(RejectReason.BlockIndexOutOfRange, what + " names block " + block.ToString() + " of " + blocks.ToString());
                return false;
            }

            int offset = RxBlockOffset(block);
            if (_cached)
            {
                Memory.Invalidate(offset, RegionLayout.BlockHeaderSize);
            }

            uint header = Memory.ReadWord(offset);
            long room = (long)(blocks - block) * _rxLayout.BlockSize - RegionLayout.BlockHeaderSize;
            if (header > (uint)room)
            {
                Reject(RejectReason.BlockSizeInvalid, what + " in block " + block.ToString() + " claims " + header.ToString() + " bytes; " + room.ToString() + " fit");
                return false;
            }

            size = (int)header;
            count = _rxLayout.BlocksFor(size);
            if (!_rx.TryTake(block, count))
            {
                Reject(RejectReason.BlockInUse, what + " in block " + block.ToString() + " overlaps blocks this side still holds");
                return false;
            }

            if (_cached)
            {
                Memory.Invalidate(offset + RegionLayout.BlockHeaderSize, size);
            }

            return true;
        }
    }
}
