using nanoFramework.TestFramework;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Pbuf
{
    /// <summary>TxInit and RxInit (docs/protocol.md §3.5): what each side resets, and what it must leave alone.</summary>
    [TestClass]
    public class PacketBufferResetTests
    {
        [TestMethod]
        public void TxInitZeroesBothIndicesAndNothingElse()
        {
            RingFixture ring = new RingFixture(0x20070000, 64, 0, false, false);
            ring.Poke(ring.Layout.ReadIndexOffset, 0x10);
            ring.Poke(ring.Layout.WriteIndexOffset, 0x20);

            ring.Writer.TxInit();
            Assert.AreEqual(0u, ring.ReadIndex, "rd_idx");
            Assert.AreEqual(0u, ring.WriteIndex, "wr_idx");
            Assert.IsFalse(ring.WriterMemory.Wrote(ring.Layout.DataOffset, ring.Layout.DataLength), "the data area is not cleared");
            ByteAssert.All(RingFixture.Canary, ring.Bytes, ring.Layout.DataOffset, ring.Layout.DataLength, "data area");
            ring.AssertClean();
        }

        [TestMethod]
        public void RxInitTouchesNoSharedMemory()
        {
            RingFixture ring = new RingFixture(0x20070000, 64, 0, false, false);
            ring.Reader.RxInit();
            Assert.AreEqual(0, ring.ReaderMemory.ReadCount, "reads");
            Assert.AreEqual(0, ring.ReaderMemory.WriteCount, "writes");
            Assert.AreEqual(0, ring.ReaderMemory.CacheOperationCount, "cache operations");
            ring.AssertClean();
        }

        [TestMethod]
        public void BothSidesStartOverAfterAReset()
        {
            // A peer restart: the writer re-inits (both indices to 0), the reader forgets its position.
            RingFixture ring = new RingFixture(0x20070000, 64, 0, false);
            ring.Send(PayloadPattern.Create(9, 1));
            ring.Send(PayloadPattern.Create(5, 2));
            ring.Expect(PayloadPattern.Create(9, 1));

            ring.Writer.TxInit();
            ring.Reader.RxInit();
            Assert.AreEqual(0, ring.Reader.PeekLength(), "the unread packet is gone");
            ring.Send(PayloadPattern.Create(6, 3));
            Assert.AreEqual(12u, ring.WriteIndex, "written from index 0 again");
            ring.Expect(PayloadPattern.Create(6, 3));
            Assert.AreEqual(12u, ring.ReadIndex);
            ring.AssertClean();
        }

        [TestMethod]
        public void ReaderWritesOnlyItsReadIndex()
        {
            RingFixture ring = new RingFixture(0x20070000, 64, 0, false);
            ring.Send(PayloadPattern.Create(20, 4));
            ring.Expect(PayloadPattern.Create(20, 4));
            Assert.IsTrue(ring.ReaderMemory.Wrote(ring.Layout.ReadIndexOffset, 4), "rd_idx published");
            Assert.IsFalse(ring.ReaderMemory.Wrote(ring.Layout.WriteIndexOffset, 4 + ring.Layout.DataLength), "nothing of the writer's");
            Assert.IsFalse(ring.WriterMemory.Wrote(ring.Layout.ReadIndexOffset, 4), "the writer leaves rd_idx alone after TxInit");
            ring.AssertClean();
        }
    }
}
