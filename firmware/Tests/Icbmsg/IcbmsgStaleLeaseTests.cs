using System;
using nanoFramework.TestFramework;
using NfIcbmsg.Platform.InMemory;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Icbmsg
{
    /// <summary>
    /// A lease kept after its buffer was sent or dropped is stale: it can neither write into, nor send,
    /// nor drop a later buffer that starts at the same block, and says so with an
    /// <see cref="InvalidOperationException"/>. X (16 blocks of 100 bytes, first-fit) sends, Y receives.
    /// </summary>
    [TestClass]
    public class IcbmsgStaleLeaseTests
    {
        private static ProtocolProbe s_x;
        private static ProtocolProbe s_y;

        [TestMethod]
        public void ALeaseKeptAfterSendingCannotTouchTheNextBufferAtItsBlock()
        {
            SimulatedPair pair = Bound();
            try
            {
                Endpoint x = s_x.Endpoint;
                byte[] first = PayloadPattern.Create(10, 1);
                TxLease stale = x.GetTxBuffer(10, 0);
                stale.Write(0, first, 0, first.Length);
                x.SendNoCopy(stale, first.Length);
                s_y.ExpectMessage(0, first, "the first buffer");
                ProtocolFixtures.Eventually(delegate { return pair.SideA.Statistics.TxBlocksInUse == 0; }, "the first buffer's release");

                TxLease fresh = x.GetTxBuffer(10, 0);
                Assert.IsTrue(fresh.IsActive, "a later buffer");
                AssertSameFirstBlock(pair, fresh, "the later buffer starts at the sent one's block");
                byte[] second = PayloadPattern.Create(10, 2);
                fresh.Write(0, second, 0, second.Length);

                AssertStale(x, stale, "after the send");
                Assert.IsTrue(fresh.IsActive, "the stale lease's drop left the later buffer leased");
                Assert.AreEqual(1, pair.SideA.Statistics.TxBlocksInUse, "the later buffer's block stays taken");
                Assert.AreEqual(1, s_y.MessageCount, "the stale lease sent nothing");

                x.SendNoCopy(fresh, second.Length);
                s_y.ExpectMessage(1, second, "the later buffer, untouched by the stale lease");
                ProtocolFixtures.AssertNoFaults(pair.SideA, pair.SideB);
            }
            finally
            {
                ProtocolFixtures.ReleaseAndDispose(pair, s_y);
                Forget();
            }
        }

        [TestMethod]
        public void ALeaseKeptAfterDroppingCannotTouchTheNextBufferAtItsBlock()
        {
            SimulatedPair pair = Bound();
            try
            {
                Endpoint x = s_x.Endpoint;
                TxLease stale = x.GetTxBuffer(150, 0);
                x.Drop(stale);
                TxLease fresh = x.GetTxBuffer(150, 0);
                Assert.IsTrue(fresh.IsActive, "a later buffer");
                AssertSameFirstBlock(pair, fresh, "the later buffer starts at the dropped one's block");
                byte[] payload = PayloadPattern.Create(150, 3);
                fresh.Write(0, payload, 0, payload.Length);

                AssertStale(x, stale, "after the drop");
                Assert.IsTrue(fresh.IsActive, "the later buffer is still leased");
                Assert.AreEqual(196, fresh.Capacity, "the later buffer keeps its two blocks");
                Assert.AreEqual(2, pair.SideA.Statistics.TxBlocksInUse, "its blocks stay taken");

                x.SendNoCopy(fresh, payload.Length);
                s_y.ExpectMessage(0, payload, "the later buffer, untouched by the stale lease");
                Assert.AreEqual(1, s_y.MessageCount, "only the later buffer was sent");
                ProtocolFixtures.AssertNoFaults(pair.SideA, pair.SideB);
            }
            finally
            {
                ProtocolFixtures.ReleaseAndDispose(pair, s_y);
                Forget();
            }
        }

        [TestMethod]
        public void ALeaseHandlesNoBufferAfterItIsDoneOrWhenNoneCame()
        {
            SimulatedPair pair = Bound();
            try
            {
                Endpoint x = s_x.Endpoint;
                TxLease none = default(TxLease);
                Assert.IsFalse(none.IsActive, "default(TxLease) holds no buffer");
                Assert.AreEqual(0, none.Capacity, "and has no capacity");
                byte[] one = new byte[1];
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { none.Write(0, one, 0, 1); });

                TxLease lease = x.GetTxBuffer(10, 0);
                TxLease copy = lease;
                x.Drop(copy);
                Assert.IsFalse(lease.IsActive, "a copy of the handle was dropped: every copy is done");
                Assert.AreEqual(0, lease.Capacity, "a done lease has no capacity");
                Assert.AreEqual(0, pair.SideA.Statistics.TxBlocksInUse, "given back once");
                ProtocolFixtures.AssertNoFaults(pair.SideA, pair.SideB);
            }
            finally
            {
                ProtocolFixtures.ReleaseAndDispose(pair, s_y);
                Forget();
            }
        }

        // Every use of a stale lease throws InvalidOperationException and changes nothing.
        private static void AssertStale(Endpoint x, TxLease stale, string what)
        {
            Assert.IsFalse(stale.IsActive, what + ": the kept lease is not active");
            byte[] junk = PayloadPattern.Create(10, 99);
            Assert.ThrowsException(typeof(InvalidOperationException), delegate { stale.Write(0, junk, 0, junk.Length); });
            Assert.ThrowsException(typeof(InvalidOperationException), delegate { stale.WriteByte(0, 0xEE); });
            Assert.ThrowsException(typeof(InvalidOperationException), delegate { x.SendNoCopy(stale, 1); });
            Assert.ThrowsException(typeof(InvalidOperationException), delegate { x.TrySendNoCopy(stale, 1); });
            Assert.ThrowsException(typeof(InvalidOperationException), delegate { x.Drop(stale); });
        }

        // X's block 0 holds a lease's capacity in its header until the send (first-fit: the freed
        // block is the one allocated next).
        private static void AssertSameFirstBlock(SimulatedPair pair, TxLease lease, string what)
        {
            int header = ProtocolFixtures.At(0x200701C0);
            Assert.AreEqual((uint)lease.Capacity, ProtocolFixtures.Word(pair.Memory, header), what);
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
            s_x = null;
            s_y = null;
        }
    }
}
