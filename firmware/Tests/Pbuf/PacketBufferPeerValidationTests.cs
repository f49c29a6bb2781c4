using nanoFramework.TestFramework;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Pbuf
{
    /// <summary>
    /// Values the other core writes are not trusted (docs/design.md §7 rule 1, docs/protocol.md §3.6 note, §13.6): a corrupt
    /// wr_idx, rd_idx or packet length gives the documented error, never an exception, never an access
    /// outside the region (the guards fail the test on one), and consumes nothing.
    /// Ring used: 64-byte region, D = 0, so 56 data bytes and a largest packet of 48.
    /// </summary>
    [TestClass]
    public class PacketBufferPeerValidationTests
    {
        [TestMethod]
        public void CorruptWriteIndexIsInvalid()
        {
            CheckCorruptWriteIndexIsInvalid(2);
            CheckCorruptWriteIndexIsInvalid(6);
            CheckCorruptWriteIndexIsInvalid(13);
            CheckCorruptWriteIndexIsInvalid(56);
            CheckCorruptWriteIndexIsInvalid(60);
            CheckCorruptWriteIndexIsInvalid(4096);
            CheckCorruptWriteIndexIsInvalid(-4);
            CheckCorruptWriteIndexIsInvalid(-2147483648);
        }

        private static void CheckCorruptWriteIndexIsInvalid(int writeIndex)
        {
            // Misaligned, at or past the data length, or huge (0xFFFFFFFC, 0x80000000 go negative as int).
            RingFixture ring = new RingFixture(0x20070000, 64, 0, false);
            ring.Send(PayloadPattern.Create(5, 1));
            ring.Poke(ring.Layout.WriteIndexOffset, (uint)writeIndex);
            ring.ReaderMemory.ClearLog();

            byte[] buffer = new byte[64];
            Assert.AreEqual(-Errno.EINVAL, ring.Reader.PeekLength(), "peek");
            Assert.AreEqual(-Errno.EINVAL, ring.Reader.Read(buffer, 0, buffer.Length), "read");
            Assert.AreEqual(-Errno.EINVAL, ring.Reader.Discard(), "discard");
            Assert.AreEqual(0, ring.ReaderMemory.WriteCount, "nothing consumed");
            Assert.AreEqual(0u, ring.ReadIndex);

            // Once the peer's index is sane again the packet is still there.
            ring.Poke(ring.Layout.WriteIndexOffset, 12);
            ring.Expect(PayloadPattern.Create(5, 1));
            ring.AssertClean();
        }

        [TestMethod]
        public void CorruptPacketLengthIsRefused()
        {
            CheckCorruptPacketLengthIsRefused(0, -Errno.EINVAL);
            CheckCorruptPacketLengthIsRefused(49, -Errno.EINVAL);
            CheckCorruptPacketLengthIsRefused(0xFFFF, -Errno.EINVAL);
            CheckCorruptPacketLengthIsRefused(9, -Errno.EAGAIN);
            CheckCorruptPacketLengthIsRefused(48, -Errno.EAGAIN);
            CheckCorruptPacketLengthIsRefused(8, 8);
        }

        private static void CheckCorruptPacketLengthIsRefused(int length, int expected)
        {
            // A 5-byte packet makes wr_idx 12, so 12 bytes are occupied: a header may claim at most 8.
            // 0 and anything over 48 (len - 8) are invalid; 9..48 claim more than the ring holds (-EAGAIN).
            RingFixture ring = new RingFixture(0x20070000, 64, 0, false);
            ring.Send(PayloadPattern.Create(5, 1));
            ring.PokeHeaderLength(0, length);
            ring.ReaderMemory.ClearLog();

            byte[] buffer = new byte[64];
            Assert.AreEqual(expected, ring.Reader.PeekLength(), "peek");
            Assert.AreEqual(expected, ring.Reader.Read(buffer, 0, buffer.Length), "read");
            if (expected < 0)
            {
                Assert.AreEqual(expected, ring.Reader.Discard(), "discard");
                Assert.AreEqual(0, ring.ReaderMemory.WriteCount, "nothing consumed");
                Assert.AreEqual(0u, ring.ReadIndex);
            }
            else
            {
                Assert.AreEqual(12u, ring.ReadIndex, "the claimed 8 bytes were in range and consumed");
            }

            ring.AssertClean();
        }

        [TestMethod]
        public void CorruptReadIndexRefusesWrites()
        {
            CheckCorruptReadIndexRefusesWrites(2);
            CheckCorruptReadIndexRefusesWrites(56);
            CheckCorruptReadIndexRefusesWrites(1024);
            CheckCorruptReadIndexRefusesWrites(-4);
        }

        private static void CheckCorruptReadIndexRefusesWrites(int readIndex)
        {
            RingFixture ring = new RingFixture(0x20070000, 64, 0, false);
            ring.Poke(ring.Layout.ReadIndexOffset, (uint)readIndex);
            Assert.AreEqual(-Errno.EINVAL, ring.Writer.Write(new byte[4], 0, 4));
            Assert.AreEqual(0, ring.WriterMemory.WriteCount, "nothing written");
            Assert.AreEqual(0u, ring.WriteIndex);
            ring.AssertClean();
        }

        [TestMethod]
        public void ReadIndexAheadOfTheWriterLeavesOnlyTheGapFree()
        {
            // A reader index that is valid but not where the writer expects it is not an error: the writer
            // sizes the free space from it (Zephyr does the same), so only the gap up to it is usable.
            RingFixture ring = new RingFixture(0x20070000, 64, 0, false);
            ring.Poke(ring.Layout.ReadIndexOffset, 16);
            Assert.AreEqual(-Errno.ENOMEM, ring.Writer.Write(new byte[9], 0, 9), "16 - 0 - 4 reserve leaves 12: 8 + header");
            Assert.AreEqual(8, ring.Writer.Write(new byte[8], 0, 8));
            Assert.AreEqual(12u, ring.WriteIndex);
            ring.AssertClean();
        }

        [TestMethod]
        public void RandomGarbageNeverEscapesTheRegion()
        {
            // Mini fuzz: the peer scribbles random indices and random bytes over the data area between
            // calls. Every call must return a documented value; the guards fail the test on any stray access.
            RingFixture ring = new RingFixture(0x20070000, 64, 0, false);
            DeterministicRandom random = new DeterministicRandom(0xF022u);
            byte[] buffer = new byte[64];
            byte[] payload = new byte[64];
            int successes = 0;
            for (int round = 0; round < 400; round++)
            {
                int dataLength = ring.Layout.DataLength;
                switch (random.Next(4))
                {
                    case 0:
                        ring.Poke(ring.Layout.WriteIndexOffset, random.Next(2) == 0 ? (uint)(random.Next(dataLength / 4) * 4) : random.NextUInt());
                        break;
                    case 1:
                        ring.Poke(ring.Layout.ReadIndexOffset, random.Next(2) == 0 ? (uint)(random.Next(dataLength / 4) * 4) : random.NextUInt());
                        break;
                    case 2:
                        ring.Bytes[ring.Layout.DataOffset + random.Next(dataLength)] = (byte)random.Next(256);
                        break;
                    default:
                        ring.PokeHeaderLength(random.Next(dataLength / 4) * 4, random.Next(0x10000));
                        break;
                }

                int result;
                switch (random.Next(4))
                {
                    case 0:
                        result = ring.Reader.PeekLength();
                        CheckReaderResult(result, false);
                        break;
                    case 1:
                        result = ring.Reader.Read(buffer, 0, random.Next(2) == 0 ? buffer.Length : random.Next(8));
                        CheckReaderResult(result, true);
                        break;
                    case 2:
                        result = ring.Reader.Discard();
                        CheckReaderResult(result, false);
                        break;
                    default:
                        int length = random.Between(1, 60);
                        result = ring.Writer.Write(payload, 0, length);
                        Assert.IsTrue(result == length || result == -Errno.ENOMEM || result == -Errno.EINVAL, "write returned " + result.ToString());
                        break;
                }

                if (result > 0)
                {
                    successes++;
                }

                ring.WriterMemory.ClearLog();
                ring.ReaderMemory.ClearLog();
            }

            Assert.IsTrue(successes > 0, "no call ever succeeded: the fuzz did not reach the copy paths");
            ring.AssertClean();
        }

        // A reader call returns a length in 1..48, 0 (empty), or one of the documented errors.
        private static void CheckReaderResult(int result, bool mayBeTooSmall)
        {
            bool valid = (result >= 0 && result <= 48) || result == -Errno.EINVAL || result == -Errno.EAGAIN
                || (mayBeTooSmall && result == -Errno.ENOMEM);
            Assert.IsTrue(valid, "reader returned " + result.ToString());
        }
    }
}
