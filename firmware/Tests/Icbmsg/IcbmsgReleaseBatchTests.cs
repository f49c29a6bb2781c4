using nanoFramework.TestFramework;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Icbmsg
{
    /// <summary>
    /// The receive thread's releases (docs/protocol.md §5.7): the RELEASE_DATA messages of one drain are appended
    /// and published up to eight at a time (and at the end of the run), in the order of the messages. The target
    /// is X of the docs pair (follower: 32 rx blocks) against a scripted peer that reads only at the end.
    /// </summary>
    [TestClass]
    public class IcbmsgReleaseBatchTests
    {
        [TestMethod]
        public void TheReleasesOfOneDrainArePublishedInBatchesInOrder()
        {
            // The cases run from one method (docs/nanoframework.md §2.5: no data rows in the shared tests).
            CheckReleasesOfOneDrain(3, 1);
            CheckReleasesOfOneDrain(10, 2);
        }

        private static void CheckReleasesOfOneDrain(int messages, int stores)
        {
            // Up to eight releases share a wr_idx store, and each publication rings at most once.
            ProtocolPeerFixture f = new ProtocolPeerFixture(ProtocolFixtures.DocsSideX());
            try
            {
                f.Start();
                byte[] payload = PayloadPattern.Create(20, 3);
                byte[] control = new byte[ControlMessage.Length];
                int position = f.Peer.WritePosition;
                for (int block = 1; block <= messages; block++)
                {
                    // DATA packets published with one wr_idx store, so one drain reads them all.
                    f.Peer.PutBlock(block, (uint)payload.Length, payload);
                    ControlMessage.Encode(control, ControlMessage.Data, 0, block);
                    f.Peer.PutHeader(position, ControlMessage.Length);
                    f.Peer.PutData(f.Peer.Advance(position, 4), control, 0, ControlMessage.Length);
                    position = f.Peer.Advance(position, 8);
                }

                int raised = f.TargetTx.Raised;
                int wrIdxOffset = f.Peer.RxRing.WriteIndexOffset;
                uint expected = (uint)f.Peer.Advance((int)ProtocolFixtures.Word(f.Memory, wrIdxOffset), 8 * messages);
                f.Guard.WatchWordWrites(wrIdxOffset);
                f.Peer.PublishWriteIndex((uint)position);
                f.Peer.MoveWriter(position);
                f.Peer.Ring();

                ProtocolFixtures.Eventually(delegate { return ProtocolFixtures.Word(f.Memory, wrIdxOffset) == expected; }, "the target's releases of all " + messages.ToString() + " messages");
                ProtocolFixtures.Eventually(delegate { return f.Probe.MessageCount == messages; }, "every message delivered");
                Assert.AreEqual(stores, f.Guard.WatchedWordWrites, "wr_idx stores for " + messages.ToString() + " releases");
                for (int block = 1; block <= messages; block++)
                {
                    f.Peer.ExpectControl(ControlMessage.ReleaseData, 0, block, "release of message " + block.ToString());
                }

                // The first batch finds the peer idle and rings; a later one rings only if the peer has read every
                // earlier release by the time the target looks at rd_idx, which this test's reading may race.
                int doorbells = f.TargetTx.Raised - raised;
                Assert.IsTrue(doorbells >= 1 && doorbells <= stores, doorbells.ToString() + " doorbells for " + stores.ToString() + " publications");
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
