namespace NfIcbmsg.Icbmsg
{
    // ICBMsg endpoint binding (docs/protocol.md §6.7): registration, the initiator's MSG_BOUND, the follower's parked names.
    public sealed partial class IcbmsgInstance
    {
        /// <summary>
        /// Follower: names the peer offered that no local endpoint matches yet (a Zephyr follower
        /// parks them silently; a typo would otherwise show only as a bind that never completes).
        /// </summary>
        public string[] GetParkedNames()
        {
            return _endpoints.ParkedNames();
        }

        /// <inheritdoc />
        public override Endpoint RegisterEndpoint(EndpointConfig config)
        {
            if (config == null)
            {
                throw new System.ArgumentNullException(nameof(config));
            }

            int nameLimit = (_initiator ? _txLayout.MaxMessageSize : _rxLayout.MaxMessageSize) - 1;
            Endpoint endpoint = _endpoints.Register(this, config, _initiator, nameLimit);
            Wake();
            return endpoint;
        }

        internal override void Deregister(Endpoint endpoint)
        {
            _endpoints.Deregister(endpoint);
        }

        private void ReceiveBound(int address, int block)
        {
            if (_initiator)
            {
                Reject(RejectReason.ControlMessageUnknown, "BOUND sent to the initiator");
                return;
            }

            int size;
            int count;
            if (!TakeRxBlock(block, "BOUND", out size, out count))
            {
                return;
            }

            int payload = RxBlockOffset(block) + RegionLayout.BlockHeaderSize;
            string name = ReadName(payload, size);
            if (name == null)
            {
                _rx.Untake(block, count);
                Reject(RejectReason.BoundNameInvalid, "BOUND for address " + address.ToString() + " carries no printable NUL-terminated name");
                return;
            }

            _rx.Buffer(block).ActivateShared(null, payload, size, count);
            if (!_endpoints.Park(address, block, name))
            {
                _rx.Release(_rx.Buffer(block));
                Reject(RejectReason.BoundAddressInUse, "BOUND for address " + address.ToString() + " which is bound or waiting already");
            }
        }

        private void RunBindingPass()
        {
            for (int slot = 0; ; slot++)
            {
                EndpointState state;
                Endpoint endpoint = _endpoints.ForPass(slot, out state);
                if (endpoint == null)
                {
                    break;
                }

                if (state == EndpointState.Rebounding)
                {
                    InvokeEndpointHandler(endpoint.Config.Bound, endpoint);
                }
                else if (_initiator && state == EndpointState.Configured && !SendBound(endpoint))
                {
                    _endpoints.RequestPass();
                }
            }

            if (!_initiator)
            {
                for (int address = 0; address < _endpoints.Capacity; address++)
                {
                    AnswerParkedBound(address);
                }
            }
        }

        private bool SendBound(Endpoint endpoint)
        {
            int size = endpoint.Name.Length + 1;
            int allocated;
            int first = AllocateBlocks(_txLayout.BlocksFor(size), 0, true, out allocated);
            if (first < 0)
            {
                return false;
            }

            byte[] name = new byte[size];
            for (int i = 0; i < endpoint.Name.Length; i++)
            {
                name[i] = (byte)endpoint.Name[i];
            }

            Memory.Write(TxBlockOffset(first) + RegionLayout.BlockHeaderSize, name, 0, size);
            _tx.MarkSent(first, TxBufferKind.BoundSent, endpoint.Address);
            _endpoints.SetBinding(endpoint, true);
            if (SendBlock(ControlMessage.Bound, endpoint.Address, first, size, true) < 0)
            {
                // Transient (ring full): retried by the next pass (Zephyr gives up here, docs/protocol.md §13.1).
                _endpoints.SetBinding(endpoint, false);
                _tx.Free(first);
                return false;
            }

            return true;
        }

        private void AnswerParkedBound(int address)
        {
            int block;
            Endpoint match = _endpoints.MatchParked(address, out block);
            if (match == null)
            {
                return;
            }

            if (SendControl(ControlMessage.ReleaseBound, address, block, true) != ControlMessage.Length)
            {
                _endpoints.RequestPass();
                return;
            }

            _endpoints.BindParked(address, match);
            _rx.ReleaseParked(block);
            InvokeEndpointHandler(match.Config.Bound, match);
        }

        // The NUL-terminated printable ASCII name at a window offset, or null. Read through a small private
        // chunk (a block-sized buffer would cost the heap up to a whole region): one pass finds the NUL, the
        // second copies the characters and checks each again, so a peer that rewrites the name in between
        // gets it refused, never a name with unchecked bytes.
        private string ReadName(int offset, int size)
        {
            int end = -1;
            for (int done = 0; done < size && end < 0; done += _nameChunk.Length)
            {
                int count = size - done < _nameChunk.Length ? size - done : _nameChunk.Length;
                Memory.Read(offset + done, _nameChunk, 0, count);
                for (int i = 0; i < count; i++)
                {
                    if (_nameChunk[i] == 0)
                    {
                        end = done + i;
                        break;
                    }
                }
            }

            if (end <= 0)
            {
                return null;
            }

            char[] chars = new char[end];
            for (int done = 0; done < end; done += _nameChunk.Length)
            {
                int count = end - done < _nameChunk.Length ? end - done : _nameChunk.Length;
                Memory.Read(offset + done, _nameChunk, 0, count);
                for (int i = 0; i < count; i++)
                {
                    byte b = _nameChunk[i];
                    if (b < 0x20 || b > 0x7E)
                    {
                        return null;
                    }

                    chars[done + i] = (char)b;
                }
            }

            return new string(chars);
        }
    }
}
