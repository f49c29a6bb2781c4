using nanoFramework.TestFramework;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Platform.InMemory;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Faults
{
    /// <summary>
    /// A 0-byte message is a message: on ICBMsg it travels as one block whose size header is 0, which
    /// Zephyr's receiver validates and delivers as a 0-byte message and releases. It can be sent by copy
    /// and by lease (including a lease of size 0, Zephyr's "as much as possible"), it can be echoed from
    /// the received callback, and it leaves no block behind. Plain ICMsg has no empty packet.
    /// </summary>
    [TestClass]
    public class ZeroByteMessageTests
    {
        private static int s_echoStatus;
        private static int s_echoes;

        [TestMethod]
        public void ZeroByteMessagesTravelByCopyAndByLeaseAndAreEchoedFromTheCallback()
        {
            SimulatedPair pair = new SimulatedPair(ProtocolFixtures.DocsSideX());
            ProtocolProbe x = new ProtocolProbe("ep0");
            ProtocolProbe y = new ProtocolProbe("ep0");
            s_echoStatus = -1;
            s_echoes = 0;
            y.Hook = Echo;
            try
            {
                ProtocolFixtures.BindPair(pair, x, y);
                Endpoint ep = x.Endpoint;
                byte[] empty = new byte[0];
                Assert.AreEqual((int)SendStatus.Sent, (int)ep.TrySend(empty, 0, 0, 0), "a 0-byte copying send");
                y.ExpectMessage(0, empty, "Y receives the 0-byte message");
                x.ExpectMessage(0, empty, "X receives Y's 0-byte echo");
                Assert.AreEqual((int)SendStatus.Sent, s_echoStatus, "status of the echo sent from the callback");

                ProtocolFixtures.Eventually(delegate { return pair.SideA.Statistics.TxBlocksInUse == 0; }, "X's first block to be released");
                TxLease all = ep.GetTxBuffer(0, 0);
                Assert.IsTrue(all.IsActive, "a lease of size 0 (every free block from the first free one)");
                IcbmsgInstance a = (IcbmsgInstance)pair.SideA;
                Assert.AreEqual(a.TxLayout.MaxMessageSize, all.Capacity, "the lease of size 0 took all 16 blocks");
                Assert.AreEqual((int)SendStatus.Sent, (int)ep.TrySendNoCopy(all, 0), "sending that lease with length 0");
                y.ExpectMessage(1, empty, "Y receives the 0-byte zero-copy message");
                x.ExpectMessage(1, empty, "X receives the second echo");

                ep.Send(empty);
                y.ExpectMessage(2, empty, "Send(empty array)");
                x.WaitMessages(3);
                ProtocolFixtures.Eventually(delegate { return pair.SideA.Statistics.TxBlocksInUse == 0 && pair.SideB.Statistics.TxBlocksInUse == 0; }, "every block to come back on both sides");
                TxLease again = ep.GetTxBuffer(0, 0);
                Assert.AreEqual(a.TxLayout.MaxMessageSize, again.Capacity, "all 16 blocks are free again");
                ep.Drop(again);
                Assert.AreEqual(3, s_echoes, "echoes sent from Y's callback");
                Assert.AreEqual(0, pair.SideA.Statistics.Rejected + pair.SideB.Statistics.Rejected, "rejections");
                ProtocolFixtures.AssertNoFaults(pair.SideA, pair.SideB);
            }
            finally
            {
                pair.Dispose();
            }
        }

        [TestMethod]
        public void AZeroSizeBlockFromThePeerIsDeliveredAndReleased()
        {
            ProtocolPeerFixture f = new ProtocolPeerFixture(ProtocolFixtures.DocsSideX());
            try
            {
                f.Start();
                f.ExpectDelivered(0, 5, new byte[0], "a block whose size header is 0");
                f.ExpectDelivered(1, 6, PayloadPattern.Create(12, 6), "the next message");
                Assert.AreEqual(0, f.Target.Statistics.Rejected, "rejections");
                f.AssertHealthy();
            }
            finally
            {
                f.Close();
            }
        }

        [TestMethod]
        public void PlainIcmsgRefusesAnEmptyMessageAsAnArgument()
        {
            SimulatedPair pair = new SimulatedPair(ProtocolFixtures.IcmsgSideX(NfIcbmsg.UnboundMode.Disable, 0));
            ProtocolProbe x = new ProtocolProbe("ep0");
            ProtocolProbe y = new ProtocolProbe("ep0");
            try
            {
                ProtocolFixtures.BindPair(pair, x, y);
                byte[] empty = new byte[0];
                Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), delegate { x.Endpoint.TrySend(empty, 0, 0, 0); });
                byte[] one = PayloadPattern.Create(1, 4);
                Assert.AreEqual((int)SendStatus.Sent, (int)x.Endpoint.TrySend(one, 0, 1, 0), "a 1-byte message after the refusal");
                y.ExpectMessage(0, one, "the 1-byte message");
                ProtocolFixtures.AssertNoFaults(pair.SideA, pair.SideB);
            }
            finally
            {
                pair.Dispose();
            }
        }

        private static void Echo(ProtocolProbe probe, RxBuffer buffer)
        {
            byte[] copy = buffer.ToArray();
            s_echoStatus = (int)probe.Endpoint.TrySend(copy, 0, copy.Length, 0);
            s_echoes++;
        }
    }
}
