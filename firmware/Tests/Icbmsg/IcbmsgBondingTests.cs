using nanoFramework.TestFramework;
using NfIcbmsg.Platform.InMemory;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Icbmsg
{
    /// <summary>
    /// Legacy bonding converges whichever side starts first, with time between the two, and when the
    /// first doorbells are lost (docs/protocol.md §2, §5.4): the early side keeps ringing until the peer answers.
    /// </summary>
    [TestClass]
    public class IcbmsgBondingTests
    {
        [TestMethod]
        public void BondsInEitherStartOrder()
        {
            CheckBondsInEitherStartOrder(true);
            CheckBondsInEitherStartOrder(false);
        }

        private static void CheckBondsInEitherStartOrder(bool followerFirst)
        {
            SimulatedPair pair = new SimulatedPair(ProtocolFixtures.DocsSideX());
            try
            {
                IpcInstance first = followerFirst ? pair.SideA : pair.SideB;
                IpcInstance second = followerFirst ? pair.SideB : pair.SideA;
                InProcessMailbox firstLine = followerFirst ? pair.LineAToB : pair.LineBToA;
                first.Open();

                // The time between the two is the first side's own: it rings, nobody listens, and it rings
                // again from its receive thread, alone.
                ProtocolFixtures.Eventually(delegate { return firstLine.Lost >= 2; }, "the first side to ring twice with nobody listening");
                Assert.IsFalse(first.IsBonded, "the first side cannot bond alone");
                second.Open();
                ProtocolFixtures.WaitBonded(first, "first side");
                ProtocolFixtures.WaitBonded(second, "second side");
                ExchangeOnEp0(pair.SideA, pair.SideB);
            }
            finally
            {
                pair.Dispose();
            }
        }

        [TestMethod]
        public void LostFirstDoorbellsAreRecovered()
        {
            InstanceConfig configX = ProtocolFixtures.DocsSideX();
            InstanceConfig configY = configX.Mirror();
            RegionPairMemory memory = new RegionPairMemory(configX);
            InProcessMailbox xToY = new InProcessMailbox();
            InProcessMailbox yToX = new InProcessMailbox();
            ProtocolDroppingMailbox xRings = new ProtocolDroppingMailbox(xToY, 3);
            ProtocolDroppingMailbox yRings = new ProtocolDroppingMailbox(yToX, 1);
            IpcInstance x = IpcService.Create(configX, memory, xRings, yToX);
            IpcInstance y = IpcService.Create(configY, memory, yRings, xToY);
            try
            {
                x.Open();
                // X rings on open and then again while it waits: three rings are lost before Y exists.
                ProtocolFixtures.Eventually(delegate { return xRings.Dropped == 3; }, "X to ring three times while unbonded");
                Assert.IsFalse(x.IsBonded, "X alone");
                y.Open();
                ProtocolFixtures.WaitBonded(x, "X");
                ProtocolFixtures.WaitBonded(y, "Y");
                Assert.AreEqual(1, yRings.Dropped, "Y's first ring was lost");
                ExchangeOnEp0(x, y);
            }
            finally
            {
                x.Close();
                y.Close();
            }
        }

        // Binds "ep0" on both sides and checks one message each way.
        private static void ExchangeOnEp0(IpcInstance x, IpcInstance y)
        {
            ProtocolProbe px = new ProtocolProbe("ep0");
            ProtocolProbe py = new ProtocolProbe("ep0");
            px.Register(x);
            py.Register(y);
            px.WaitBound(1);
            py.WaitBound(1);
            byte[] toY = PayloadPattern.Create(300, 1);
            byte[] toX = PayloadPattern.Create(200, 2);
            Assert.AreEqual((int)SendStatus.Sent, (int)px.Endpoint.TrySend(toY, 0, toY.Length, ProtocolFixtures.WaitMs), "X sends");
            Assert.AreEqual((int)SendStatus.Sent, (int)py.Endpoint.TrySend(toX, 0, toX.Length, ProtocolFixtures.WaitMs), "Y sends");
            py.ExpectMessage(0, toY, "Y receives");
            px.ExpectMessage(0, toX, "X receives");
            Assert.AreEqual(0, x.Statistics.Rejected + y.Statistics.Rejected, "nothing rejected");
            ProtocolFixtures.AssertNoInternalFaults(x, "X");
            ProtocolFixtures.AssertNoInternalFaults(y, "Y");
        }
    }
}
