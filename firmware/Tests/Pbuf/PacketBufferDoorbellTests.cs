using nanoFramework.TestFramework;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Pbuf
{
    /// <summary>
    /// The writer's doorbell rule: ring only when the reader had consumed everything before the new
    /// packet; otherwise the reader still has an rd_idx store ahead of it, after which it re-reads
    /// wr_idx and finds the packet without a ring.
    /// </summary>
    [TestClass]
    public class PacketBufferDoorbellTests
    {
        [TestMethod]
        public void OnlyAPacketIntoAnEmptyRingNeedsADoorbell()
        {
            RingFixture ring = new RingFixture(0x20070000, 256, 0, false);
            byte[] packet = new byte[] { 1, 2, 3, 4, 5 };
            byte[] buffer = new byte[16];

            int before = ring.Writer.WriteIndex;
            Assert.AreEqual(5, ring.Writer.Write(packet, 0, 5));
            Assert.IsTrue(ring.Writer.ReaderHasConsumed(before), "first packet into an empty ring: ring");

            before = ring.Writer.WriteIndex;
            Assert.AreEqual(5, ring.Writer.Write(packet, 0, 5));
            Assert.IsFalse(ring.Writer.ReaderHasConsumed(before), "the reader has not reached the first packet: no ring");

            Assert.AreEqual(5, ring.Reader.Read(buffer, 0, buffer.Length));
            before = ring.Writer.WriteIndex;
            Assert.AreEqual(5, ring.Writer.Write(packet, 0, 5));
            Assert.IsFalse(ring.Writer.ReaderHasConsumed(before), "the reader is between packets: no ring");

            Assert.AreEqual(5, ring.Reader.Read(buffer, 0, buffer.Length));
            Assert.AreEqual(5, ring.Reader.Read(buffer, 0, buffer.Length));
            Assert.AreEqual(0, ring.Reader.PeekLength(), "every packet arrived without the skipped rings");
            before = ring.Writer.WriteIndex;
            Assert.AreEqual(5, ring.Writer.Write(packet, 0, 5));
            Assert.IsTrue(ring.Writer.ReaderHasConsumed(before), "the reader caught up: ring again");
            ring.AssertClean();
        }
    }
}
