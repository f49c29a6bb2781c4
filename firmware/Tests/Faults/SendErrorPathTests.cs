using System;
using nanoFramework.TestFramework;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Pbuf;
using NfIcbmsg.Platform.InMemory;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Faults
{
    /// <summary>
    /// No error path of the copying or zero-copy send API keeps a block: every call is made to fail in
    /// every way (bad arguments, stale leases) in every state the link can be in (healthy, out of
    /// blocks, ring full, ring corrupt, endpoint deregistered), and after each call the blocks in use
    /// are what they were; once the state is undone, a lease of size 0 gets all 16 blocks again.
    /// </summary>
    [TestClass]
    public class SendErrorPathTests
    {
        [TestMethod]
        public void NoFailingCallKeepsABlockInAnyState()
        {
            SimulatedPair pair = new SimulatedPair(ProtocolFixtures.DocsSideX());
            ProtocolProbe x = new ProtocolProbe("ep0");
            ProtocolProbe y = new ProtocolProbe("ep0");
            try
            {
                ProtocolFixtures.BindPair(pair, x, y);
                IcbmsgInstance a = (IcbmsgInstance)pair.SideA;
                Endpoint ep = x.Endpoint;
                PacketBufferLayout ring = PacketBufferLayout.Create(a.TxLayout.Begin, (int)(a.TxLayout.Begin - pair.Memory.BaseAddress), a.TxLayout.IcmsgAreaSize, 0, false);

                BreakEveryCall(pair, ep, SendStatus.Sent, "healthy");
                AssertAllFree(pair, ep, "after the healthy state");

                y.HoldAll = true;
                byte[] small = PayloadPattern.Create(8, 1);
                for (int i = 0; i < 16; i++)
                {
                    Assert.AreEqual((int)SendStatus.Sent, (int)ep.TrySend(small, 0, small.Length, 0), "filling block " + i.ToString());
                }

                y.WaitHeld(16);
                BreakEveryCall(pair, ep, SendStatus.NoBuffers, "out of blocks");
                y.HoldAll = false;
                y.ReleaseAll();
                AssertAllFree(pair, ep, "after the out-of-blocks state");

                uint saved = pair.Memory.ReadWord(ring.ReadIndexOffset);
                uint write = pair.Memory.ReadWord(ring.WriteIndexOffset);
                pair.Memory.WriteWord(ring.ReadIndexOffset, (uint)((write + 4) % (uint)ring.DataLength));
                BreakEveryCall(pair, ep, SendStatus.RingFull, "ring full");
                pair.Memory.WriteWord(ring.ReadIndexOffset, saved);
                AssertAllFree(pair, ep, "after the ring-full state");

                pair.Memory.WriteWord(ring.ReadIndexOffset, 0xFFFFFFFC);
                BreakEveryCall(pair, ep, SendStatus.LinkFault, "ring corrupt");
                pair.Memory.WriteWord(ring.ReadIndexOffset, saved);
                AssertAllFree(pair, ep, "after the ring-corrupt state");

                TxLease early = ep.GetTxBuffer(50, 0);
                ep.Deregister();
                Assert.AreEqual((int)SendStatus.NotBound, (int)ep.TrySendNoCopy(early, 50), "a lease taken before the deregistration");
                BreakEveryCall(pair, ep, SendStatus.NotBound, "deregistered");
                Assert.AreEqual(0, pair.SideA.Statistics.TxBlocksInUse, "blocks in use after the deregistered state");
                ProtocolFixtures.AssertNoFaults(pair.SideA, pair.SideB);
            }
            finally
            {
                y.HoldAll = false;
                ProtocolFixtures.ReleaseAndDispose(pair, y);
            }
        }

        // Makes each call of the send API fail (or, where the state lets it, succeed) and checks after
        // each one that no block stayed taken. `expected` is what a valid send returns in this state.
        private static void BreakEveryCall(SimulatedPair pair, Endpoint ep, SendStatus expected, string state)
        {
            IpcStatistics statistics = pair.SideA.Statistics;
            int inUse = statistics.TxBlocksInUse;
            byte[] data = PayloadPattern.Create(30, 9);
            int max = ep.TxBufferSize;

            Assert.ThrowsException(typeof(ArgumentNullException), delegate { ep.TrySend(null, 0, 1, 0); });
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), delegate { ep.TrySend(data, 0, -1, 0); });
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), delegate { ep.TrySend(new byte[max + 1], 0, max + 1, 0); });
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), delegate { ep.TrySend(data, -1, 10, 0); });
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), delegate { ep.TrySend(data, 25, 10, 0); });
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), delegate { ep.TrySend(data, 0, 10, -2); });
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), delegate { ep.GetTxBuffer(-1, 0); });
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), delegate { ep.GetTxBuffer(max + 1, 0); });
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), delegate { ep.GetTxBuffer(10, -2); });
            Assert.ThrowsException(typeof(ArgumentNullException), delegate { ep.TrySendNoCopy(default(TxLease), 1); });
            Assert.ThrowsException(typeof(ArgumentNullException), delegate { ep.Drop(default(TxLease)); });
            Assert.AreEqual(inUse, statistics.TxBlocksInUse, state + ": after bad arguments");

            Assert.AreEqual((int)expected, (int)ep.TrySend(data, 0, data.Length, 0), state + ": copying send");
            Assert.AreEqual((int)expected, (int)ep.TrySend(data, 0, 0, 0), state + ": 0-byte copying send");
            Settle(pair, inUse, state + ": after the copying sends");

            int[] sizes = new int[] { 0, 10, 200 };
            for (int i = 0; i < sizes.Length; i++)
            {
                string what = state + ": lease of " + sizes[i].ToString();
                TxLease lease = ep.GetTxBuffer(sizes[i], 0);
                if (!lease.IsActive)
                {
                    Assert.IsTrue(expected == SendStatus.NoBuffers || expected == SendStatus.NotBound, what + ": refused");
                    Assert.AreEqual(inUse, statistics.TxBlocksInUse, what + ": refused, nothing taken");
                    continue;
                }

                int capacity = lease.Capacity;
                Assert.ThrowsException(typeof(ArgumentOutOfRangeException), delegate { ep.TrySendNoCopy(lease, capacity + 1); });
                Assert.IsFalse(lease.IsActive, what + ": a too-long send drops the lease");
                Assert.AreEqual(inUse, statistics.TxBlocksInUse, what + ": after the too-long send");
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { ep.TrySendNoCopy(lease, 1); });
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { ep.Drop(lease); });

                lease = ep.GetTxBuffer(sizes[i], 0);
                capacity = lease.Capacity;
                Assert.ThrowsException(typeof(ArgumentOutOfRangeException), delegate { ep.TrySendNoCopy(lease, -1); });
                Assert.IsFalse(lease.IsActive, what + ": a negative length drops the lease");

                lease = ep.GetTxBuffer(sizes[i], 0);
                Assert.AreEqual((int)expected, (int)ep.TrySendNoCopy(lease, sizes[i] < capacity ? sizes[i] : capacity), what + ": send");
                Assert.IsFalse(lease.IsActive, what + ": sent or dropped");
                Settle(pair, inUse, what + ": after the send");

                lease = ep.GetTxBuffer(sizes[i], 0);
                ep.Drop(lease);
                Assert.AreEqual(inUse, statistics.TxBlocksInUse, what + ": after a drop");
            }
        }

        // A successful send holds its blocks until the peer releases them; wait for that.
        private static void Settle(SimulatedPair pair, int inUse, string what)
        {
            ProtocolFixtures.Until(delegate { return pair.SideA.Statistics.TxBlocksInUse == inUse; }, null, ProtocolFixtures.WaitMs);
            Assert.AreEqual(inUse, pair.SideA.Statistics.TxBlocksInUse, what + ": blocks in use");
        }

        private static void AssertAllFree(SimulatedPair pair, Endpoint ep, string what)
        {
            Settle(pair, 0, what);
            TxLease all = ep.GetTxBuffer(0, 0);
            Assert.IsTrue(all.IsActive, what + ": a lease of size 0");
            Assert.AreEqual(((IcbmsgInstance)pair.SideA).TxLayout.MaxMessageSize, all.Capacity, what + ": it spans all 16 blocks");
            ep.Drop(all);
        }
    }
}
