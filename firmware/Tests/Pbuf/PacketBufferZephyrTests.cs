using nanoFramework.TestFramework;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Pbuf
{
    /// <summary>Zephyr's tests/subsys/ipc/pbuf cases (docs/protocol.md §9), replayed against the C# ring.</summary>
    [TestClass]
    public class PacketBufferZephyrTests
    {
        [TestMethod]
        public void ReadWriteLikeZephyrTestRw()
        {
            // 256-byte area, D = 0: rd@0, wr@4, data@8, 248 data bytes.
            RingFixture ring = new RingFixture(0x20070000, 256, 0, false);
            Assert.AreEqual(248, ring.Layout.DataLength);
            byte[] first = PayloadPattern.Create(11, 1);
            byte[] second = PayloadPattern.Create(25, 2);
            ring.Send(first);
            ring.Send(second);

            Assert.AreEqual(11, ring.Reader.PeekLength());
            Assert.AreEqual(11, ring.Reader.PeekLength(), "peeking consumes nothing");
            byte[] small = new byte[10];
            Assert.AreEqual(-Errno.ENOMEM, ring.Reader.Read(small, 0, small.Length), "buffer one byte short");
            Assert.AreEqual(0u, ring.ReadIndex, "a refused read consumes nothing");
            ring.Expect(first);
            Assert.AreEqual(25, ring.Reader.PeekLength());
            ring.Expect(second);
            Assert.AreEqual(0, ring.Reader.PeekLength(), "empty");
            Assert.AreEqual(48u, ring.ReadIndex, "4 + 11 -> 16, then 16 + 4 + 25 -> 48");
            Assert.AreEqual(48u, ring.WriteIndex);

            // The largest packet (len - 8 = 240) from index 48: 196 bytes up to the end, 44 from data[0].
            byte[] largest = PayloadPattern.Create(240, 3);
            Assert.AreEqual(-Errno.ENOMEM, ring.Writer.Write(new byte[241], 0, 241), "one byte over the maximum");
            ring.Send(largest);
            Assert.AreEqual(44u, ring.WriteIndex, "wrapped");
            Assert.AreEqual((byte)0x00, ring.Data(48), "length high byte");
            Assert.AreEqual((byte)0xF0, ring.Data(49), "length low byte");
            Assert.AreEqual(largest[0], ring.Data(52), "first payload byte right after the header");
            Assert.AreEqual(largest[195], ring.Data(247), "last byte before the end");
            Assert.AreEqual(largest[196], ring.Data(0), "payload continues at data[0]");
            Assert.AreEqual(-Errno.ENOMEM, ring.Writer.Write(new byte[1], 0, 1), "full: 244 occupied + 4 reserved");
            ring.Expect(largest);
            Assert.AreEqual(0, ring.Reader.Read(new byte[4], 0, 4), "empty again");
            ring.AssertClean();
        }

        [TestMethod]
        public void ReturnCodesLikeZephyrTestRetcodes()
        {
            // 20-byte area, D = 4: data length 12, so one 4-byte packet fills it.
            RingFixture ring = new RingFixture(0x20070000, 20, 4, false);
            Assert.AreEqual(12, ring.Layout.DataLength);
            byte[] payload = PayloadPattern.Create(5, 7);
            Assert.AreEqual(-Errno.ENOMEM, ring.Writer.Write(payload, 0, 5));
            Assert.AreEqual(0u, ring.WriteIndex, "a refused write publishes nothing");
            Assert.AreEqual(4, ring.Writer.Write(payload, 0, 4));
            Assert.AreEqual(-Errno.ENOMEM, ring.Writer.Write(payload, 0, 1));
            Assert.AreEqual(-Errno.ENOMEM, ring.Writer.Write(payload, 0, 4));

            Assert.AreEqual(4, ring.Reader.PeekLength());
            byte[] buffer = new byte[8];
            Assert.AreEqual(-Errno.ENOMEM, ring.Reader.Read(buffer, 0, 1));
            Assert.AreEqual(4, ring.Reader.Read(buffer, 0, 4));
            ByteAssert.Pattern(buffer, 0, 4, 7, "payload");
            Assert.AreEqual(0, ring.Reader.PeekLength());
            Assert.AreEqual(0, ring.Reader.Read(buffer, 0, 8));
            Assert.AreEqual(0, ring.Reader.Read(buffer, 0, 8), "still empty");

            // Again from index 8: header in the last word, payload from data[0].
            Assert.AreEqual(4, ring.Writer.Write(payload, 0, 4));
            Assert.AreEqual(4u, ring.WriteIndex);
            Assert.AreEqual(4, ring.Reader.Read(buffer, 0, 8));
            ByteAssert.Pattern(buffer, 0, 4, 7, "wrapped payload");
            ring.AssertClean();
        }

        [TestMethod]
        public void EmptyNullOrOverlongWriteIsInvalid()
        {
            RingFixture ring = new RingFixture(0x20070000, 64, 0, false);
            Assert.AreEqual(-Errno.EINVAL, ring.Writer.Write(null, 0, 1), "null data");
            Assert.AreEqual(-Errno.EINVAL, ring.Writer.Write(new byte[4], 0, 0), "zero length");

            // 65536 cannot be carried by the BE16 header: invalid, not merely too big for this ring.
            Assert.AreEqual(-Errno.EINVAL, ring.Writer.Write(new byte[65536], 0, 65536), "length 65536");
            Assert.AreEqual(0, ring.WriterMemory.WriteCount, "nothing written");
            Assert.AreEqual(0, ring.Reader.PeekLength());
            ring.AssertClean();
        }
    }
}
