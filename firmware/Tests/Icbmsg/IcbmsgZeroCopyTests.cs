using System;
using System.Threading;
using nanoFramework.TestFramework;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Platform.InMemory;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Icbmsg
{
    /// <summary>
    /// Zero-copy on both ends (docs/protocol.md §6.9, §6.11): tx leases written in place, shrunk on send, dropped,
    /// size 0 for the largest run; rx buffers held past the callback keep the sender's blocks until they
    /// are released. X (16 blocks of 100 bytes) sends, Y receives.
    /// </summary>
    [TestClass]
    public class IcbmsgZeroCopyTests
    {
        // Window offset of the wr_idx of X's tx ring (R1): it moves whenever X writes anything to Y.
        private static readonly int s_xWriteIndex = ProtocolFixtures.At(ProtocolFixtures.R1) + 4;

        private static RxBuffer s_unheld;
        private static ProtocolProbe s_x;
        private static ProtocolProbe s_y;
        private static ProtocolPeerFixture s_fixture;
        private static int s_reuseArmed;
        private static int s_reuseBlock;

        [TestMethod]
        public void SendNoCopyFreesTheBlocksItDoesNotNeed()
        {
            SimulatedPair pair = Bound();
            try
            {
                Endpoint x = s_x.Endpoint;
                s_y.HoldAll = true;
                TxLease lease = x.GetTxBuffer(250, 0);
                Assert.IsTrue(lease.IsActive, "a lease of 250 bytes");
                Assert.AreEqual(296, lease.Capacity, "3 blocks of 100 minus the header");
                Assert.IsTrue(lease.IsActive, "active until sent");
                Assert.AreEqual(3, pair.SideA.Statistics.TxBlocksInUse, "blocks taken by the lease");
                int header = ProtocolFixtures.At(0x200701C0);
                Assert.AreEqual(296u, ProtocolFixtures.Word(pair.Memory, header), "the header holds the capacity until the send");

                byte[] payload = PayloadPattern.Create(150, 3);
                lease.Write(0, payload, 0, 100);
                lease.Write(100, payload, 100, 50);
                x.SendNoCopy(lease, 150);
                Assert.IsFalse(lease.IsActive, "sent");
                Assert.AreEqual(2, pair.SideA.Statistics.TxBlocksInUse, "the third block was freed on send");
                s_y.ExpectMessage(0, payload, "Y receives the lease's bytes");
                s_y.WaitHeld(1);
                Assert.AreEqual(150u, ProtocolFixtures.Word(pair.Memory, header), "the header holds the length sent");
                WaitReleasesRead(pair);
                Assert.AreEqual(2, pair.SideA.Statistics.TxBlocksInUse, "held by Y");

                s_y.ReleaseAll();
                ProtocolFixtures.Eventually(delegate { return pair.SideA.Statistics.TxBlocksInUse == 0; }, "the release to free the blocks");
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { lease.Write(0, payload, 0, 1); });
                ProtocolFixtures.AssertNoFaults(pair.SideA, pair.SideB);
            }
            finally
            {
                ProtocolFixtures.ReleaseAndDispose(pair, s_y);
                Forget();
            }
        }

        [TestMethod]
        public void DropGivesTheBlocksBack()
        {
            SimulatedPair pair = Bound();
            try
            {
                Endpoint x = s_x.Endpoint;
                uint written = ProtocolFixtures.Word(pair.Memory, s_xWriteIndex);
                TxLease lease = x.GetTxBuffer(100, 0);
                Assert.IsTrue(lease.IsActive, "a lease of 100 bytes");
                Assert.AreEqual(196, lease.Capacity, "two blocks");
                Assert.AreEqual(2, pair.SideA.Statistics.TxBlocksInUse, "taken");
                x.Drop(lease);
                Assert.IsFalse(lease.IsActive, "dropped");
                Assert.AreEqual(0, pair.SideA.Statistics.TxBlocksInUse, "given back");
                byte[] one = new byte[1];
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { lease.Write(0, one, 0, 1); });
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { x.SendNoCopy(lease, 1); });
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { x.Drop(lease); });
                Assert.AreEqual(written, ProtocolFixtures.Word(pair.Memory, s_xWriteIndex), "X wrote nothing to its ring");
                ProtocolFixtures.WaitReceivePass(pair, pair.SideB, "Y after the drop");
                Assert.AreEqual(0, s_y.MessageCount, "nothing was sent");
                Assert.AreEqual(0, pair.SideB.Statistics.Rejected, "nothing the peer could reject");
                ProtocolFixtures.AssertNoFaults(pair.SideA, pair.SideB);
            }
            finally
            {
                ProtocolFixtures.ReleaseAndDispose(pair, s_y);
                Forget();
            }
        }

        [TestMethod]
        public void SizeZeroTakesTheLargestFreeRun()
        {
            SimulatedPair pair = Bound();
            try
            {
                Endpoint x = s_x.Endpoint;
                TxLease all = x.GetTxBuffer(0, 0);
                Assert.IsTrue(all.IsActive, "a lease of everything");
                Assert.AreEqual(x.TxBufferSize, all.Capacity, "all 16 blocks");
                Assert.AreEqual(1596, all.Capacity, "16 * 100 - 4");
                Assert.AreEqual(16, pair.SideA.Statistics.TxBlocksInUse, "all taken");
                Assert.IsFalse(x.GetTxBuffer(1, 0).IsActive, "nothing left");
                x.Drop(all);

                TxLease head = x.GetTxBuffer(250, 0);
                TxLease rest = x.GetTxBuffer(0, 0);
                Assert.IsTrue(rest.IsActive, "a lease of the rest");
                Assert.AreEqual(13 * 100 - 4, rest.Capacity, "the 13 blocks after the first 3");
                Assert.AreEqual(16, pair.SideA.Statistics.TxBlocksInUse, "all taken");

                byte[] payload = PayloadPattern.Create(1200, 9);
                rest.Write(0, payload, 0, payload.Length);
                x.SendNoCopy(rest, payload.Length);
                s_y.ExpectMessage(0, payload, "the large lease arrives");
                x.Drop(head);
                ProtocolFixtures.Eventually(delegate { return pair.SideA.Statistics.TxBlocksInUse == 0; }, "every block back");
                ProtocolFixtures.AssertNoFaults(pair.SideA, pair.SideB);
            }
            finally
            {
                ProtocolFixtures.ReleaseAndDispose(pair, s_y);
                Forget();
            }
        }

        [TestMethod]
        public void SendNoCopyBeyondTheCapacityThrows()
        {
            SimulatedPair pair = Bound();
            try
            {
                Endpoint x = s_x.Endpoint;
                uint written = ProtocolFixtures.Word(pair.Memory, s_xWriteIndex);
                Assert.ThrowsException(typeof(ArgumentOutOfRangeException), delegate { x.GetTxBuffer(x.TxBufferSize + 1, 0); });
                TxLease lease = x.GetTxBuffer(10, 0);
                Assert.IsTrue(lease.IsActive, "a lease of 10 bytes");
                Assert.AreEqual(96, lease.Capacity, "one block");
                byte[] big = new byte[97];
                Assert.ThrowsException(typeof(ArgumentOutOfRangeException), delegate { lease.Write(0, big, 0, 97); });
                Assert.ThrowsException(typeof(ArgumentOutOfRangeException), delegate { x.SendNoCopy(lease, 97); });
                Assert.IsFalse(lease.IsActive, "a send beyond the capacity drops the lease");
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { x.SendNoCopy(lease, 10); });

                Assert.AreEqual(0, pair.SideA.Statistics.TxBlocksInUse, "no block leaked");
                Assert.AreEqual(written, ProtocolFixtures.Word(pair.Memory, s_xWriteIndex), "X wrote nothing to its ring");
                ProtocolFixtures.WaitReceivePass(pair, pair.SideB, "Y after the refused sends");
                Assert.AreEqual(0, s_y.MessageCount, "nothing was sent");
                ProtocolFixtures.AssertNoFaults(pair.SideA, pair.SideB);
            }
            finally
            {
                ProtocolFixtures.ReleaseAndDispose(pair, s_y);
                Forget();
            }
        }

        [TestMethod]
        public void HeldRxBuffersKeepThePeersBlocksUntilReleased()
        {
            SimulatedPair pair = Bound();
            try
            {
                Endpoint x = s_x.Endpoint;
                s_y.HoldAll = true;
                int[] sizes = new int[] { 10, 150, 300 };
                for (int i = 0; i < sizes.Length; i++)
                {
                    byte[] payload = PayloadPattern.Create(sizes[i], 20 + i);
                    Assert.AreEqual((int)SendStatus.Sent, (int)x.TrySend(payload, 0, payload.Length, 0), "send " + i.ToString());
                }

                s_y.WaitHeld(3);
                RxBuffer[] held = s_y.TakeHeld();
                WaitReleasesRead(pair);
                Assert.AreEqual(1 + 2 + 4, pair.SideA.Statistics.TxBlocksInUse, "X's blocks stay taken while Y holds them");
                Assert.AreEqual(1 + 2 + 4, pair.SideB.Statistics.RxBlocksHeld, "Y holds 7 blocks");
                for (int i = 0; i < held.Length; i++)
                {
                    Assert.IsTrue(held[i].IsHeld && held[i].IsValid, "held buffer " + i.ToString());
                    byte[] now = held[i].ToArray();
                    Assert.AreEqual(sizes[i], now.Length, "held length");
                    ByteAssert.Equal(PayloadPattern.Create(sizes[i], 20 + i), now, 0, "held buffer read after the callback");
                }

                held[1].Release();
                ProtocolFixtures.Eventually(delegate { return pair.SideA.Statistics.TxBlocksInUse == 5; }, "X to free the two blocks of the released message");
                Assert.IsFalse(held[1].IsValid, "released buffers cannot be read");
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { held[1].ToArray(); });
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { held[1].Release(); });
                held[0].Release();
                held[2].Release();
                ProtocolFixtures.Eventually(delegate { return pair.SideA.Statistics.TxBlocksInUse == 0; }, "X to free every block");
                Assert.AreEqual(0, pair.SideB.Statistics.RxBlocksHeld, "Y holds nothing");
                Assert.AreEqual(0, pair.SideA.Statistics.Rejected, "every release was expected");
                ProtocolFixtures.AssertNoFaults(pair.SideA, pair.SideB);
            }
            finally
            {
                ProtocolFixtures.ReleaseAndDispose(pair, s_y);
                Forget();
            }
        }

        [TestMethod]
        public void AReleasedBlockCanBeReusedAsSoonAsTheReleaseIsVisible()
        {
            // The peer may fill a block again the moment it reads MSG_RELEASE_DATA for it. Here the peer
            // (scripted) does exactly that from inside the doorbell of the release, i.e. while Release()
            // has not returned yet on the test thread: the new message must be delivered, not refused
            // because the receiver still counts the block as held.
            ProtocolPeerFixture f = new ProtocolPeerFixture(ProtocolFixtures.DocsSideX());
            try
            {
                f.Start();
                f.Probe.HoldAll = true;
                byte[] first = PayloadPattern.Create(20, 1);
                f.Peer.SendData(0, 4, first);
                f.Probe.WaitHeld(1);
                f.Probe.HoldAll = false;
                RxBuffer[] held = f.Probe.TakeHeld();

                s_fixture = f;
                s_reuseBlock = 4;
                s_reuseArmed = 1;
                f.TargetTx.Listen(ReuseOnRelease);
                held[0].Release();
                Assert.AreEqual(0, s_reuseArmed, "the release rang the peer");
                ProtocolFixtures.Until(delegate { return f.Probe.MessageCount >= 2 || f.Target.Statistics.Rejected > 0; }, f.Probe.Signal, ProtocolFixtures.WaitMs);
                f.Rejects.AssertOnly(RejectReason.BlockInUse, 0);
                f.Probe.WaitMessages(2);
                ByteAssert.Equal(PayloadPattern.Create(20, 2), f.Probe.Message(1), 0, "the message in the reused block");
                f.Peer.ExpectControl(ControlMessage.ReleaseData, 0, 4, "its release");
                f.AssertHealthy();
            }
            finally
            {
                f.TargetTx.Stop();
                f.Close();
                s_fixture = null;
            }
        }

        [TestMethod]
        public void HoldOutsideTheCallbackThrows()
        {
            SimulatedPair pair = Bound();
            try
            {
                s_unheld = null;
                s_y.Hook = KeepWithoutHolding;
                byte[] payload = PayloadPattern.Create(12, 4);
                Assert.AreEqual((int)SendStatus.Sent, (int)s_x.Endpoint.TrySend(payload, 0, payload.Length, 0), "send");
                s_y.WaitMessages(1);
                ProtocolFixtures.Eventually(delegate { return s_unheld != null; }, "the hook to run");
                ProtocolFixtures.Eventually(delegate { return pair.SideA.Statistics.TxBlocksInUse == 0; }, "the automatic release");
                RxBuffer buffer = s_unheld;
                Assert.IsFalse(buffer.IsValid, "an unheld buffer ends with the callback");
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { buffer.Hold(); });
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { buffer.Release(); });
                ProtocolFixtures.AssertNoFaults(pair.SideA, pair.SideB);
            }
            finally
            {
                ProtocolFixtures.ReleaseAndDispose(pair, s_y);
                Forget();
            }
        }


        // The peer's doorbell handler, run on the thread that rings: on the first ring (the release),
        // read the release and reuse the block at once, then wait (bounded) until the target has judged it.
        private static void ReuseOnRelease()
        {
            if (Interlocked.Exchange(ref s_reuseArmed, 0) != 1)
            {
                return;
            }

            ProtocolPeerFixture f = s_fixture;
            f.Peer.ExpectControl(ControlMessage.ReleaseData, 0, s_reuseBlock, "the release");
            f.Peer.SendData(0, s_reuseBlock, PayloadPattern.Create(20, 2));
            ProtocolFixtures.Until(delegate { return f.Probe.MessageCount >= 2 || f.Target.Statistics.Rejected > 0; }, f.Probe.Signal, 2000);
        }

        private static void KeepWithoutHolding(ProtocolProbe probe, RxBuffer buffer)
        {
            s_unheld = buffer;
        }

        // Y has finished the pass that delivered what it holds (a release that pass would send is in X's
        // ring), then X has read its ring: a release not counted by then was not sent.
        private static void WaitReleasesRead(SimulatedPair pair)
        {
            ProtocolFixtures.WaitReceivePass(pair, pair.SideB, "Y after its deliveries");
            ProtocolFixtures.WaitReceivePass(pair, pair.SideA, "X after Y's pass");
        }

        // A docs pair with "ep0" bound on both sides (s_x on X, s_y on Y).
        private static SimulatedPair Bound()
        {
            SimulatedPair pair = new SimulatedPair(ProtocolFixtures.DocsSideX());
            s_x = new ProtocolProbe("ep0");
            s_y = new ProtocolProbe("ep0");
            ProtocolFixtures.BindPair(pair, s_x, s_y);
            return pair;
        }

        // The probes reach the whole pair: a static must not keep it alive after the test.
        private static void Forget()
        {
            s_unheld = null;
            s_x = null;
            s_y = null;
        }
    }
}
