using System;
using System.Collections.Concurrent;
using System.Threading;
using NfIcbmsg.Icmsg;
using NfIcbmsg.Platform.InMemory;
using NfIcbmsg.Tests.Support;
using Xunit;

namespace NfIcbmsg.Tests.Host
{
    /// <summary>
    /// Plain ICMsg carries payloads in the ring, and a reader never rings the writer when it frees
    /// space: a full ring is back-pressure that TrySend waits out for its timeout, not an error.
    /// </summary>
    public sealed class IcmsgRingBackPressureTests
    {
        private const int WaitMs = 5000;

        [Fact]
        public void AFullRingIsWaitedOutWithinTheTimeoutAndNothingIsLost()
        {
            SimulatedPair pair = new SimulatedPair(ProtocolFixtures.IcmsgSideX(UnboundMode.Disable, 0));
            using ManualResetEventSlim gate = new ManualResetEventSlim(false);
            using ManualResetEventSlim boundX = new ManualResetEventSlim(false);
            using ManualResetEventSlim boundY = new ManualResetEventSlim(false);
            using ManualResetEventSlim stalled = new ManualResetEventSlim(false);
            ConcurrentQueue<byte> received = new ConcurrentQueue<byte>();
            try
            {
                pair.Open();
                Endpoint x = pair.SideA.RegisterEndpoint(new EndpointConfig("ep") { Bound = _ => boundX.Set() });
                pair.SideB.RegisterEndpoint(new EndpointConfig("ep")
                {
                    Bound = _ => boundY.Set(),
                    Received = (_, buffer) =>
                    {
                        // The receive thread stalls on the first message until the gate opens.
                        stalled.Set();
                        gate.Wait(WaitMs);
                        received.Enqueue(buffer.ReadByte(0));
                    },
                });
                Assert.True(boundX.Wait(WaitMs) && boundY.Wait(WaitMs), "both sides bound");

                byte[] message = new byte[100];
                Assert.Equal(SendStatus.Sent, x.TrySend(Stamp(message, 0), 0, message.Length, 0));
                Assert.True(stalled.Wait(WaitMs), "the reader took the first message and stalls in its callback");
                int sent = 1;
                SendStatus status;
                while ((status = x.TrySend(Stamp(message, sent), 0, message.Length, 0)) == SendStatus.Sent)
                {
                    sent++;
                    Assert.True(sent < 100, "a 2 KiB ring cannot take 100 messages of 100 bytes");
                }

                Assert.Equal(SendStatus.RingFull, status);
                Assert.Equal(SendStatus.RingFull, x.TrySend(Stamp(message, sent), 0, message.Length, 20));

                ThreadPool.QueueUserWorkItem(_ =>
                {
                    Thread.Sleep(50);
                    gate.Set();
                });
                Assert.Equal(SendStatus.Sent, x.TrySend(Stamp(message, sent), 0, message.Length, WaitMs));
                sent++;

                Assert.True(SpinWait.SpinUntil(() => received.Count == sent, WaitMs), "every message arrives");
                Assert.Equal(sent, received.Count);
                int expected = 0;
                foreach (byte b in received)
                {
                    Assert.Equal((byte)expected++, b);
                }

                Assert.Equal(0, pair.SideA.Statistics.Rejected + pair.SideB.Statistics.Rejected);
            }
            finally
            {
                gate.Set();
                pair.Dispose();
            }
        }

        private static byte[] Stamp(byte[] message, int sequence)
        {
            message[0] = (byte)sequence;
            return message;
        }
    }
}
