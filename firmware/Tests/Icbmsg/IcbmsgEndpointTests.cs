using System;
using nanoFramework.TestFramework;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Platform.InMemory;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Icbmsg
{
    /// <summary>
    /// Endpoints of an ICBMsg instance (docs/protocol.md §6.7): as many as EndpointCount, bound by name whatever the
    /// registration order on either side, a bound that arrives before the follower's endpoint is parked,
    /// misuse throws, and deregistration is local (data for it is rejected) until the same configuration
    /// registers again.
    /// </summary>
    [TestClass]
    public class IcbmsgEndpointTests
    {
        private static readonly string[] s_names = new string[] { "alpha", "beta", "gamma", "delta" };

        [TestMethod]
        public void FourEndpointsCarryTrafficBothWays()
        {
            // The largest test of the suite starts on a compacted heap: on the nanoCLR at 128 KB it otherwise met
            // fragmentation, and an OutOfMemoryException on a receive thread lost a release (tests/nfclr.sh).
            nanoFramework.Runtime.Native.GC.Run(true);
            SimulatedPair pair = new SimulatedPair(ProtocolFixtures.DocsSideX());
            try
            {
                ProtocolProbe[] x = new ProtocolProbe[4];
                ProtocolProbe[] y = new ProtocolProbe[4];
                for (int i = 0; i < 4; i++)
                {
                    x[i] = new ProtocolProbe(s_names[i]);
                    y[i] = new ProtocolProbe(s_names[i]);
                }

                pair.Open();
                for (int i = 0; i < 4; i++)
                {
                    // The initiator registers alpha..delta, the follower delta..alpha.
                    y[i].Register(pair.SideB);
                    x[3 - i].Register(pair.SideA);
                }

                for (int i = 0; i < 4; i++)
                {
                    x[i].WaitBound(1);
                    y[i].WaitBound(1);
                    Assert.AreEqual(i, y[i].Endpoint.Address, "the initiator's address of " + s_names[i] + " is its registration index");
                    Assert.AreEqual(i, x[i].Endpoint.Address, "the follower's address of " + s_names[i]);
                }

                // Sizes around the block boundaries of each side (X: 100-byte blocks, Y: 48) up to each maximum.
                int[] xSizes = new int[] { 1, 95, 96, 97, 196, 500, 1596 };
                int[] ySizes = new int[] { 1, 43, 44, 45, 92, 500, 1532 };
                for (int k = 0; k < xSizes.Length; k++)
                {
                    for (int i = 0; i < 4; i++)
                    {
                        byte[] toY = PayloadPattern.Create(xSizes[k], 1000 * i + k);
                        byte[] toX = PayloadPattern.Create(ySizes[k], 2000 + 1000 * i + k);
                        Assert.AreEqual((int)SendStatus.Sent, (int)x[i].Endpoint.TrySend(toY, 0, toY.Length, ProtocolFixtures.WaitMs), "X sends on " + s_names[i]);
                        Assert.AreEqual((int)SendStatus.Sent, (int)y[i].Endpoint.TrySend(toX, 0, toX.Length, ProtocolFixtures.WaitMs), "Y sends on " + s_names[i]);
                    }
                }

                for (int i = 0; i < 4; i++)
                {
                    for (int k = 0; k < xSizes.Length; k++)
                    {
                        y[i].ExpectMessage(k, PayloadPattern.Create(xSizes[k], 1000 * i + k), "Y's " + s_names[i] + " message " + k.ToString());
                        x[i].ExpectMessage(k, PayloadPattern.Create(ySizes[k], 2000 + 1000 * i + k), "X's " + s_names[i] + " message " + k.ToString());
                    }
                }

                ProtocolFixtures.Eventually(delegate { return pair.SideA.Statistics.TxBlocksInUse == 0 && pair.SideB.Statistics.TxBlocksInUse == 0; }, "every block to come back");
                for (int i = 0; i < 4; i++)
                {
                    Assert.AreEqual(xSizes.Length, x[i].MessageCount, "messages on X's " + s_names[i]);
                    Assert.AreEqual(ySizes.Length, y[i].MessageCount, "messages on Y's " + s_names[i]);
                }

                Assert.AreEqual(0, pair.SideA.Statistics.Rejected + pair.SideB.Statistics.Rejected, "nothing rejected");
                Assert.AreEqual(0, pair.SideA.Statistics.RxBlocksHeld + pair.SideB.Statistics.RxBlocksHeld, "nothing held");
                ProtocolFixtures.AssertNoInternalFaults(pair.SideA, "X");
                ProtocolFixtures.AssertNoInternalFaults(pair.SideB, "Y");
            }
            finally
            {
                pair.Dispose();
            }
        }

        [TestMethod]
        public void BoundBeforeTheFollowerRegistersIsParked()
        {
            SimulatedPair pair = new SimulatedPair(ProtocolFixtures.DocsSideX());
            try
            {
                IcbmsgInstance follower = (IcbmsgInstance)pair.SideA;
                ProtocolProbe x = new ProtocolProbe("late");
                ProtocolProbe typo = new ProtocolProbe("lat3");
                ProtocolProbe y = new ProtocolProbe("late");
                pair.Open();
                y.Register(pair.SideB);
                ProtocolFixtures.Eventually(delegate { return follower.GetParkedNames().Length == 1; }, "the follower to park \"late\"");
                Assert.AreEqual("late", follower.GetParkedNames()[0], "parked name");
                Assert.AreEqual((int)EndpointState.Bounding, (int)y.Endpoint.State, "the initiator waits for the answer");

                // An endpoint of another name does not take it.
                typo.Register(pair.SideA);
                ProtocolFixtures.WaitReceivePass(pair, pair.SideA, "the follower after \"lat3\" registered");
                ProtocolFixtures.WaitReceivePass(pair, pair.SideB, "the initiator after the follower's pass");
                Assert.AreEqual(0, typo.BoundCount, "a different name does not bind");
                Assert.AreEqual(1, follower.GetParkedNames().Length, "still parked");
                Assert.AreEqual(0, y.BoundCount, "the initiator is not bound yet");

                x.Register(pair.SideA);
                x.WaitBound(1);
                y.WaitBound(1);
                Assert.AreEqual(0, follower.GetParkedNames().Length, "nothing parked once bound");
                Assert.AreEqual(y.Endpoint.Address, x.Endpoint.Address, "both sides agree on the address");
                byte[] payload = PayloadPattern.Create(77, 5);
                Assert.AreEqual((int)SendStatus.Sent, (int)y.Endpoint.TrySend(payload, 0, payload.Length, ProtocolFixtures.WaitMs), "Y sends");
                x.ExpectMessage(0, payload, "the late endpoint receives");
                Assert.AreEqual(0, typo.MessageCount, "nothing for the other endpoint");
                Assert.AreEqual(0, pair.SideA.Statistics.Rejected + pair.SideB.Statistics.Rejected, "nothing rejected");
            }
            finally
            {
                pair.Dispose();
            }
        }

        [TestMethod]
        public void EndpointCountIsEnforced()
        {
            CheckEndpointCountIsEnforced(true);
            CheckEndpointCountIsEnforced(false);
        }

        private static void CheckEndpointCountIsEnforced(bool initiator)
        {
            SimulatedPair pair = new SimulatedPair(ProtocolFixtures.DocsSideX());
            try
            {
                IpcInstance instance = initiator ? pair.SideB : pair.SideA;
                Assert.AreEqual(4, instance.Config.EndpointCount, "Zephyr's default NUM_EP");
                for (int i = 0; i < 4; i++)
                {
                    new ProtocolProbe(s_names[i]).Register(instance);
                }

                ProtocolProbe fifth = new ProtocolProbe("epsilon");
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { fifth.Register(instance); });
            }
            finally
            {
                pair.Dispose();
            }
        }

        [TestMethod]
        public void DuplicateRegistrationsAreRefused()
        {
            CheckDuplicateRegistrationsAreRefused(true);
            CheckDuplicateRegistrationsAreRefused(false);
        }

        private static void CheckDuplicateRegistrationsAreRefused(bool initiator)
        {
            SimulatedPair pair = new SimulatedPair(ProtocolFixtures.DocsSideX());
            try
            {
                IpcInstance instance = initiator ? pair.SideB : pair.SideA;
                ProtocolProbe first = new ProtocolProbe("dup");
                ProtocolProbe sameName = new ProtocolProbe("dup");
                first.Register(instance);
                Assert.ThrowsException(typeof(ArgumentException), delegate { sameName.Register(instance); });
                Assert.ThrowsException(typeof(ArgumentException), delegate { first.Register(instance); });

                // The refused registrations took no slot: three more names still fit.
                for (int i = 0; i < 3; i++)
                {
                    new ProtocolProbe(s_names[i]).Register(instance);
                }
            }
            finally
            {
                pair.Dispose();
            }
        }

        [TestMethod]
        public void DeregisteredEndpointRejectsDataUntilRegisteredAgain()
        {
            CheckDeregisteredEndpointRejectsDataUntilRegisteredAgain(true);
            CheckDeregisteredEndpointRejectsDataUntilRegisteredAgain(false);
        }

        private static void CheckDeregisteredEndpointRejectsDataUntilRegisteredAgain(bool onInitiator)
        {
            SimulatedPair pair = new SimulatedPair(ProtocolFixtures.DocsSideX());
            try
            {
                IpcInstance local = onInitiator ? pair.SideB : pair.SideA;
                IpcInstance remote = onInitiator ? pair.SideA : pair.SideB;
                ProtocolRejectRecorder rejects = new ProtocolRejectRecorder(local);
                ProtocolProbe x = new ProtocolProbe("ep0");
                ProtocolProbe y = new ProtocolProbe("ep0");
                ProtocolFixtures.BindPair(pair, x, y);
                ProtocolProbe mine = onInitiator ? y : x;
                ProtocolProbe theirs = onInitiator ? x : y;
                RegionPairMemory bytes = pair.Memory;
                int localWriteIndex = ProtocolFixtures.At(onInitiator ? ProtocolFixtures.R2 : ProtocolFixtures.R1) + 4;

                Endpoint endpoint = mine.Endpoint;
                endpoint.Deregister();
                Assert.AreEqual((int)EndpointState.Deregistered, (int)endpoint.State, "state after deregistering");
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { endpoint.Deregister(); });
                byte[] one = PayloadPattern.Create(20, 1);
                Assert.AreEqual((int)SendStatus.NotBound, (int)endpoint.TrySend(one, 0, one.Length, 0), "a deregistered endpoint does not send");

                // The peer is not told (as in Zephyr): its message is rejected here and its blocks stay taken.
                Assert.AreEqual((int)SendStatus.Sent, (int)theirs.Endpoint.TrySend(one, 0, one.Length, 0), "the peer still sends");
                rejects.WaitTotal(1);
                rejects.AssertOnly(RejectReason.EndpointNotReady, 1);
                Assert.AreEqual(0, mine.MessageCount, "nothing delivered to a deregistered endpoint");
                ProtocolFixtures.WaitReceivePass(pair, local, "the side that rejected the message");
                ProtocolFixtures.WaitReceivePass(pair, remote, "the sender after that pass");
                Assert.AreEqual(1, remote.Statistics.TxBlocksInUse, "no release for a rejected message");

                // The same configuration again: bound() again, purely locally.
                uint writeIndex = ProtocolFixtures.Word(bytes, localWriteIndex);
                Endpoint again = mine.Register(local);
                Assert.AreSame(endpoint, again, "the same endpoint comes back");
                mine.WaitBound(2);
                Assert.IsTrue(again.IsBound, "bound again");
                Assert.AreEqual(writeIndex, ProtocolFixtures.Word(bytes, localWriteIndex), "re-binding sends nothing");
                Assert.AreEqual(1, theirs.BoundCount, "the peer sees no new binding");

                byte[] two = PayloadPattern.Create(30, 2);
                Assert.AreEqual((int)SendStatus.Sent, (int)theirs.Endpoint.TrySend(two, 0, two.Length, ProtocolFixtures.WaitMs), "the peer sends again");
                mine.ExpectMessage(0, two, "delivered after re-registering");
                Assert.AreEqual((int)SendStatus.Sent, (int)again.TrySend(one, 0, one.Length, ProtocolFixtures.WaitMs), "the endpoint sends again");
                theirs.ExpectMessage(0, one, "the peer receives");
                rejects.AssertOnly(RejectReason.EndpointNotReady, 1);
                ProtocolFixtures.AssertNoInternalFaults(local, "local");
            }
            finally
            {
                pair.Dispose();
            }
        }
    }
}
