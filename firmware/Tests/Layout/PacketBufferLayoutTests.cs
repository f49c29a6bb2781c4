using nanoFramework.TestFramework;
using NfIcbmsg.Pbuf;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Layout
{
    /// <summary>
    /// Where a packet buffer puts rd_idx, the handshake word, wr_idx and the data (docs/protocol.md §3.2 examples),
    /// and the configurations Zephyr's validate_cfg refuses.
    /// </summary>
    [TestClass]
    public class PacketBufferLayoutTests
    {
        [TestMethod]
        public void IndexWordsAndDataSitWhereTheSpecSays()
        {
            CheckIndexWordsAndDataSitWhereTheSpecSays(0, false, 4, 8);
            CheckIndexWordsAndDataSitWhereTheSpecSays(4, false, 4, 8);
            CheckIndexWordsAndDataSitWhereTheSpecSays(32, false, 32, 36);
            CheckIndexWordsAndDataSitWhereTheSpecSays(8, true, 8, 12);
            CheckIndexWordsAndDataSitWhereTheSpecSays(32, true, 32, 36);
        }

        private static void CheckIndexWordsAndDataSitWhereTheSpecSays(int cacheAlignment, bool handshake, int writeIndexOffset, int dataOffset)
        {
            PacketBufferLayout layout = PacketBufferLayout.Create(0x20070000, 0, 256, cacheAlignment, handshake);
            Assert.AreEqual(0, layout.ReadIndexOffset, "rd_idx");
            Assert.AreEqual(4, layout.HandshakeOffset, "handshake word");
            Assert.AreEqual(writeIndexOffset, layout.WriteIndexOffset, "wr_idx");
            Assert.AreEqual(dataOffset, layout.DataOffset, "data");
            Assert.AreEqual(256 - dataOffset, layout.DataLength, "data length");
            Assert.AreEqual(256 - dataOffset - 8, layout.MaxPacketLength, "largest packet");
            Assert.AreEqual(handshake, layout.HasHandshake);
        }

        [TestMethod]
        public void OffsetsFollowTheRegionInsideTheWindow()
        {
            PacketBufferLayout layout = PacketBufferLayout.Create(0x20070040, 0x40, 0x40, 8, true);
            Assert.AreEqual(0x40, layout.ReadIndexOffset);
            Assert.AreEqual(0x44, layout.HandshakeOffset);
            Assert.AreEqual(0x48, layout.WriteIndexOffset);
            Assert.AreEqual(0x4C, layout.DataOffset);
            Assert.AreEqual(0x40 - 12, layout.DataLength);
        }

        [TestMethod]
        public void SmallestDataAreaIsTwelveBytes()
        {
            string error;
            PacketBufferLayout smallest = PacketBufferLayout.TryCreate(0x20070000, 0, 20, 0, false, out error);
            Assert.IsNotNull(smallest, error);
            Assert.AreEqual(12, smallest.DataLength);

            Assert.IsNull(PacketBufferLayout.TryCreate(0x20070000, 0, 16, 0, false, out error), "8-byte data area");
            ErrorText.AssertMentions(error, 16);
        }

        [TestMethod]
        public void HandshakeNeedsCacheAlignmentOfAtLeastEight()
        {
            // Zephyr's own init fails for H = 1 with D < 8 (wr_idx check ignores the handshake word).
            string error;
            Assert.IsNull(PacketBufferLayout.TryCreate(0x20070000, 0, 256, 4, true, out error));
            ErrorText.AssertMentions(error, 4);
            Assert.IsNull(PacketBufferLayout.TryCreate(0x20070000, 0, 256, 0, true, out error));
        }

        [TestMethod]
        public void CacheAlignmentThatIsNotAPowerOfTwoIsRefused()
        {
            CheckCacheAlignmentThatIsNotAPowerOfTwoIsRefused(12);
            CheckCacheAlignmentThatIsNotAPowerOfTwoIsRefused(48);
        }

        private static void CheckCacheAlignmentThatIsNotAPowerOfTwoIsRefused(int alignment)
        {
            string error;
            Assert.IsNull(PacketBufferLayout.TryCreate(0x20070000, 0, 256, alignment, false, out error));
            ErrorText.AssertMentions(error, alignment);
        }

        [TestMethod]
        public void RegionAddressMustBeAlignedToTheCacheLine()
        {
            string error;
            Assert.IsNull(PacketBufferLayout.TryCreate(0x20070010, 0, 256, 32, false, out error));
            Assert.Contains("20070010", error);
            ErrorText.AssertMentions(error, 32);
        }
    }
}
