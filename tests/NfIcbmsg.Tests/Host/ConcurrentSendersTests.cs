using System;
using System.Collections.Concurrent;
using System.Threading;
using NfIcbmsg.Platform.InMemory;
using NfIcbmsg.Tests.Support;
using Xunit;

namespace NfIcbmsg.Tests.Host
{
    /// <summary>
    /// Host-only stress: both sides of the docs pair send on all four endpoints at once, two threads per
    /// endpoint and side, messages of varying size. Each message carries its sender thread and sequence
    /// number and a payload derived from both, so every receiver checks loss, order per sender and every
    /// byte on its own receive thread. Design rule 7: senders on different endpoints must not block each
    /// other while blocks are free, and nothing may be lost when they compete for them.
    /// </summary>
    public sealed class ConcurrentSendersTests
    {
        private const int Endpoints = 4;
        private const int ThreadsPerEndpoint = 2;
        private const int Messages = 2000;
        private const int HeaderSize = 5;

        private static readonly string[] s_names = { "alpha", "beta", "gamma", "delta" };

        [Fact]
        public void EveryMessageArrivesInOrderAndIntact()
        {
            SimulatedPair pair = new SimulatedPair(ProtocolFixtures.DocsSideX());
            ConcurrentQueue<string> failures = new ConcurrentQueue<string>();
            Receiver[] atX = new Receiver[Endpoints];
            Receiver[] atY = new Receiver[Endpoints];
            Thread[] senders = new Thread[2 * Endpoints * ThreadsPerEndpoint];
            try
            {
                pair.Open();
                for (int e = 0; e < Endpoints; e++)
                {
                    atX[e] = new Receiver("X/" + s_names[e], e, 1, failures);
                    atY[e] = new Receiver("Y/" + s_names[e], e, 0, failures);
                    atX[e].Register(pair.SideA, s_names[e]);
                    atY[e].Register(pair.SideB, s_names[e]);
                }

                for (int e = 0; e < Endpoints; e++)
                {
                    Assert.True(atX[e].Bound.Wait(ProtocolFixtures.WaitMs), "X/" + s_names[e] + " bound");
                    Assert.True(atY[e].Bound.Wait(ProtocolFixtures.WaitMs), "Y/" + s_names[e] + " bound");
                }

                int n = 0;
                for (int side = 0; side < 2; side++)
                {
                    for (int e = 0; e < Endpoints; e++)
                    {
                        for (int t = 0; t < ThreadsPerEndpoint; t++)
                        {
                            Endpoint endpoint = side == 0 ? atX[e].Endpoint : atY[e].Endpoint;
                            int thread = t;
                            int key = Key(e, side, t);
                            string name = (side == 0 ? "X/" : "Y/") + s_names[e] + "#" + t;
                            senders[n] = new Thread(() => Send(endpoint, thread, key, name, failures));
                            senders[n].Start();
                            n++;
                        }
                    }
                }

                long deadline = Environment.TickCount64 + 60000;
                foreach (Thread sender in senders)
                {
                    Assert.True(sender.Join((int)Math.Max(1, deadline - Environment.TickCount64)), "a sender did not finish within 60 s");
                }

                for (int e = 0; e < Endpoints; e++)
                {
                    atX[e].WaitAll(deadline);
                    atY[e].WaitAll(deadline);
                }

                Assert.True(failures.IsEmpty, string.Join(Environment.NewLine, failures.ToArray()));
                for (int e = 0; e < Endpoints; e++)
                {
                    Assert.Equal(Messages * ThreadsPerEndpoint, atX[e].Count);
                    Assert.Equal(Messages * ThreadsPerEndpoint, atY[e].Count);
                }

                Assert.True(ProtocolFixtures.Until(() => pair.SideA.Statistics.TxBlocksInUse == 0 && pair.SideB.Statistics.TxBlocksInUse == 0, null, ProtocolFixtures.WaitMs), "every block came back");
                foreach (IpcInstance side in new[] { pair.SideA, pair.SideB })
                {
                    Assert.Equal(0, side.Statistics.Rejected);
                    Assert.Equal(0, side.Statistics.InternalFaults);
                    Assert.Equal(0, side.Statistics.CallbackFaults);
                    Assert.Equal(Endpoints * ThreadsPerEndpoint * Messages, side.Statistics.MessagesSent);
                    Assert.Equal(Endpoints * ThreadsPerEndpoint * Messages, side.Statistics.MessagesReceived);
                    Assert.Equal(0, side.Statistics.RxBlocksHeld);
                }
            }
            finally
            {
                pair.Dispose();
            }
        }

        // Sender thread t of one endpoint and side: the pattern key identifies the stream.
        private static int Key(int endpoint, int side, int thread)
        {
            return ((endpoint * 2) + side) * ThreadsPerEndpoint + thread;
        }

        private static int LengthOf(DeterministicRandom random, int max)
        {
            // Mostly small, some spanning several blocks, now and then the largest message.
            int pick = random.Next(100);
            if (pick < 70)
            {
                return random.Between(HeaderSize, 96);
            }

            return pick < 97 ? random.Between(97, 700) : max;
        }

        private static void Send(Endpoint endpoint, int thread, int key, string name, ConcurrentQueue<string> failures)
        {
            try
            {
                DeterministicRandom random = new DeterministicRandom((uint)(key + 1) * 7919u);
                byte[] buffer = new byte[endpoint.TxBufferSize];
                for (int sequence = 0; sequence < Messages; sequence++)
                {
                    int length = LengthOf(random, endpoint.TxBufferSize);
                    buffer[0] = (byte)thread;
                    BitConverter.TryWriteBytes(new Span<byte>(buffer, 1, 4), sequence);
                    PayloadPattern.Fill(buffer, HeaderSize, length - HeaderSize, key * Messages + sequence);
                    SendStatus status = endpoint.TrySend(buffer, 0, length, ProtocolFixtures.WaitMs);
                    if (status != SendStatus.Sent)
                    {
                        failures.Enqueue(name + ": message " + sequence + " of " + length + " bytes: " + status);
                        return;
                    }
                }
            }
            catch (Exception ex)
            {
                failures.Enqueue(name + ": " + ex);
            }
        }

        /// <summary>One endpoint's receiving end: checks each sender stream's order and bytes.</summary>
        private sealed class Receiver
        {
            private readonly string _name;
            private readonly int _endpoint;
            private readonly int _peerSide;
            private readonly ConcurrentQueue<string> _failures;
            private readonly int[] _next = new int[ThreadsPerEndpoint];
            private readonly ManualResetEventSlim _all = new ManualResetEventSlim(false);
            private readonly byte[] _scratch = new byte[2048];
            private int _count;

            public Receiver(string name, int endpoint, int peerSide, ConcurrentQueue<string> failures)
            {
                _name = name;
                _endpoint = endpoint;
                _peerSide = peerSide;
                _failures = failures;
            }

            public ManualResetEventSlim Bound { get; } = new ManualResetEventSlim(false);

            private Endpoint? _registered;

            public Endpoint Endpoint => _registered ?? throw new InvalidOperationException(_name + " is not registered yet");

            public int Count => Volatile.Read(ref _count);

            public void Register(IpcInstance instance, string name)
            {
                EndpointConfig config = new EndpointConfig(name);
                config.Bound = _ => Bound.Set();
                config.Received = OnReceived;
                config.Error = (_, message) => _failures.Enqueue(_name + ": endpoint error " + message);
                _registered = instance.RegisterEndpoint(config);
            }

            public void WaitAll(long deadline)
            {
                int left = (int)Math.Max(1, deadline - Environment.TickCount64);
                Assert.True(_all.Wait(left), _name + ": " + Count + " of " + (Messages * ThreadsPerEndpoint) + " messages arrived");
            }

            private void OnReceived(Endpoint endpoint, RxBuffer buffer)
            {
                int length = buffer.Length;
                if (length < HeaderSize)
                {
                    _failures.Enqueue(_name + ": message of " + length + " bytes");
                    return;
                }

                buffer.Read(0, _scratch, 0, length);
                int thread = _scratch[0];
                int sequence = BitConverter.ToInt32(_scratch, 1);
                if (thread >= ThreadsPerEndpoint)
                {
                    _failures.Enqueue(_name + ": unknown sender thread " + thread);
                    return;
                }

                if (sequence != _next[thread])
                {
                    _failures.Enqueue(_name + ": sender " + thread + " message " + sequence + " arrived when " + _next[thread] + " was due");
                }

                _next[thread] = sequence + 1;
                int key = Key(_endpoint, _peerSide, thread);
                int mismatch = PayloadPattern.FirstMismatch(_scratch, HeaderSize, length - HeaderSize, key * Messages + sequence);
                if (mismatch >= 0)
                {
                    _failures.Enqueue(_name + ": sender " + thread + " message " + sequence + " differs at byte " + (HeaderSize + mismatch));
                }

                if (Interlocked.Increment(ref _count) == Messages * ThreadsPerEndpoint)
                {
                    _all.Set();
                }
            }
        }
    }
}
