namespace NfIcbmsg.Icbmsg
{
    // ICBMsg, receiving side: validation of what the peer names (docs/protocol.md §6.10), delivery, hold and release.
    public sealed partial class IcbmsgInstance
    {
        internal override void ReleaseRx(RxBuffer buffer)
        {
            int block;
            lock (_sync)
            {
                if (!buffer.IsValid)
                {
                    return;
                }

                block = buffer.Block;
                buffer.Invalidate();
            }

            SendRelease(block);
        }

        private void SendRelease(int block)
        {
            // Unmark first: once the release is in the ring the peer may reuse the blocks at once, and
            // its next DATA can reach the receive thread before this thread gets here again.
            int count = ReturnRxBlocks(block);
            if (SendControl(ControlMessage.ReleaseData, 0, block) == ControlMessage.Length)
            {
                return;
            }

            // The ring is full (the peer is not reading): the blocks stay ours; retry later.
            lock (_sync)
            {
                MarkRx(block, count);
                _releasePending[block] = true;
                _releasesPending = true;
            }

            Statistics.AddRxBlocksHeld(count);

            // The receive thread retries on its next run anyway; waking itself would spin for as long
            // as the ring stays full or corrupt.
            if (!OnReceiveThread)
            {
                Wake();
            }
        }

        private int ReturnRxBlocks(int block)
        {
            int count;
            lock (_sync)
            {
                count = _rxBuffers[block].BlockCount;
                for (int i = block; i < block + count && i < _rxInUse.Length; i++)
                {
                    _rxInUse[i] = false;
                }
            }

            Statistics.AddRxBlocksHeld(-count);
            return count;
        }

        private void RetryReleases()
        {
            lock (_sync)
            {
                _releasesPending = false;
            }

            for (int block = 0; block < _releasePending.Length; block++)
            {
                bool pending;
                lock (_sync)
                {
                    pending = _releasePending[block];
                    _releasePending[block] = false;
                }

                if (pending)
                {
                    SendRelease(block);
                }
            }
        }

        private void ReceiveData(int address, int block)
        {
            int size;
            int count;
            if (!ValidateRxBlock(block, "DATA", out size, out count))
            {
                return;
            }

            Endpoint endpoint = null;
            bool becameReady = false;
            lock (_sync)
            {
                int slot = _addressToSlot[address];
                if (slot >= 0)
                {
                    endpoint = _endpoints[slot];
                    if (endpoint.State == EndpointState.Bounding)
                    {
                        // The follower may send before its RELEASE_BOUND arrives (docs/protocol.md §13.4).
                        endpoint.State = EndpointState.Ready;
                        becameReady = true;
                    }
                    else if (endpoint.State != EndpointState.Ready)
                    {
                        endpoint = null;
                    }
                }

                if (endpoint != null)
                {
                    MarkRx(block, count);
                }
            }

            if (endpoint == null)
            {
                Reject(RejectReason.EndpointNotReady, "DATA for address " + address.ToString() + " which no bound endpoint holds");
                return;
            }

            if (becameReady)
            {
                InvokeEndpointHandler(endpoint.Config.Bound, endpoint);
            }

            RxBuffer buffer = _rxBuffers[block];
            buffer.ActivateShared(endpoint, RxBlockOffset(block) + RegionLayout.BlockHeaderSize, size, count);
            Statistics.AddRxBlocksHeld(count);
            Statistics.CountReceived(size);
            InvokeReceived(endpoint, buffer);
            if (!buffer.IsHeld)
            {
                ReleaseRx(buffer);
            }
        }

        private void ReceiveRelease(int block, bool bound, int address)
        {
            string name = bound ? "RELEASE_BOUND" : "RELEASE_DATA";
            if (block >= _txKind.Length)
            {
                Reject(RejectReason.BlockIndexOutOfRange, name + " for block " + block.ToString() + " of " + _txKind.Length.ToString());
                return;
            }

            Endpoint confirmed = null;
            lock (_sync)
            {
                TxBufferKind kind = _txKind[block];
                bool expected = bound ? kind == TxBufferKind.BoundSent && _boundAddress[block] == address : kind == TxBufferKind.DataSent;
                if (!expected)
                {
                    name = null;
                }
                else
                {
                    _txKind[block] = TxBufferKind.None;
                    if (bound)
                    {
                        int slot = _addressToSlot[address];
                        if (slot >= 0 && _endpoints[slot].State == EndpointState.Bounding)
                        {
                            confirmed = _endpoints[slot];
                            confirmed.State = EndpointState.Ready;
                        }
                    }
                }
            }

            if (name == null)
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

            // No binding pass for a release: a binding that waits for blocks has left its pass pending,
            // and that pass runs after this drain anyway.
            Statistics.AddTxBlocks(-_allocator.Free(block));
            if (confirmed != null)
            {
                InvokeEndpointHandler(confirmed.Config.Bound, confirmed);
            }
        }

        // Checks a block the peer named against this side's view (docs/protocol.md §6.10) and that none of its
        // blocks is still held here. Reads the size header once.
        private bool ValidateRxBlock(int block, string what, out int size, out int count)
        {
            size = 0;
            count = 0;
            int blocks = _rxInUse.Length;
            if (block >= blocks)
            {
                Reject(RejectReason.BlockIndexOutOfRange, what + " names block " + block.ToString() + " of " + blocks.ToString());
                return false;
            }

            int offset = RxBlockOffset(block);
            Memory.Invalidate(offset, RegionLayout.BlockHeaderSize);
            uint header = Memory.ReadWord(offset);
            long room = (long)(blocks - block) * _rxLayout.BlockSize - RegionLayout.BlockHeaderSize;
            if (header > (uint)room)
            {
                Reject(RejectReason.BlockSizeInvalid, what + " in block " + block.ToString() + " claims " + header.ToString() + " bytes; " + room.ToString() + " fit");
                return false;
            }

            size = (int)header;
            count = _rxLayout.BlocksFor(size);
            bool overlap = false;
            lock (_sync)
            {
                for (int i = block; i < block + count; i++)
                {
                    overlap |= _rxInUse[i];
                }
            }

            if (overlap)
            {
                Reject(RejectReason.BlockInUse, what + " in block " + block.ToString() + " overlaps blocks this side still holds");
                return false;
            }

            Memory.Invalidate(offset + RegionLayout.BlockHeaderSize, size);
            return true;
        }

        private void MarkRx(int block, int count)
        {
            for (int i = block; i < block + count; i++)
            {
                _rxInUse[i] = true;
            }
        }
    }
}
