using nanoFramework.TestFramework;
using NfIcbmsg.Pbuf;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Pbuf
{
    /// <summary>
    /// Batched ring access (docs/protocol.md §3.5, §3.6): a writer appends packets and publishes them with one
    /// wr_idx store; a reader copies a chunk of whole packets in one access and, when it releases on copy,
    /// stores rd_idx once for all of them. The bytes in the ring are the ones single writes and reads produce.
    /// Ring of 256 bytes, no cache alignment: data area of 248 bytes, a 3-byte packet takes 8.
    /// </summary>
    [TestClass]
    public class PacketBufferBatchTests
    {
        private static readonly byte[] s_a = new byte[] { 0xA1, 0xA2, 0xA3 };
        private static readonly byte[] s_b = new byte[] { 0xB1, 0xB2, 0xB3 };
        private static readonly byte[] s_c = new byte[] { 0xC1, 0xC2, 0xC3 };

        [TestMethod]
        public void AppendedPacketsStayInvisibleUntilOnePublication()
        {
            RingFixture ring = new RingFixture(0x20070000, 256, 0, false);
            Assert.AreEqual(3, ring.Writer.Append(s_a, 0, 3));
            Assert.AreEqual(3, ring.Writer.Append(s_b, 0, 3));
            Assert.AreEqual(3, ring.Writer.Append(s_c, 0, 3));
            Assert.IsTrue(ring.Writer.HasUnpublished, "three packets appended");
            Assert.AreEqual(0u, ring.WriteIndex, "wr_idx is not stored by an append");
            Assert.AreEqual(0, ring.Reader.PeekLength(), "the reader sees an empty ring");

            ring.WriterMemory.ClearLog();
            Assert.AreEqual(0, ring.Writer.Publish(), "Publish returns the wr_idx published before");
            Assert.AreEqual(1, ring.WriterMemory.WriteCount, "one store publishes the batch");
            Assert.AreEqual(24u, ring.WriteIndex, "three packets of 4 + 3 bytes, each padded to 8");
            Assert.IsFalse(ring.Writer.HasUnpublished);
            Assert.AreEqual(0x00, (int)ring.Data(8), "the second header's length, high byte");
            Assert.AreEqual(3, (int)ring.Data(9), "the second header's length, low byte");
            Assert.AreEqual(0xB1, (int)ring.Data(12), "the second payload at data[12]");

            ring.Expect(s_a);
            ring.Expect(s_b);
            ring.Expect(s_c);
            Assert.AreEqual(0, ring.Reader.PeekLength());
            ring.AssertClean();
        }

        [TestMethod]
        public void AWriteAfterAppendsPublishesThemWithIt()
        {
            RingFixture ring = new RingFixture(0x20070000, 256, 0, false);
            Assert.AreEqual(3, ring.Writer.Append(s_a, 0, 3));
            Assert.AreEqual(0, ring.Writer.PublishedWriteIndex);
            ring.Send(s_b);
            Assert.AreEqual(16u, ring.WriteIndex, "the write published the appended packet and its own");
            Assert.AreEqual(16, ring.Writer.PublishedWriteIndex);
            ring.Expect(s_a);
            ring.Expect(s_b);
            ring.AssertClean();
        }

        [TestMethod]
        public void TheFirstAppendOfABatchValidatesThePeerReadIndex()
        {
            RingFixture ring = new RingFixture(0x20070000, 256, 0, false);
            ring.Poke(ring.Layout.ReadIndexOffset, 6);
            Assert.AreEqual(-Errno.EINVAL, ring.Writer.Append(s_a, 0, 3), "a misaligned rd_idx refuses the batch");
            Assert.AreEqual(6u, ring.Writer.RejectedReadIndex);
            Assert.IsFalse(ring.Writer.HasUnpublished, "nothing appended");

            ring.Poke(ring.Layout.ReadIndexOffset, 0);
            Assert.AreEqual(3, ring.Writer.Append(s_a, 0, 3), "appends again once rd_idx is repaired");
            ring.Writer.Publish();
            ring.Expect(s_a);
            ring.AssertClean();
        }

        [TestMethod]
        public void AFullRingRefusesAnAppendAfterReReadingTheReadIndex()
        {
            RingFixture ring = new RingFixture(0x20070000, 64, 0, false);
            // Data area 56 bytes, 4 of them always free: six packets of 8 fit, the seventh does not.
            for (int i = 0; i < 6; i++)
            {
                Assert.AreEqual(3, ring.Writer.Append(s_a, 0, 3), "packet " + i.ToString());
            }

            Assert.AreEqual(-Errno.ENOMEM, ring.Writer.Append(s_b, 0, 3), "the seventh packet does not fit");
            ring.Writer.Publish();
            ring.Expect(s_a);
            Assert.AreEqual(3, ring.Writer.Append(s_b, 0, 3), "the reader freed 8 bytes; the writer reads rd_idx again and finds them");
            ring.AssertClean();
        }

        [TestMethod]
        public void AReaderThatReleasesOnCopyStoresTheReadIndexOncePerChunk()
        {
            RingFixture ring = new RingFixture(0x20070000, 256, 0, false);
            ring.Reader.ReleasesWhenCopied = true;
            ring.Send(s_a);
            ring.Send(s_b);
            ring.Send(s_c);

            ring.ReaderMemory.ClearLog();
            ring.Expect(s_a);
            Assert.AreEqual(24u, ring.ReadIndex, "rd_idx stored past all three packets when they were copied");
            Assert.AreEqual(2, ring.ReaderMemory.ReadCount, "wr_idx and one chunk of the data area");
            Assert.AreEqual(1, ring.ReaderMemory.WriteCount, "one rd_idx store");

            ring.ReaderMemory.ClearLog();
            ring.Expect(s_b);
            ring.Expect(s_c);
            Assert.AreEqual(0, ring.ReaderMemory.ReadCount + ring.ReaderMemory.WriteCount, "served from the copy");
            Assert.AreEqual(0, ring.Reader.PeekLength(), "empty once the copy is used up");
            ring.AssertClean();
        }

        [TestMethod]
        public void ADefaultReaderStoresTheReadIndexPerPacketEvenFromItsChunk()
        {
            RingFixture ring = new RingFixture(0x20070000, 256, 0, false);
            ring.Send(s_a);
            ring.Send(s_b);
            ring.Send(s_c);

            ring.Expect(s_a);
            Assert.AreEqual(8u, ring.ReadIndex, "pbuf_read: rd_idx past the packet consumed");
            ring.ReaderMemory.ClearLog();
            ring.Expect(s_b);
            Assert.AreEqual(16u, ring.ReadIndex);
            Assert.AreEqual(0, ring.ReaderMemory.ReadCount, "the second packet came from the chunk");
            ring.Expect(s_c);
            Assert.AreEqual(24u, ring.ReadIndex);
            ring.AssertClean();
        }

        [TestMethod]
        public void PacketsLongerThanAChunkAndPacketsAcrossItsEndAreReadWhole()
        {
            RingFixture ring = new RingFixture(0x20070000, 512, 0, false);
            ring.Reader.ReleasesWhenCopied = true;
            byte[] large = PayloadPattern.Create(200, 7);
            byte[] medium = PayloadPattern.Create(100, 8);
            ring.Send(s_a);
            ring.Send(medium);
            ring.Send(large);
            ring.Send(s_b);

            ring.Expect(s_a);
            Assert.AreEqual(112u, ring.ReadIndex, "the 100-byte packet lies whole in the first 128-byte chunk too");
            ring.Expect(medium);
            Assert.AreEqual(112u, ring.ReadIndex, "served from the chunk");
            ring.Expect(large);
            Assert.AreEqual(316u, ring.ReadIndex, "longer than a chunk: read and released on its own");
            ring.Expect(s_b);
            Assert.AreEqual(324u, ring.ReadIndex, "8 + 104 + 204 + 8");
            ring.AssertClean();
        }
    }
}
