using System;

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
            lock (_sync)
            {
                int count = 0;
                for (int i = 0; i < _parkedName.Length; i++)
                {
                    if (_parkedBlock[i] >= 0)
                    {
                        count++;
                    }
                }

                string[] names = new string[count];
                count = 0;
                for (int i = 0; i < _parkedName.Length; i++)
                {
                    if (_parkedBlock[i] >= 0)
                    {
                        names[count++] = _parkedName[i];
                    }
                }

                return names;
            }
        }

        /// <inheritdoc />
        public override Endpoint RegisterEndpoint(EndpointConfig config)
        {
            if (config == null)
            {
                throw new ArgumentNullException(nameof(config));
            }

            Endpoint endpoint;
            lock (_sync)
            {
                for (int i = 0; i < _registered; i++)
                {
                    Endpoint existing = _endpoints[i];
                    if (existing.Config == config)
                    {
                        if (existing.State != EndpointState.Deregistered)
                        {
                            throw new ArgumentException("this endpoint configuration is registered already", nameof(config));
                        }

                        existing.State = EndpointState.Rebounding;
                        _passPending = true;
                        Wake();
                        return existing;
                    }

                    if (existing.Name == config.Name)
                    {
                        throw new ArgumentException("an endpoint named '" + config.Name + "' is registered already", nameof(config));
                    }
                }

                if (_registered >= _endpoints.Length)
                {
                    throw new InvalidOperationException("all " + _endpoints.Length.ToString() + " endpoint slots are taken");
                }

                int nameLimit = (_initiator ? _txLayout.MaxMessageSize : _rxLayout.MaxMessageSize) - 1;
                if (config.Name.Length > nameLimit)
                {
                    throw new ArgumentException("endpoint name longer than the " + nameLimit.ToString() + " bytes the initiator's blocks hold", nameof(config));
                }

                int slot = _registered;
                endpoint = new Endpoint(this, config, slot);
                endpoint.State = EndpointState.Configured;
                if (_initiator)
                {
                    endpoint.Address = slot;
                    _addressToSlot[slot] = slot;
                }

                _endpoints[slot] = endpoint;
                _registered++;
                _passPending = true;
            }

            Wake();
            return endpoint;
        }

        internal override void Deregister(Endpoint endpoint)
        {
            lock (_sync)
            {
                if (endpoint.State != EndpointState.Ready)
                {
                    throw new InvalidOperationException("only a bound endpoint can be deregistered");
                }

                endpoint.State = EndpointState.Deregistered;
            }
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
            if (!ValidateRxBlock(block, "BOUND", out size, out count))
            {
                return;
            }

            string name = ReadName(RxBlockOffset(block) + RegionLayout.BlockHeaderSize, size);
            if (name == null)
            {
                Reject(RejectReason.BoundNameInvalid, "BOUND for address " + address.ToString() + " carries no printable NUL-terminated name");
                return;
            }

            lock (_sync)
            {
                if (_parkedBlock[address] >= 0 || _addressToSlot[address] >= 0)
                {
                    name = null;
                }
                else
                {
                    _parkedBlock[address] = block;
                    _parkedName[address] = name;
                    _rxBuffers[block].ActivateShared(null, RxBlockOffset(block) + RegionLayout.BlockHeaderSize, size, count);
                    MarkRx(block, count);
                    _passPending = true;
                }
            }

            if (name == null)
            {
                Reject(RejectReason.BoundAddressInUse, "BOUND for address " + address.ToString() + " which is bound or waiting already");
                return;
            }

            Statistics.AddRxBlocksHeld(count);
        }

        private void RunBindingPass()
        {
            _passPending = false;
            for (int slot = 0; slot < _endpoints.Length; slot++)
            {
                Endpoint endpoint;
                EndpointState state;
                lock (_sync)
                {
                    endpoint = _endpoints[slot];
                    if (endpoint == null)
                    {
                        break;
                    }

                    state = endpoint.State;
                    if (state == EndpointState.Rebounding)
                    {
                        endpoint.State = EndpointState.Ready;
                    }
                }

                if (state == EndpointState.Rebounding)
                {
                    InvokeEndpointHandler(endpoint.Config.Bound, endpoint);
                }
                else if (_initiator && state == EndpointState.Configured && !SendBound(endpoint))
                {
                    _passPending = true;
                }
            }

            if (!_initiator)
            {
                for (int address = 0; address < _parkedBlock.Length; address++)
                {
                    AnswerParkedBound(address);
                }
            }
        }

        private bool SendBound(Endpoint endpoint)
        {
            int size = endpoint.Name.Length + 1;
            int allocated;
            int first = AllocateBlocks(_txLayout.BlocksFor(size), 0, out allocated);
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
            lock (_sync)
            {
                _txKind[first] = TxBufferKind.BoundSent;
                _boundAddress[first] = endpoint.Address;
                endpoint.State = EndpointState.Bounding;
            }

            if (SendBlock(ControlMessage.Bound, endpoint.Address, first, size) < 0)
            {
                // Transient (ring full): retried by the next pass (Zephyr gives up here, docs/protocol.md §13.1).
                lock (_sync)
                {
                    endpoint.State = EndpointState.Configured;
                }

                FreeTx(first);
                return false;
            }

            return true;
        }

        private void AnswerParkedBound(int address)
        {
            Endpoint match = null;
            int block;
            lock (_sync)
            {
                block = _parkedBlock[address];
                if (block < 0)
                {
                    return;
                }

                for (int slot = 0; slot < _registered; slot++)
                {
                    Endpoint candidate = _endpoints[slot];
                    if (candidate.State == EndpointState.Configured && candidate.Name == _parkedName[address])
                    {
                        match = candidate;
                        break;
                    }
                }
            }

            if (match == null)
            {
                return;
            }

            if (SendControl(ControlMessage.ReleaseBound, address, block) != ControlMessage.Length)
            {
                _passPending = true;
                return;
            }

            lock (_sync)
            {
                _parkedBlock[address] = -1;
                _parkedName[address] = null;
                match.Address = address;
                _addressToSlot[address] = match.Slot;
                match.State = EndpointState.Ready;
                _rxBuffers[block].Invalidate();
            }

            ReturnRxBlocks(block);
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
