using System;

namespace NfIcbmsg.Icbmsg
{
    /// <summary>
    /// The endpoints of one ICBMsg instance (docs/protocol.md §6.7): the registration slots, the wire address
    /// each endpoint is bound to, the follower's parked BOUND messages (names the peer offered before a local
    /// endpoint of that name registered), and whether a binding pass is due.
    /// </summary>
    /// <remarks>
    /// Threading: registration and deregistration run on any thread; everything else on the receive thread.
    /// Every member takes <c>_sync</c>, which guards the slots, the address map, the parked names, the
    /// pass flag, and the <see cref="Endpoint.State"/> and <see cref="Endpoint.Address"/> of every endpoint
    /// here: they change only through this table. Two reads go without the lock, each one read of a value
    /// written whole: senders read their endpoint's state (it decides that send), and the receive thread
    /// looks up the endpoint bound at a DATA's address (anything but a bound endpoint is decided under the lock).
    /// </remarks>
    internal sealed class EndpointTable
    {
        private readonly object _sync = new object();
        private readonly Endpoint[] _endpoints;
        private readonly int[] _addressToSlot;
        private readonly int[] _parkedBlock;
        private readonly string[] _parkedName;
        private int _registered;
        private bool _passPending;

        /// <summary>A table of <paramref name="capacity"/> slots, which is also the number of wire addresses.</summary>
        public EndpointTable(int capacity)
        {
            _endpoints = new Endpoint[capacity];
            _addressToSlot = new int[capacity];
            _parkedBlock = new int[capacity];
            _parkedName = new string[capacity];
            for (int i = 0; i < capacity; i++)
            {
                _addressToSlot[i] = -1;
                _parkedBlock[i] = -1;
            }
        }

        /// <summary>Number of slots and of wire addresses.</summary>
        public int Capacity
        {
            get { return _endpoints.Length; }
        }

        /// <summary>
        /// Registers <paramref name="config"/> in the next slot, or re-binds it when it was deregistered. The
        /// initiator (<paramref name="assignAddress"/>) gives the endpoint its slot as address. Throws when the
        /// config or its name is registered already, the name is longer than <paramref name="nameLimit"/>,
        /// or every slot is taken. Asks for a binding pass.
        /// </summary>
        public Endpoint Register(IpcInstance instance, EndpointConfig config, bool assignAddress, int nameLimit)
        {
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

                if (config.Name.Length > nameLimit)
                {
                    throw new ArgumentException("endpoint name longer than the " + nameLimit.ToString() + " bytes the initiator's blocks hold", nameof(config));
                }

                int slot = _registered;
                Endpoint endpoint = new Endpoint(instance, config, slot);
                endpoint.State = EndpointState.Configured;
                if (assignAddress)
                {
                    endpoint.Address = slot;
                    _addressToSlot[slot] = slot;
                }

                _endpoints[slot] = endpoint;
                _registered++;
                _passPending = true;
                return endpoint;
            }
        }

        /// <summary>Deregisters a bound endpoint; throws <see cref="InvalidOperationException"/> for any other.</summary>
        public void Deregister(Endpoint endpoint)
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

        /// <summary>Asks for a binding pass (a binding waits for the link, for blocks or for ring space).</summary>
        public void RequestPass()
        {
            lock (_sync)
            {
                _passPending = true;
            }
        }

        /// <summary>True when a binding pass is due; clears the request (a pass that cannot finish asks again).</summary>
        public bool TakePass()
        {
            lock (_sync)
            {
                bool due = _passPending;
                _passPending = false;
                return due;
            }
        }

        /// <summary>True when a binding pass is due.</summary>
        public bool PassPending
        {
            get
            {
                lock (_sync)
                {
                    return _passPending;
                }
            }
        }

        /// <summary>
        /// The endpoint DATA for <paramref name="address"/> goes to: a bound one, or one whose binding is out
        /// (the follower may send before its RELEASE_BOUND arrives, docs/protocol.md §13.4), which becomes
        /// bound here (<paramref name="becameReady"/>). Null when no endpoint there takes messages.
        /// </summary>
        public Endpoint ReceiverAt(int address, out bool becameReady)
        {
            becameReady = false;

            // A bound endpoint stays at its address until the instance closes: the common case needs no lock
            // (references and ints are read whole); everything else is decided under it.
            int bound = _addressToSlot[address];
            if (bound >= 0)
            {
                Endpoint endpoint = _endpoints[bound];
                if (endpoint != null && endpoint.State == EndpointState.Ready)
                {
                    return endpoint;
                }
            }

            lock (_sync)
            {
                int slot = _addressToSlot[address];
                if (slot < 0)
                {
                    return null;
                }

                Endpoint endpoint = _endpoints[slot];
                if (endpoint.State == EndpointState.Bounding)
                {
                    endpoint.State = EndpointState.Ready;
                    becameReady = true;
                    return endpoint;
                }

                return endpoint.State == EndpointState.Ready ? endpoint : null;
            }
        }

        /// <summary>RELEASE_BOUND for <paramref name="address"/>: the endpoint whose binding it confirms (now bound), or null.</summary>
        public Endpoint ConfirmBound(int address)
        {
            lock (_sync)
            {
                int slot = _addressToSlot[address];
                if (slot < 0 || _endpoints[slot].State != EndpointState.Bounding)
                {
                    return null;
                }

                Endpoint endpoint = _endpoints[slot];
                endpoint.State = EndpointState.Ready;
                return endpoint;
            }
        }

        /// <summary>
        /// The endpoint in <paramref name="slot"/> for a binding pass, null past the last one; a re-registered
        /// endpoint becomes bound here (<paramref name="state"/> tells what it was).
        /// </summary>
        public Endpoint ForPass(int slot, out EndpointState state)
        {
            state = EndpointState.Configured;
            lock (_sync)
            {
                Endpoint endpoint = slot < _endpoints.Length ? _endpoints[slot] : null;
                if (endpoint != null)
                {
                    state = endpoint.State;
                    if (state == EndpointState.Rebounding)
                    {
                        endpoint.State = EndpointState.Ready;
                    }
                }

                return endpoint;
            }
        }

        /// <summary>Initiator: the endpoint's BOUND is out (<see cref="EndpointState.Bounding"/>), or could not go (back to configured).</summary>
        public void SetBinding(Endpoint endpoint, bool sent)
        {
            lock (_sync)
            {
                endpoint.State = sent ? EndpointState.Bounding : EndpointState.Configured;
            }
        }

        /// <summary>
        /// Follower: parks the peer's BOUND for <paramref name="address"/> (its name in <paramref name="block"/>)
        /// and asks for a binding pass; false when that address is bound or has a BOUND parked already.
        /// </summary>
        public bool Park(int address, int block, string name)
        {
            lock (_sync)
            {
                if (_parkedBlock[address] >= 0 || _addressToSlot[address] >= 0)
                {
                    return false;
                }

                _parkedBlock[address] = block;
                _parkedName[address] = name;
                _passPending = true;
                return true;
            }
        }

        /// <summary>Follower: the names parked now (a copy).</summary>
        public string[] ParkedNames()
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

        /// <summary>
        /// Follower: a configured endpoint named as the BOUND parked for <paramref name="address"/>, and the
        /// block that BOUND named; null when nothing is parked there or no endpoint matches yet.
        /// </summary>
        public Endpoint MatchParked(int address, out int block)
        {
            lock (_sync)
            {
                block = _parkedBlock[address];
                if (block < 0)
                {
                    return null;
                }

                for (int slot = 0; slot < _registered; slot++)
                {
                    Endpoint candidate = _endpoints[slot];
                    if (candidate.State == EndpointState.Configured && candidate.Name == _parkedName[address])
                    {
                        return candidate;
                    }
                }

                return null;
            }
        }

        /// <summary>Follower: the RELEASE_BOUND for <paramref name="address"/> is out; <paramref name="endpoint"/> is bound there.</summary>
        public void BindParked(int address, Endpoint endpoint)
        {
            lock (_sync)
            {
                _parkedBlock[address] = -1;
                _parkedName[address] = null;
                endpoint.Address = address;
                _addressToSlot[address] = endpoint.Slot;
                endpoint.State = EndpointState.Ready;
            }
        }
    }
}
