using nanoFramework.TestFramework;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Pbuf
{
    /// <summary>
    /// The exact bytes of docs/protocol.md §8.2–§8.5 (docs geometry, A = 4): what a Zephyr peer sees in shared
    /// memory, including the padding bytes that must stay untouched.
    /// </summary>
    [TestClass]
    public class PacketBufferWireTests
    {
        // "Em1l1K0rn3li4", spelled out from docs/protocol.md rather than taken from the product.
        private static readonly byte[] Magic = new byte[] { 0x45, 0x6D, 0x31, 0x6C, 0x31, 0x4B, 0x30, 0x72, 0x6E, 0x33, 0x6C, 0x69, 0x34 };

        [TestMethod]
        public void BondingMagicLandsAtR1Plus8()
        {
            RegionLayout r1 = RegionLayout.Compute(0x20070000, 0x800, 16, 32, 0);
            RingFixture ring = new RingFixture(r1.Begin, r1.IcmsgAreaSize, r1.Alignment, false);
            ring.Send(Magic);

            byte[] bytes = ring.Bytes;
            ByteAssert.Equal(new byte[] { 0x00, 0x00, 0x00, 0x00 }, bytes, ring.At(0x000), "rd_idx");
            ByteAssert.Equal(new byte[] { 0x14, 0x00, 0x00, 0x00 }, bytes, ring.At(0x004), "wr_idx = 20");
            ByteAssert.Equal(new byte[] { 0x00, 0x0D, 0x00, 0x00 }, bytes, ring.At(0x008), "header: BE16 13, reserved 0");
            ByteAssert.Equal(Magic, bytes, ring.At(0x00C), "magic");
            ByteAssert.All(RingFixture.Canary, bytes, ring.At(0x019), 3, "padding R1+0x019..0x01B");
            ByteAssert.All(RingFixture.Canary, bytes, ring.At(0x01C), r1.IcmsgAreaSize - 0x01C, "rest of the ring");

            // The peer consumes it and stores rd_idx = 20.
            ring.Expect(Magic);
            ByteAssert.Equal(new byte[] { 0x14, 0x00, 0x00, 0x00 }, bytes, ring.At(0x000), "rd_idx after the read");
            ring.AssertClean();
        }

        [TestMethod]
        public void BoundMessageFollowsTheMagicInR2()
        {
            // Y (initiator) sends MSG_BOUND(addr 0, block 0) after its magic (§8.3).
            RegionLayout r2 = RegionLayout.Compute(0x20078000, 0x800, 32, 16, 0);
            RingFixture ring = new RingFixture(r2.Begin, r2.IcmsgAreaSize, r2.Alignment, false);
            ring.Send(Magic);
            ring.Send(new byte[] { 0x02, 0x00, 0x00 });

            byte[] bytes = ring.Bytes;
            ByteAssert.Equal(new byte[] { 0x00, 0x03, 0x00, 0x00, 0x02, 0x00, 0x00 }, bytes, ring.At(0x01C), "MSG_BOUND packet");
            Assert.AreEqual(RingFixture.Canary, bytes[ring.At(0x023)], "its padding byte");
            ByteAssert.Equal(new byte[] { 0x1C, 0x00, 0x00, 0x00 }, bytes, ring.At(0x004), "wr_idx = 28");
            ring.AssertClean();
        }

        [TestMethod]
        public void ReleaseBoundThenDataMessageInR1()
        {
            // X answers MSG_RELEASE_BOUND(0, 0) (§8.3), then sends MSG_DATA(addr 0, block 0) (§8.4).
            RegionLayout r1 = RegionLayout.Compute(0x20070000, 0x800, 16, 32, 0);
            RingFixture ring = new RingFixture(r1.Begin, r1.IcmsgAreaSize, r1.Alignment, false);
            byte[] releaseBound = new byte[] { 0x03, 0x00, 0x00 };
            byte[] data = new byte[] { 0x00, 0x00, 0x00 };
            byte[] bytes = ring.Bytes;
            ring.Send(Magic);
            ring.Send(releaseBound);
            ByteAssert.Equal(new byte[] { 0x00, 0x03, 0x00, 0x00, 0x03, 0x00, 0x00 }, bytes, ring.At(0x01C), "MSG_RELEASE_BOUND packet");
            ByteAssert.Equal(new byte[] { 0x1C, 0x00, 0x00, 0x00 }, bytes, ring.At(0x004), "wr_idx = 28");
            ring.Expect(Magic);
            ring.Expect(releaseBound);
            ByteAssert.Equal(new byte[] { 0x1C, 0x00, 0x00, 0x00 }, bytes, ring.At(0x000), "rd_idx = 28");

            ring.Send(data);
            ByteAssert.Equal(new byte[] { 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00 }, bytes, ring.At(0x024), "MSG_DATA packet");
            Assert.AreEqual(RingFixture.Canary, bytes[ring.At(0x02B)], "its padding byte");
            ByteAssert.Equal(new byte[] { 0x24, 0x00, 0x00, 0x00 }, bytes, ring.At(0x004), "wr_idx = 36");
            ring.Expect(data);
            ByteAssert.Equal(new byte[] { 0x24, 0x00, 0x00, 0x00 }, bytes, ring.At(0x000), "rd_idx = 36");
            ring.AssertClean();
        }

        [TestMethod]
        public void HelloInAPlainIcmsgRegion()
        {
            // §8.5: the whole 2048-byte region is one ring (D = 0): data length 2040, largest packet 2032.
            RingFixture ring = new RingFixture(0x20070000, 2048, 0, false);
            Assert.AreEqual(2040, ring.Layout.DataLength);
            Assert.AreEqual(2032, ring.Layout.MaxPacketLength);
            ring.Send(Magic);
            ring.Send(new byte[] { 0x68, 0x65, 0x6C, 0x6C, 0x6F });

            byte[] bytes = ring.Bytes;
            ByteAssert.Equal(new byte[] { 0x00, 0x05, 0x00, 0x00, 0x68, 0x65, 0x6C, 0x6C, 0x6F }, bytes, ring.At(0x01C), "\"hello\" packet at data offset 20");
            ByteAssert.All(RingFixture.Canary, bytes, ring.At(0x025), 3, "its padding");
            ByteAssert.Equal(new byte[] { 0x20, 0x00, 0x00, 0x00 }, bytes, ring.At(0x004), "wr_idx = 32");
            ring.AssertClean();
        }
    }
}
