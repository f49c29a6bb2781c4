using nanoFramework.TestFramework;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Icbmsg
{
    /// <summary>
    /// The receive thread's releases (docs/protocol.md §5.7): every RELEASE_DATA of one drain is appended and
    /// published at the end of the run with one wr_idx store and at most one doorbell, in the order of the
    /// messages. The target is X of the docs pair (follower) against a scripted peer.
    /// </summary>
    [TestClass]
    public class IcbmsgReleaseBatchTests
    {
        [TestMethod]
        public void TheReleasesOfOneDrainArePublishedTogetherInOrder()
        {
            ProtocolPeerFixture f = new ProtocolPeerFixture(ProtocolFixtures.DocsSideX());
            try
            {
                f.Start();
                byte[] payload = PayloadPattern.Create(20, 3);
                byte[] control = new byte[ControlMessage.Length];
                int position = f.Peer.WritePosition;
                for (int block = 1; block <= 3; block++)
                {
                    // Three DATA packets published with one wr_idx store, so one drain reads them all.
                    f.Peer.PutBlock(block, (uint)payload.Length, payload);
                    ControlMessage.Encode(control, ControlMessage.Data, 0, block);
                    f.Peer.PutHeader(position, ControlMessage.Length);
                    f.Peer.PutData(f.Peer.Advance(position, 4), control, 0, ControlMessage.Length);
                    position = f.Peer.Advance(position, 8);
                }

                int raised = f.TargetTx.Raised;
                uint wrIdx = ProtocolFixtures.Word(f.Memory, f.Peer.RxRing.WriteIndexOffset);
                f.Guard.WatchWordWrites(f.Peer.RxRing.WriteIndexOffset);
                f.Peer.PublishWriteIndex((uint)position);
                f.Peer.MoveWriter(position);
                f.Peer.Ring();

                ProtocolFixtures.Eventually(delegate { return f.TargetTx.Raised > raised; }, "the target's doorbell for its releases");
                Assert.AreEqual(wrIdx + 24, ProtocolFixtures.Word(f.Memory, f.Peer.RxRing.WriteIndexOffset), "all three releases were published when the doorbell rang");
                Assert.AreEqual(1, f.Guard.WatchedWordWrites, "one wr_idx store for the three releases");
                for (int block = 1; block <= 3; block++)
                {
                    f.Peer.ExpectControl(ControlMessage.ReleaseData, 0, block, "release of message " + block.ToString());
                }

                Assert.AreEqual(raised + 1, f.TargetTx.Raised, "one doorbell for the drain");
                Assert.AreEqual(3, f.Probe.MessageCount, "three messages delivered");
                Assert.IsTrue(f.Target.Statistics.ReceiveTicks > 0, "the receive thread's busy time is counted");
                f.AssertHealthy();
            }
            finally
            {
                f.Close();
            }
        }
    }
}
