using System.Collections;
using System.Threading;
using nanoFramework.TestFramework;

namespace NfIcbmsg.Tests.Support
{
    /// <summary>What a test wants done inside a received callback, on the receive thread.</summary>
    public delegate void ProbeReceiveHook(ProtocolProbe probe, RxBuffer buffer);

    /// <summary>
    /// An endpoint configuration whose callbacks record what the receive thread delivers: bound and
    /// unbound counts, a copy of every message in order, held buffers (with <see cref="HoldAll"/>),
    /// endpoint errors. Every callback sets <see cref="Signal"/>, so waits are event driven and bounded.
    /// </summary>
    public sealed class ProtocolProbe
    {
        private readonly object _sync = new object();
        private readonly ArrayList _messages = new ArrayList();
        private readonly ArrayList _held = new ArrayList();
        private readonly AutoResetEvent _signal = new AutoResetEvent(false);
        private int _bound;
        private int _unbound;
        private int _errors;
        private string _lastError;

        /// <summary>A probe for the endpoint <paramref name="name"/>.</summary>
        public ProtocolProbe(string name)
        {
            Config = new EndpointConfig(name);
            Config.Bound = OnBound;
            Config.Unbound = OnUnbound;
            Config.Received = OnReceived;
            Config.Error = OnError;
        }

        /// <summary>The configuration to register (the same object re-registers after a deregistration).</summary>
        public EndpointConfig Config { get; }

        /// <summary>The endpoint of the last <see cref="Register"/>.</summary>
        public Endpoint Endpoint { get; private set; }

        /// <summary>When set, every received buffer is held and kept for <see cref="TakeHeld"/>.</summary>
        public bool HoldAll { get; set; }

        /// <summary>Runs inside the received callback after the message was recorded (and held).</summary>
        public ProbeReceiveHook Hook { get; set; }

        /// <summary>Runs inside the bound callback, after it was counted.</summary>
        public EndpointHandler BoundHook { get; set; }

        /// <summary>Set on every callback.</summary>
        public AutoResetEvent Signal
        {
            get { return _signal; }
        }

        /// <summary>bound() calls so far.</summary>
        public int BoundCount
        {
            get { lock (_sync) { return _bound; } }
        }

        /// <summary>unbound() calls so far.</summary>
        public int UnboundCount
        {
            get { lock (_sync) { return _unbound; } }
        }

        /// <summary>Messages received so far.</summary>
        public int MessageCount
        {
            get { lock (_sync) { return _messages.Count; } }
        }

        /// <summary>Buffers held and not yet taken.</summary>
        public int HeldCount
        {
            get { lock (_sync) { return _held.Count; } }
        }

        /// <summary>Endpoint error callbacks so far.</summary>
        public int ErrorCount
        {
            get { lock (_sync) { return _errors; } }
        }

        /// <summary>The text of the last endpoint error.</summary>
        public string LastError
        {
            get { lock (_sync) { return _lastError; } }
        }

        /// <summary>Registers the configuration on <paramref name="instance"/>.</summary>
        public Endpoint Register(IpcInstance instance)
        {
            Endpoint = instance.RegisterEndpoint(Config);
            return Endpoint;
        }

        /// <summary>Copy of message <paramref name="index"/> (0-based, in arrival order).</summary>
        public byte[] Message(int index)
        {
            lock (_sync)
            {
                return (byte[])_messages[index];
            }
        }

        /// <summary>Fails unless bound() has been called at least <paramref name="count"/> times within the bound.</summary>
        public void WaitBound(int count)
        {
            Wait(delegate { return BoundCount >= count; }, Config.Name + " bound " + count.ToString() + " time(s)");
        }

        /// <summary>Fails unless unbound() has been called at least <paramref name="count"/> times within the bound.</summary>
        public void WaitUnbound(int count)
        {
            Wait(delegate { return UnboundCount >= count; }, Config.Name + " unbound " + count.ToString() + " time(s)");
        }

        /// <summary>Fails unless <paramref name="count"/> messages have arrived within the bound.</summary>
        public void WaitMessages(int count)
        {
            Wait(delegate { return MessageCount >= count; }, Config.Name + " to receive " + count.ToString() + " message(s)");
        }

        /// <summary>Waits for message <paramref name="index"/> and fails unless it equals <paramref name="expected"/>.</summary>
        public void ExpectMessage(int index, byte[] expected, string what)
        {
            WaitMessages(index + 1);
            byte[] actual = Message(index);
            Assert.AreEqual(expected.Length, actual.Length, what + ": length");
            ByteAssert.Equal(expected, actual, 0, what);
        }

        /// <summary>Fails unless <paramref name="count"/> buffers are held within the bound.</summary>
        public void WaitHeld(int count)
        {
            Wait(delegate { return HeldCount >= count; }, Config.Name + " to hold " + count.ToString() + " buffer(s)");
        }

        /// <summary>Hands out the held buffers (oldest first) and forgets them.</summary>
        public RxBuffer[] TakeHeld()
        {
            lock (_sync)
            {
                RxBuffer[] buffers = new RxBuffer[_held.Count];
                for (int i = 0; i < buffers.Length; i++)
                {
                    buffers[i] = (RxBuffer)_held[i];
                }

                _held.Clear();
                return buffers;
            }
        }

        /// <summary>Releases every held buffer (cleanup; ignores buffers released meanwhile).</summary>
        public void ReleaseAll()
        {
            RxBuffer[] buffers = TakeHeld();
            for (int i = 0; i < buffers.Length; i++)
            {
                if (buffers[i].IsHeld)
                {
                    buffers[i].Release();
                }
            }
        }

        private void Wait(ProtocolCondition condition, string what)
        {
            Assert.IsTrue(ProtocolFixtures.Until(condition, _signal, ProtocolFixtures.WaitMs), "timed out after " + ProtocolFixtures.WaitMs.ToString() + " ms waiting for " + what);
        }

        private void OnBound(Endpoint endpoint)
        {
            lock (_sync)
            {
                _bound++;
            }

            EndpointHandler hook = BoundHook;
            if (hook != null)
            {
                hook(endpoint);
            }

            _signal.Set();
        }

        private void OnUnbound(Endpoint endpoint)
        {
            lock (_sync)
            {
                _unbound++;
            }

            _signal.Set();
        }

        private void OnReceived(Endpoint endpoint, RxBuffer buffer)
        {
            byte[] copy = buffer.ToArray();
            if (HoldAll)
            {
                buffer.Hold();
            }

            lock (_sync)
            {
                _messages.Add(copy);
                if (HoldAll)
                {
                    _held.Add(buffer);
                }
            }

            ProbeReceiveHook hook = Hook;
            if (hook != null)
            {
                hook(this, buffer);
            }

            _signal.Set();
        }

        private void OnError(Endpoint endpoint, string message)
        {
            lock (_sync)
            {
                _errors++;
                _lastError = message;
            }

            _signal.Set();
        }
    }
}
