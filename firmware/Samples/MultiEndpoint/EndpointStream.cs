using System.Threading;

namespace NfIcbmsg.Samples.MultiEndpoint
{
    /// <summary>
    /// The traffic of one endpoint of one side: the stream this side sends (from its own thread) and the stream
    /// the peer sends back (checked on the instance's receive thread). Stream ids follow the simulator's demo:
    /// the endpoint with index k sends stream 2k on side "A" and 2k + 1 on side "B", so the peer runs the same
    /// traffic with the two ids swapped.
    /// </summary>
    public sealed class EndpointStream
    {
        // How long one send waits for free blocks before it is retried (a callback never waits: see Handlers).
        private const int SendWaitMs = 100;

        private readonly int _messages;
        private readonly int _minSize;
        private readonly int _maxSize;
        private readonly byte[] _rxCopy;
        private Endpoint _endpoint;
        private bool _bound;
        private bool _stop;
        private int _sent;
        private int _sendRetries;
        private int _verified;
        private int _failed;
        private long _bytesVerified;
        private string _lastError;

        /// <summary>Creates the traffic of endpoint <paramref name="endpointName"/>.</summary>
        /// <param name="name">Name for the console (side and endpoint).</param>
        /// <param name="endpointName">Endpoint name (both sides bind by it).</param>
        /// <param name="outgoing">Stream id of the messages this side sends.</param>
        /// <param name="incoming">Stream id of the messages the peer sends.</param>
        /// <param name="messages">Messages per direction.</param>
        /// <param name="minSize">Smallest message (at least the 8-byte pattern header).</param>
        /// <param name="maxSize">Largest message.</param>
        public EndpointStream(string name, string endpointName, byte outgoing, byte incoming, int messages, int minSize, int maxSize)
        {
            Name = name;
            EndpointName = endpointName;
            Outgoing = outgoing;
            Incoming = incoming;
            _messages = messages;
            _minSize = minSize;
            _maxSize = maxSize;
            _rxCopy = new byte[maxSize];
        }

        /// <summary>Name for the console (side and endpoint).</summary>
        public string Name { get; }

        /// <summary>The endpoint name both sides bind by.</summary>
        public string EndpointName { get; }

        /// <summary>Stream id this side sends.</summary>
        public byte Outgoing { get; }

        /// <summary>Stream id the peer sends.</summary>
        public byte Incoming { get; }

        /// <summary>True once the endpoint is bound.</summary>
        public bool IsBound
        {
            get { return _bound; }
        }

        /// <summary>Messages sent so far.</summary>
        public int Sent
        {
            get { return _sent; }
        }

        /// <summary>Sends that found no free blocks (or no room in the ring) and were tried again.</summary>
        public int SendRetries
        {
            get { return _sendRetries; }
        }

        /// <summary>Messages received that matched the pattern, in sequence.</summary>
        public int Verified
        {
            get { return _verified; }
        }

        /// <summary>Messages received that did not match.</summary>
        public int Failed
        {
            get { return _failed; }
        }

        /// <summary>Payload bytes of the verified messages.</summary>
        public long BytesVerified
        {
            get { return _bytesVerified; }
        }

        /// <summary>The last mismatch or error, null if none.</summary>
        public string LastError
        {
            get { return _lastError; }
        }

        /// <summary>True when everything was sent and everything expected arrived intact.</summary>
        public bool IsComplete
        {
            get { return _sent == _messages && _verified == _messages && _failed == 0; }
        }

        /// <summary>True when nothing more will happen: all sent, and all received or something failed.</summary>
        public bool IsDone
        {
            get { return _sent == _messages && (_verified + _failed >= _messages || _failed > 0); }
        }

        /// <summary>The endpoint configuration, with this object's callbacks.</summary>
        public EndpointConfig CreateConfig()
        {
            EndpointConfig config = new EndpointConfig(EndpointName);
            config.Bound = OnBound;
            config.Received = OnReceived;
            config.Error = OnError;
            return config;
        }

        /// <summary>Remembers the registered endpoint (the sender thread sends on it).</summary>
        public void Attach(Endpoint endpoint)
        {
            _endpoint = endpoint;
        }

        /// <summary>Makes <see cref="SendLoop"/> return at its next retry.</summary>
        public void Stop()
        {
            _stop = true;
        }

        /// <summary>The sender thread: every message of the outgoing stream, in order, retried on back-pressure.</summary>
        public void SendLoop()
        {
            byte[] message = new byte[_maxSize];
            for (uint sequence = 0; sequence < (uint)_messages; sequence++)
            {
                int length = MessagePattern.LengthOf(sequence, _minSize, _maxSize);
                MessagePattern.Fill(message, sequence, Outgoing, length);
                while (true)
                {
                    if (_stop)
                    {
                        return;
                    }

                    SendStatus status = _endpoint.TrySend(message, 0, length, SendWaitMs);
                    if (status == SendStatus.Sent)
                    {
                        _sent++;
                        break;
                    }

                    _sendRetries++;
                    if (status != SendStatus.NoBuffers)
                    {
                        // Not bound (yet or any more) or the peer is not reading its ring: give it a moment.
                        Thread.Sleep(20);
                    }
                }
            }
        }

        private void OnBound(Endpoint endpoint)
        {
            _bound = true;
        }

        private void OnReceived(Endpoint endpoint, RxBuffer buffer)
        {
            // One copy out of the shared blocks into a preallocated array; the blocks are released when this
            // callback returns. No allocation here on the steady path.
            int length = buffer.Length;
            if (length > _rxCopy.Length)
            {
                Fail("message of " + length.ToString() + " bytes is longer than the largest expected");
                return;
            }

            buffer.Read(0, _rxCopy, 0, length);
            string error = MessagePattern.Verify(_rxCopy, length, (uint)_verified, Incoming);
            if (error != null)
            {
                Fail(error);
                return;
            }

            _verified++;
            _bytesVerified += length;
        }

        private void OnError(Endpoint endpoint, string message)
        {
            _lastError = message;
        }

        private void Fail(string error)
        {
            _failed++;
            _lastError = Name + ": " + error;
        }
    }
}
