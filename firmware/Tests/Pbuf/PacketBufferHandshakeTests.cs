using System;
using nanoFramework.TestFramework;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Pbuf
{
    /// <summary>
    /// The session handshake word at offset 4 (docs/protocol.md §3.7, §8.6: D = 8 puts rd@0, hs@4, wr@8, data@12)
    /// and the detect-mode sniff of a legacy peer's first packet (ReadInitialPacket).
    /// </summary>
    [TestClass]
    public class PacketBufferHandshakeTests
    {
        private static readonly byte[] Magic = new byte[] { 0x45, 0x6D, 0x31, 0x6C, 0x31, 0x4B, 0x30, 0x72, 0x6E, 0x33, 0x6C, 0x69, 0x34 };

        [TestMethod]
        public void HandshakeWordIsTheLittleEndianWordAtOffsetFour()
        {
            RingFixture ring = new RingFixture(0x20070000, 64, 8, true);
            Assert.AreEqual(ring.At(4), ring.Layout.HandshakeOffset);
            Assert.AreEqual(ring.At(8), ring.Layout.WriteIndexOffset);
            Assert.AreEqual(ring.At(12), ring.Layout.DataOffset);

            // §8.6: X answers with local id 1 and the peer's id 2 in the high half.
            ring.Reader.WriteHandshake(0x00020001);
            ByteAssert.Equal(new byte[] { 0x01, 0x00, 0x02, 0x00 }, ring.Bytes, ring.At(4), "handshake word");
            Assert.IsTrue(ring.ReaderMemory.Wrote(ring.Layout.HandshakeOffset, 4));
            Assert.IsFalse(ring.ReaderMemory.Wrote(ring.Layout.ReadIndexOffset, 4), "rd_idx untouched");
            Assert.AreEqual(0x00020001u, ring.Writer.ReadHandshake(), "the other side reads it back");

            ring.Poke(ring.Layout.HandshakeOffset, 0x00010002);
            Assert.AreEqual(0x00010002u, ring.Reader.ReadHandshake());
            ring.AssertClean();
        }

        [TestMethod]
        public void HandshakeWordSurvivesTrafficAndTxInit()
        {
            RingFixture ring = new RingFixture(0x20070000, 64, 8, true);
            ring.Poke(ring.Layout.HandshakeOffset, 0xDEADBEEF);
            ring.Send(PayloadPattern.Create(20, 1));
            ring.Expect(PayloadPattern.Create(20, 1));
            ring.Writer.TxInit();
            Assert.AreEqual(0xDEADBEEFu, ring.Reader.ReadHandshake());
            Assert.IsFalse(ring.WriterMemory.Wrote(ring.Layout.HandshakeOffset, 4), "the writer never writes it");
            ring.AssertClean();
        }

        [TestMethod]
        public void HandshakeNeedsALayoutWithTheWord()
        {
            RingFixture ring = new RingFixture(0x20070000, 64, 8, false);
            Assert.ThrowsException(typeof(InvalidOperationException), () => ring.Reader.ReadHandshake());
            Assert.ThrowsException(typeof(InvalidOperationException), () => ring.Reader.WriteHandshake(1));
            ring.AssertClean();
        }

        [TestMethod]
        public void InitialPacketOfALegacyPeerIsReadWithoutConsumingIt()
        {
            RingFixture ring = new RingFixture(0x20070000, 64, 8, true);
            ring.Send(Magic);
            ring.ReaderMemory.ClearLog();

            byte[] buffer = new byte[32];
            Assert.AreEqual(13, ring.Reader.ReadInitialPacket(buffer, 2, 30));
            ByteAssert.Equal(Magic, buffer, 2, "sniffed magic");
            Assert.AreEqual(0, ring.ReaderMemory.WriteCount, "nothing consumed");
            Assert.AreEqual(13, ring.Reader.ReadInitialPacket(buffer, 0, 13), "a second sniff sees the same");
            ring.Expect(Magic);
            ring.AssertClean();
        }

        [TestMethod]
        public void InitialPacketNeedsRoomForItsLength()
        {
            RingFixture ring = new RingFixture(0x20070000, 64, 8, true);
            ring.Send(Magic);
            Assert.AreEqual(-Errno.ENOMEM, ring.Reader.ReadInitialPacket(new byte[32], 0, 12));
            ring.AssertClean();
        }

        [TestMethod]
        public void InitialPacketIsOnlyForAReaderThatNeverRead()
        {
            RingFixture ring = new RingFixture(0x20070000, 64, 8, true);
            ring.Send(PayloadPattern.Create(4, 1));
            ring.Send(Magic);
            ring.Expect(PayloadPattern.Create(4, 1));
            Assert.AreEqual(-Errno.EINVAL, ring.Reader.ReadInitialPacket(new byte[32], 0, 32));
            ring.AssertClean();
        }

        [TestMethod]
        public void InitialPacketOfAnEmptyRingIsInvalid()
        {
            RingFixture ring = new RingFixture(0x20070000, 64, 8, true);
            Assert.AreEqual(-Errno.EINVAL, ring.Reader.ReadInitialPacket(new byte[32], 0, 32));
            ring.AssertClean();
        }

        [TestMethod]
        public void InitialPacketMustLieBelowTheWriteIndex()
        {
            CheckInitialPacketMustLieBelowTheWriteIndex(8, -Errno.EINVAL);
            CheckInitialPacketMustLieBelowTheWriteIndex(16, -Errno.EINVAL);
            CheckInitialPacketMustLieBelowTheWriteIndex(20, 13);
            CheckInitialPacketMustLieBelowTheWriteIndex(24, 13);
            CheckInitialPacketMustLieBelowTheWriteIndex(52, -Errno.EINVAL);
            CheckInitialPacketMustLieBelowTheWriteIndex(-4, -Errno.EINVAL);
        }

        private static void CheckInitialPacketMustLieBelowTheWriteIndex(int writeIndex, int expected)
        {
            // 13 bytes + 4 header need wr_idx >= 17; wr_idx must also stay below the 52-byte data length.
            RingFixture ring = new RingFixture(0x20070000, 64, 8, true);
            ring.Send(Magic);
            ring.Poke(ring.Layout.WriteIndexOffset, (uint)writeIndex);
            Assert.AreEqual(expected, ring.Reader.ReadInitialPacket(new byte[32], 0, 32));
            ring.AssertClean();
        }

        [TestMethod]
        public void InitialPacketNeedsAWriteIndexBelow64K()
        {
            // Zephyr also requires wr_idx <= 0xFFFF; only a ring over 64 KiB can hold a larger index.
            RingFixture ring = new RingFixture(0x20070000, 0x10000 + 24, 8, true);
            Assert.AreEqual(0x10000 + 12, ring.Layout.DataLength);
            ring.Send(Magic);
            ring.Poke(ring.Layout.WriteIndexOffset, 0xFFFC);
            Assert.AreEqual(13, ring.Reader.ReadInitialPacket(new byte[32], 0, 32), "0xFFFC is allowed");
            ring.Poke(ring.Layout.WriteIndexOffset, 0x10004);
            Assert.AreEqual(-Errno.EINVAL, ring.Reader.ReadInitialPacket(new byte[32], 0, 32), "0x10004 is not");
            ring.AssertClean();
        }
    }
}
