using nanoFramework.TestFramework;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Icmsg
{
    /// <summary>
    /// The ICMsg ring a peer writes is checked before use (docs/protocol.md §3.6 and its note, §5.6, §13.5–§13.6):
    /// a misaligned or out-of-range wr_idx, a packet length of 0 or beyond the ring, and a packet longer
    /// than the read buffer are each counted once under their <see cref="RejectReason"/> and reported;
    /// the receive thread works on and a valid message written after the bad input still arrives.
    /// Target: the ICBMsg follower X of the docs example (its rx ring: 512-byte area, data length 504,
    /// largest packet 496, read buffer 128), fed by a scripted peer.
    /// </summary>
    [TestClass]
    public class IcmsgRingValidationTests
    {
        [TestMethod]
        public void MisalignedWriteIndexIsRejected()
        {
            CheckMisalignedWriteIndexIsRejected(1);
            CheckMisalignedWriteIndexIsRejected(2);
            CheckMisalignedWriteIndexIsRejected(3);
            CheckMisalignedWriteIndexIsRejected(6);
        }

        private static void CheckMisalignedWriteIndexIsRejected(int offset)
        {
            ProtocolPeerFixture f = Started();
            try
            {
                int position = f.Peer.WritePosition;
                f.Peer.PublishWriteIndex((uint)(position + offset));
                f.Peer.Ring();
                f.Rejects.WaitTotal(1);
                f.Peer.PublishWriteIndex((uint)position);
                f.ExpectRejectedThenWorking(RejectReason.RingIndexInvalid, 2, "wr_idx " + (position + offset).ToString());
            }
            finally
            {
                f.Close();
            }
        }

        [TestMethod]
        public void OutOfRangeWriteIndexIsRejected()
        {
            CheckOutOfRangeWriteIndexIsRejected(504);
            CheckOutOfRangeWriteIndexIsRejected(508);
            CheckOutOfRangeWriteIndexIsRejected(4096);
            CheckOutOfRangeWriteIndexIsRejected(-4);
        }

        private static void CheckOutOfRangeWriteIndexIsRejected(int writeIndex)
        {
            ProtocolPeerFixture f = Started();
            try
            {
                int position = f.Peer.WritePosition;
                f.Peer.PublishWriteIndex((uint)writeIndex);
                f.Peer.Ring();
                f.Rejects.WaitTotal(1);
                f.Peer.PublishWriteIndex((uint)position);
                f.ExpectRejectedThenWorking(RejectReason.RingIndexInvalid, 2, "wr_idx " + ((uint)writeIndex).ToString());
            }
            finally
            {
                f.Close();
            }
        }

        [TestMethod]
        public void PacketLengthOfZeroOrBeyondTheRingIsRejected()
        {
            CheckPacketLengthOfZeroOrBeyondTheRingIsRejected(0);
            CheckPacketLengthOfZeroOrBeyondTheRingIsRejected(497);
            CheckPacketLengthOfZeroOrBeyondTheRingIsRejected(4096);
            CheckPacketLengthOfZeroOrBeyondTheRingIsRejected(0xFFFF);
        }

        private static void CheckPacketLengthOfZeroOrBeyondTheRingIsRejected(int length)
        {
            // The header occupies 4 bytes; the peer writes its next packet right after it.
            ProtocolPeerFixture f = Started();
            try
            {
                int position = f.Peer.WritePosition;
                f.Peer.PutHeader(position, length);
                int next = f.Peer.Advance(position, 4);
                f.Peer.MoveWriter(next);
                f.Peer.PublishWriteIndex((uint)next);
                f.Peer.Ring();
                f.ExpectRejectedThenWorking(RejectReason.PacketLengthInvalid, 2, "a packet header claiming " + length.ToString() + " bytes");
            }
            finally
            {
                f.Close();
            }
        }

        [TestMethod]
        public void PacketLongerThanTheReadBufferIsDiscarded()
        {
            CheckPacketLongerThanTheReadBufferIsDiscarded(129);
            CheckPacketLongerThanTheReadBufferIsDiscarded(200);
            CheckPacketLongerThanTheReadBufferIsDiscarded(496);
        }

        private static void CheckPacketLongerThanTheReadBufferIsDiscarded(int length)
        {
            ProtocolPeerFixture f = Started();
            try
            {
                byte[] junk = PayloadPattern.Create(length, 9);
                f.Peer.WritePacket(junk, 0, length);
                f.Peer.Ring();
                f.ExpectRejectedThenWorking(RejectReason.PacketTooLong, 2, "a packet of " + length.ToString() + " bytes");
            }
            finally
            {
                f.Close();
            }
        }

        [TestMethod]
        public void AWrappedControlMessageIsRead()
        {
            // docs/protocol.md §13.7: a 3-byte control packet whose header sits in the last 4 bytes of the ring and
            // whose payload continues at data[0]. The peer fills the ring up to that point with valid
            // messages (each released), then sends the wrapping one.
            ProtocolPeerFixture f = Started();
            try
            {
                int dataLength = f.Peer.TxRing.DataLength;
                int index = 0;
                while (f.Peer.WritePosition != dataLength - 4)
                {
                    f.ExpectDelivered(index, index % 8, PayloadPattern.Create(10, index), "filler " + index.ToString());
                    index++;
                    Assert.IsTrue(index < 200, "the ring position never reached its last word");
                }

                f.ExpectDelivered(index, 3, PayloadPattern.Create(10, 999), "the wrapped DATA");
                Assert.AreEqual(4, f.Peer.WritePosition, "the wrapped packet ends at data[4]");
                Assert.AreEqual(0, f.Target.Statistics.Rejected, "nothing rejected");
                f.AssertHealthy();
            }
            finally
            {
                f.Close();
            }
        }

        private static ProtocolPeerFixture Started()
        {
            ProtocolPeerFixture f = new ProtocolPeerFixture(ProtocolFixtures.DocsSideX());
            try
            {
                f.Start();
            }
            catch (System.Exception)
            {
                f.Close();
                throw;
            }

            return f;
        }
    }
}
