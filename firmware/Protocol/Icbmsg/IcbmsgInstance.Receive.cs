namespace NfIcbmsg.Icbmsg
{
    // ICBMsg, receiving side: validation of what the peer names (docs/protocol.md §6.10), delivery, hold and release.
    public sealed partial class IcbmsgInstance
    {
        internal override void ReleaseRx(RxBuffer buffer)
        {
            if (OnReceiveThread)
            {
                ReleaseOnReceiveThread(buffer);
                return;
            }

            // Blocks first: once the release is in the ring the peer may reuse them at once, and its next DATA
            // can reach the receive thread before this thread gets here again.
            int block = buffer.Block;
            int count = _rx.Release(buffer);
            if (count == 0 || SendControl(ControlMessage.ReleaseData, ControlMessage.ReleaseDataAddress, block, false) == ControlMessage.Length)
            {
                return;
            }

            // The ring is full or corrupt: the blocks stay ours, and the receive thread, woken here, retries on its
            // runs every RetryIntervalMs until the ring takes the release.
            _rx.DeferRelease(block, count);
            Wake();
        }

        // Release first: nothing reaches this thread before it returns, and the appended release is not even
        // visible before its batch is published. Claimed, the release waits in the ledger until it is written,
        // so one that does not fit, or throws, is retried with its blocks still held.
        private void ReleaseOnReceiveThread(RxBuffer buffer)
        {
            if (_rx.Claim(buffer) && AppendRelease(buffer.Block))
            {
                _rx.EndPendingRelease(buffer.Block);
            }
        }

        private bool AppendRelease(int block)
        {
            return _link.AppendTriplet(ControlMessage.ReleaseData, ControlMessage.ReleaseDataAddress, (byte)block) == ControlMessage.Length;
        }

        private void RetryReleases()
        {
            int block = _rx.NextPendingRelease(0);
            while (block >= 0 && AppendRelease(block))
            {
                _rx.EndPendingRelease(block);
                block = _rx.NextPendingRelease(block + 1);
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
                ReleaseOnReceiveThread(buffer);
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
