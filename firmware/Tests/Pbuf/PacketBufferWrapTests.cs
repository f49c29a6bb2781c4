using nanoFramework.TestFramework;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Pbuf
{
    /// <summary>
    /// The ring's edges (docs/protocol.md §3.3, §3.4, §13.7): byte-wise wrap of the payload, a header in the very
    /// last word, and the 4 bytes that always stay free so that a full ring never looks empty.
    /// </summary>
    [TestClass]
    public class PacketBufferWrapTests
    {
        [TestMethod]
        public void PayloadSplitsAtTheEndOfTheData()
        {
            // 56 data bytes; packet of 10 at index 44: header 44..47, payload 48..55 then data[0..1].
            RingFixture ring = new RingFixture(0x20070000, 64, 0, false);
            ring.MoveTo(44);
            ring.RefillData();
            byte[] payload = PayloadPattern.Create(10, 5);
            ring.Send(payload);

            ByteAssert.Equal(new byte[] { 0x00, 0x0A, 0x00, 0x00 }, ring.Bytes, ring.Layout.DataOffset + 44, "header before the end");
            ByteAssert.Equal(new byte[] { payload[0], payload[1], payload[2], payload[3], payload[4], payload[5], payload[6], payload[7] }, ring.Bytes, ring.Layout.DataOffset + 48, "first piece");
            ByteAssert.Equal(new byte[] { payload[8], payload[9] }, ring.Bytes, ring.Layout.DataOffset, "second piece at data[0]");
            ByteAssert.All(RingFixture.Canary, ring.Bytes, ring.Layout.DataOffset + 2, 42, "padding and the free space after it");
            Assert.AreEqual(4u, ring.WriteIndex, "ROUND_UP(2, 4)");

            ring.Expect(payload);
            Assert.AreEqual(4u, ring.ReadIndex);
            ring.AssertClean();
        }

        [TestMethod]
        public void HeaderInTheLastWordPutsThePayloadAtDataZero()
        {
            // §13.7, docs geometry R1 (440 data bytes): after the magic (20 bytes) and 52 control packets
            // (8 each) the 53rd has its header at data[436] = R1+0x1BC and its payload at data[0] = R1+0x008.
            RegionLayout r1 = RegionLayout.Compute(0x20070000, 0x800, 16, 32, 0);
            RingFixture ring = new RingFixture(r1.Begin, r1.IcmsgAreaSize, r1.Alignment, false);
            Assert.AreEqual(440, ring.Layout.DataLength);
            byte[] magic = PayloadPattern.Create(13, 0);
            ring.Send(magic);
            ring.Expect(magic);
            for (int i = 1; i <= 52; i++)
            {
                byte[] control = new byte[] { 0x00, 0x00, (byte)(i & 0x0F) };
                ring.Send(control);
                ring.Expect(control);
            }

            Assert.AreEqual(436u, ring.WriteIndex, "before the 53rd packet");
            ring.Send(new byte[] { 0x00, 0x00, 0x03 });
            ByteAssert.Equal(new byte[] { 0x00, 0x03, 0x00, 0x00 }, ring.Bytes, ring.At(0x1BC), "header in the last word");
            ByteAssert.Equal(new byte[] { 0x00, 0x00, 0x03 }, ring.Bytes, ring.At(0x008), "MSG_DATA(0, block 3) at data[0]");
            ByteAssert.Equal(new byte[] { 0x04, 0x00, 0x00, 0x00 }, ring.Bytes, ring.At(0x004), "wr_idx = 4");
            ring.Expect(new byte[] { 0x00, 0x00, 0x03 });
            Assert.AreEqual(4u, ring.ReadIndex);
            ring.AssertClean();
        }

        [TestMethod]
        public void LargestPacketFitsOnlyIntoAnEmptyRing()
        {
            // 32 data bytes: an empty ring takes 24 (24 + 4 header + 4 reserve = 32), not 25.
            RingFixture ring = new RingFixture(0x20070000, 40, 0, false);
            Assert.AreEqual(24, ring.Layout.MaxPacketLength);
            Assert.AreEqual(-Errno.ENOMEM, ring.Writer.Write(new byte[25], 0, 25));
            ring.Send(PayloadPattern.Create(24, 1));
            Assert.AreEqual(28u, ring.WriteIndex);
            ring.WriterMemory.ClearLog();
            Assert.AreEqual(-Errno.ENOMEM, ring.Writer.Write(new byte[1], 0, 1), "the last 4 bytes stay free");
            Assert.AreEqual(0, ring.WriterMemory.WriteCount, "a refused write touches nothing");
            ring.Expect(PayloadPattern.Create(24, 1));
            ring.AssertClean();
        }

        [TestMethod]
        public void WriterStopsFourBytesBeforeTheReader()
        {
            // Reader at 28: a 24-byte packet wraps (header 28..31, payload 0..23) and ends at 24, exactly
            // 4 bytes before rd_idx; ending at 28 would make the full ring look empty.
            RingFixture ring = new RingFixture(0x20070000, 40, 0, false);
            ring.MoveTo(28);
            ring.Send(PayloadPattern.Create(24, 2));
            Assert.AreEqual(24u, ring.WriteIndex);
            Assert.AreEqual(28u, ring.ReadIndex);
            Assert.AreEqual(-Errno.ENOMEM, ring.Writer.Write(new byte[1], 0, 1), "nothing fits into the reserve");
            Assert.AreEqual(24, ring.Reader.PeekLength(), "and the ring is not mistaken for empty");
            ring.Expect(PayloadPattern.Create(24, 2));
            Assert.AreEqual(0, ring.Reader.PeekLength());
            ring.AssertClean();
        }

        [TestMethod]
        public void SeveralPacketsFillTheRingUpToTheReserve()
        {
            // 32 data bytes from index 12: 8 (12) + 12 (16) = 28 bytes occupied, 4 left = full.
            RingFixture ring = new RingFixture(0x20070000, 40, 0, false);
            ring.MoveTo(12);
            ring.Send(PayloadPattern.Create(8, 1));
            ring.Send(PayloadPattern.Create(12, 2));
            Assert.AreEqual(8u, ring.WriteIndex, "12 + 12 + 16 - 32");
            Assert.AreEqual(-Errno.ENOMEM, ring.Writer.Write(new byte[1], 0, 1));
            ring.Expect(PayloadPattern.Create(8, 1));

            // Reading the first packet frees its 12 bytes: an 8-byte packet fits again, a 9-byte one does not.
            Assert.AreEqual(-Errno.ENOMEM, ring.Writer.Write(new byte[9], 0, 9));
            ring.Send(PayloadPattern.Create(8, 3));
            ring.Expect(PayloadPattern.Create(12, 2));
            ring.Expect(PayloadPattern.Create(8, 3));
            ring.AssertClean();
        }

        [TestMethod]
        public void DiscardSkipsAWrappedPacket()
        {
            RingFixture ring = new RingFixture(0x20070000, 64, 0, false);
            ring.MoveTo(48);
            ring.Send(PayloadPattern.Create(30, 1));
            ring.Send(PayloadPattern.Create(3, 2));
            Assert.AreEqual(30, ring.Reader.Discard());
            Assert.AreEqual(28u, ring.ReadIndex, "48 + 4 + 32 - 56");
            ring.Expect(PayloadPattern.Create(3, 2));
            Assert.AreEqual(0, ring.Reader.Discard(), "empty");
            ring.AssertClean();
        }
    }
}
