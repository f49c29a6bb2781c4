using nanoFramework.TestFramework;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Pbuf;

namespace NfIcbmsg.Tests.Layout
{
    /// <summary>
    /// Golden vectors of docs/protocol.md §8.1: how ICBMsg splits each region of every listed geometry into the
    /// ICMsg ring and the blocks, the ring's offsets (PacketBufferLayout over the ICMsg area with D = A),
    /// and which side is the initiator. Numbers are those of docs/protocol.md §8.1, which Zephyr's own code reproduces.
    /// Region addresses docs/protocol.md does not give (nrf54h20, nrf54l15) are illustrative aligned values;
    /// only their order matters for the role.
    /// </summary>
    [TestClass]
    public class RegionLayoutTests
    {
        [TestMethod]
        public void DocsGeometryWithoutCacheAlignment()
        {
            // Side X: tx-region R1 0x20070000, rx-region R2 0x20078000, 0x800 each, tx-blocks 16, rx-blocks 32.
            RegionLayout r1 = RegionLayout.Compute(0x20070000, 0x800, 16, 32, 0);
            RegionLayout r2 = RegionLayout.Compute(0x20078000, 0x800, 32, 16, 0);
            CheckSplit(r1, 408, 100, 448, 0x200701C0, 1596);
            CheckSplit(r2, 408, 48, 512, 0x20078200, 1532);
            CheckRing(r1, 0x004, 0x008, 440);
            CheckRing(r2, 0x004, 0x008, 504);
            Assert.AreEqual(0x200701C0u + 100u, r1.BlockAddress(1), "R1 block 1");
            Assert.AreEqual(0x20078200u + 48u * 31u, r2.BlockAddress(31), "R2 block 31");

            // X's RX blocks (0x20078200) lie above its TX blocks (0x200701C0): X follows, Y initiates.
            CheckRole(r1, r2, false);
        }

        [TestMethod]
        public void DocsGeometryWithCacheAlignment32()
        {
            RegionLayout r1 = RegionLayout.Compute(0x20070000, 0x800, 16, 32, 32);
            RegionLayout r2 = RegionLayout.Compute(0x20078000, 0x800, 32, 16, 32);
            CheckSplit(r1, 448, 100, 448, 0x200701C0, 1596);
            CheckSplit(r2, 448, 48, 512, 0x20078200, 1532);
            CheckRing(r1, 0x020, 0x024, 412);
            CheckRing(r2, 0x020, 0x024, 476);
            CheckRole(r1, r2, false);
        }

        [TestMethod]
        public void Nrf5340MultiEndpointIpc0()
        {
            // Application core: tx 0x20070000, rx 0x20074000, 0x4000 each, tx-blocks 16, rx-blocks 24.
            RegionLayout tx = RegionLayout.Compute(0x20070000, 0x4000, 16, 24, 0);
            RegionLayout rx = RegionLayout.Compute(0x20074000, 0x4000, 24, 16, 0);
            CheckSplit(tx, 344, 1000, 384, 0x20070180, 15996);
            CheckSplit(rx, 344, 668, 352, 0x20074160, 16028);
            CheckRing(tx, 0x004, 0x008, 376);
            CheckRing(rx, 0x004, 0x008, 344);
            CheckRole(tx, rx, false);
        }

        [TestMethod]
        public void Nrf5340MultiEndpointIpc1()
        {
            RegionLayout tx = RegionLayout.Compute(0x20078000, 0x4000, 32, 48, 0);
            RegionLayout rx = RegionLayout.Compute(0x2007C000, 0x4000, 48, 32, 0);
            CheckSplit(tx, 664, 488, 768, 0x20078300, 15612);
            CheckSplit(rx, 664, 324, 832, 0x2007C340, 15548);
            CheckRing(tx, 0x004, 0x008, 760);
            CheckRing(rx, 0x004, 0x008, 824);
            CheckRole(tx, rx, false);
        }

        [TestMethod]
        public void Nrf54h20Ipc1WithCacheAlignment32()
        {
            RegionLayout tx = RegionLayout.Compute(0x2F000000, 0x400, 32, 32, 32);
            RegionLayout rx = RegionLayout.Compute(0x2F000400, 0x400, 32, 32, 32);
            CheckSplit(tx, 576, 12, 640, 0x2F000280, 380);
            CheckSplit(rx, 576, 12, 640, 0x2F000680, 380);
            CheckRing(tx, 0x020, 0x024, 604);
            CheckRing(rx, 0x020, 0x024, 604);
            CheckRole(tx, rx, false);

            // The mirrored side (tx and rx swapped) initiates.
            CheckRole(rx, tx, true);
        }

        [TestMethod]
        public void Nrf54l15WithCacheAlignment32LeavesBlocksUnaligned()
        {
            RegionLayout tx = RegionLayout.Compute(0x20070000, 0x800, 16, 18, 32);
            RegionLayout rx = RegionLayout.Compute(0x20070800, 0x800, 18, 16, 32);
            CheckSplit(tx, 352, 104, 384, 0x20070180, 1660);
            CheckSplit(rx, 352, 92, 392, 0x20070988, 1652);
            CheckRing(tx, 0x020, 0x024, 348);
            CheckRing(rx, 0x020, 0x024, 356);

            // Blocks round to 4, not to the cache line: RX block 0 sits at +0x188.
            Assert.AreNotEqual(0u, rx.BlocksAddress % 32u, "RX blocks are not cache-line aligned");
            CheckRole(tx, rx, false);
        }

        [TestMethod]
        public void UnalignedRegionIsTrimmedToTheAlignment()
        {
            // 0x20070010..0x20070810 with A = 32: begin rounds up to 0x20070020, end down to 0x20070800.
            RegionLayout layout = RegionLayout.Compute(0x20070010, 0x800, 16, 32, 32);
            Assert.AreEqual(0x20070020u, layout.Begin);
            Assert.AreEqual(0x20070800u, layout.End);
            Assert.AreEqual(layout.End, layout.BlockAddress(layout.BlockCount - 1) + (uint)layout.BlockSize, "blocks end exactly at the aligned end");
            Assert.AreEqual(448, layout.IcmsgAreaMinimum);
            Assert.AreEqual(96, layout.BlockSize, "(0x7E0 - 448) / 16 = 98, rounded down to 4");
        }

        // ICMSG_MIN, BLOCK, ICMsg area, blocks address and max message; blocks end exactly at End.
        private static void CheckSplit(RegionLayout layout, int icmsgMinimum, int blockSize, int icmsgArea, uint blocksAddress, int maxMessage)
        {
            Assert.AreEqual(icmsgMinimum, layout.IcmsgAreaMinimum, "ICMSG_MIN");
            Assert.AreEqual(blockSize, layout.BlockSize, "BLOCK");
            Assert.AreEqual(icmsgArea, layout.IcmsgAreaSize, "ICMsg area");
            Assert.AreEqual(blocksAddress, layout.BlocksAddress, "blocks address");
            Assert.AreEqual(blocksAddress, layout.BlockAddress(0), "block 0");
            Assert.AreEqual(maxMessage, layout.MaxMessageSize, "max message");
            Assert.AreEqual(layout.End, layout.BlockAddress(layout.BlockCount - 1) + (uint)layout.BlockSize, "blocks end at the aligned region end");
        }

        // The ring over the ICMsg area with D = A: rd at 0, wr and data where docs/protocol.md puts them.
        private static void CheckRing(RegionLayout layout, int writeIndexOffset, int dataOffset, int dataLength)
        {
            PacketBufferLayout ring = PacketBufferLayout.Create(layout.Begin, 0, layout.IcmsgAreaSize, layout.Alignment, false);
            Assert.AreEqual(0, ring.ReadIndexOffset, "rd_idx offset");
            Assert.AreEqual(writeIndexOffset, ring.WriteIndexOffset, "wr_idx offset");
            Assert.AreEqual(dataOffset, ring.DataOffset, "data offset");
            Assert.AreEqual(dataLength, ring.DataLength, "pbuf data length");
            Assert.AreEqual(dataLength, layout.PacketDataLength, "RegionLayout.PacketDataLength");
        }

        // A side initiates when its RX blocks start below its TX blocks (docs/protocol.md §6.5).
        private static void CheckRole(RegionLayout sideTx, RegionLayout sideRx, bool initiator)
        {
            Assert.AreEqual(initiator, sideRx.BlocksAddress < sideTx.BlocksAddress, "initiator = RX blocks below TX blocks");
        }
    }
}
