using System;
using System.Threading;
using nanoFramework.TestFramework;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Faults
{
    /// <summary>
    /// The peer owns the read index of this side's tx ring. When it writes a value outside the ring or
    /// misaligned, every send fails as a link fault (not "not bound"), counted once per corrupt value
    /// and reported through Error; the blocks of the failed sends are freed; the receive thread, which
    /// cannot send its releases meanwhile, sleeps between retries instead of spinning; and everything
    /// works again once the peer writes a valid index.
    /// </summary>
    [TestClass]
    public class TxRingFaultTests
    {
        // How long the retrying receive thread is watched, and the read rate it must stay under (3000 reads in
        // half a second): retries every RetryIntervalMs read a few hundred, a thread without a pause far more.
        private const int RateWindowMs = 500;
        private const int MaxWordReadsPerMs = 6;

        [TestMethod]
        public void CorruptReadIndexIsALinkFaultCountedOncePerValueAndHeals()
        {
            ProtocolPeerFixture f = new ProtocolPeerFixture(ProtocolFixtures.DocsSideX());
            try
            {
                f.Start();
                Endpoint ep = f.Probe.Endpoint;
                IpcStatistics statistics = f.Target.Statistics;
                int rd = f.Peer.RxRing.ReadIndexOffset;
                uint saved = f.Memory.ReadWord(rd);
                uint[] corrupt = new uint[] { (uint)f.Peer.RxRing.DataLength, saved + 2, 0xFFFFFFFC };
                byte[] payload = PayloadPattern.Create(40, 1);
                for (int i = 0; i < corrupt.Length; i++)
                {
                    string what = "rd_idx 0x" + corrupt[i].ToString("X8");
                    f.Memory.WriteWord(rd, corrupt[i]);
                    Assert.AreEqual((int)SendStatus.LinkFault, (int)ep.TrySend(payload, 0, payload.Length, 0), what + ": copying send");
                    Assert.AreEqual((int)SendStatus.LinkFault, (int)ep.TrySend(payload, 0, payload.Length, 100), what + ": a second send");
                    TxLease lease = ep.GetTxBuffer(10, 0);
                    Assert.IsTrue(lease.IsActive, what + ": a lease (allocation is local)");
                    Assert.AreEqual((int)SendStatus.LinkFault, (int)ep.TrySendNoCopy(lease, 10), what + ": zero-copy send");
                    Assert.IsFalse(lease.IsActive, what + ": the failed lease is dropped");
                    Assert.ThrowsException(typeof(InvalidOperationException), delegate { ep.Send(payload, 0, payload.Length, 0); });
                    Assert.AreEqual(0, statistics.TxBlocksInUse, what + ": blocks of failed sends are free");
                    Assert.AreEqual(i + 1, statistics.RejectedFor(RejectReason.TxReadIndexInvalid), what + ": counted once for this value");
                    Assert.AreEqual(i + 1, f.Rejects.Count(RejectReason.TxReadIndexInvalid), what + ": reported through Error once");
                    Assert.IsTrue(f.Rejects.LastMessage.IndexOf(corrupt[i].ToString("X8")) >= 0, what + ": the report names the value: " + f.Rejects.LastMessage);
                }

                f.Memory.WriteWord(rd, saved);
                Assert.AreEqual((int)SendStatus.Sent, (int)ep.TrySend(payload, 0, payload.Length, 0), "a send once the peer repaired rd_idx");
                f.Peer.ExpectControl(ControlMessage.Data, 0, 0, "the message after the repair");
                Assert.AreEqual(corrupt.Length, statistics.Rejected, "nothing else was rejected");
                f.AssertHealthy();
            }
            finally
            {
                f.Close();
            }
        }

        [TestMethod]
        public void ReceiveThreadSleepsWhileItCannotReleaseAndReleasesAfterTheRepair()
        {
            ProtocolPeerFixture f = new ProtocolPeerFixture(ProtocolFixtures.DocsSideX());
            try
            {
                f.Start();
                int rd = f.Peer.RxRing.ReadIndexOffset;
                uint saved = f.Memory.ReadWord(rd);
                f.Memory.WriteWord(rd, 0xFFFFFFFC);
                byte[] payload = PayloadPattern.Create(20, 2);
                f.Peer.SendData(0, 3, payload);
                f.Probe.ExpectMessage(0, payload, "delivered although the release cannot go out");
                f.Rejects.WaitTotal(1);

                // The failure is reported before the block is marked held again, and every retry unmarks it while
                // it tries: the count is 1 between tries, which is what the test waits to see.
                ProtocolFixtures.Eventually(delegate { return f.Target.Statistics.RxBlocksHeld == 1; }, "the block stays held until its release is sent");

                // Once a run has begun after the failed release, the thread is retrying. One that retried without
                // a pause would read the ring indices hundreds of thousands of times in half a second; retrying
                // every few ms reads them a few hundred. The rate is taken over the time the window really
                // lasted, which a loaded machine stretches.
                int runs = f.Target.Statistics.ReceiveRuns;
                ProtocolFixtures.Eventually(delegate { return f.Target.Statistics.ReceiveRuns > runs; }, "the receive thread to retry the release");
                long start = ProtocolFixtures.Now();
                int before = f.Guard.WordReads;
                Thread.Sleep(RateWindowMs);
                int reads = f.Guard.WordReads - before;
                long elapsed = ProtocolFixtures.Now() - start;
                Assert.IsTrue(reads < MaxWordReadsPerMs * elapsed, reads.ToString() + " word reads in " + elapsed.ToString() + " ms while the tx ring was corrupt (at most " + MaxWordReadsPerMs.ToString() + " a ms)");

                f.Memory.WriteWord(rd, saved);
                f.Peer.ExpectControl(ControlMessage.ReleaseData, 0, 3, "the release once the peer repaired rd_idx");
                ProtocolFixtures.Eventually(delegate { return f.Target.Statistics.RxBlocksHeld == 0; }, "the block to be returned");
                f.Rejects.AssertOnly(RejectReason.TxReadIndexInvalid, 1);
                f.AssertHealthy();
            }
            finally
            {
                f.Close();
            }
        }
    }
}
