using nanoFramework.TestFramework;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Platform.InMemory;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Icbmsg
{
    /// <summary>
    /// The exact bytes of docs/protocol.md §8.2–§8.4 (the Zephyr docs example): legacy bonding, binding "ep0", and
    /// "hello" both ways, read straight from the shared window of a simulated pair. Side A of the pair is
    /// X (follower), side B is Y (initiator); R1 = 0x20070000 (X writes), R2 = 0x20078000 (Y writes).
    /// </summary>
    [TestClass]
    public class IcbmsgWorkedExampleTests
    {
        private static readonly byte[] s_magicPacket = new byte[] { 0x00, 0x0D, 0x00, 0x00, 0x45, 0x6D, 0x31, 0x6C, 0x31, 0x4B, 0x30, 0x72, 0x6E, 0x33, 0x6C, 0x69, 0x34, 0x00, 0x00, 0x00 };
        private static uint s_r1WriteIndexAtXBound;
        private static ProtocolProbe s_x;
        private static ProtocolProbe s_y;

        [TestMethod]
        public void BondingWritesTheMagicAndBothIndices()
        {
            // §8.2: each side resets its ring, writes the 13-byte magic at +0x008, wr_idx = 20; the reader
            // of each ring then stores rd_idx = 20. Nothing else in either region is written.
            SimulatedPair pair = new SimulatedPair(ProtocolFixtures.DocsSideX());
            try
            {
                pair.Open();
                ProtocolFixtures.WaitBonded(pair.SideA, "X");
                ProtocolFixtures.WaitBonded(pair.SideB, "Y");
                RegionPairMemory bytes = pair.Memory;
                ExpectBondedRing(bytes, ProtocolFixtures.R1, "R1");
                ExpectBondedRing(bytes, ProtocolFixtures.R2, "R2");
                ByteAssert.All(0, bytes, ProtocolFixtures.At(ProtocolFixtures.R1) + 0x1C, ProtocolFixtures.RegionSize - 0x1C, "R1 after the magic (rest of the ring and every block)");
                ByteAssert.All(0, bytes, ProtocolFixtures.At(ProtocolFixtures.R2) + 0x1C, ProtocolFixtures.RegionSize - 0x1C, "R2 after the magic (rest of the ring and every block)");
                Assert.IsFalse(((IcbmsgInstance)pair.SideA).IsInitiator, "X (rx blocks at 0x20078200, above its tx blocks) follows");
                Assert.IsTrue(((IcbmsgInstance)pair.SideB).IsInitiator, "Y initiates");
                ProtocolFixtures.AssertNoInternalFaults(pair.SideA, "X");
                ProtocolFixtures.AssertNoInternalFaults(pair.SideB, "Y");
            }
            finally
            {
                pair.Dispose();
                Forget();
            }
        }

        [TestMethod]
        public void BindingEp0WritesTheNameBlockAndBothControlMessages()
        {
            // §8.3: Y registers "ep0" first and gets address 0; its name goes into its block 0 at
            // 0x20078200, MSG_BOUND(0, 0) into R2 at +0x01C; X answers MSG_RELEASE_BOUND(0, 0) at R1+0x01C.
            SimulatedPair pair = BindEp0();
            try
            {
                ProtocolProbe x = s_x;
                ProtocolProbe y = s_y;
                RegionPairMemory bytes = pair.Memory;

                ByteAssert.Equal(new byte[] { 0x04, 0x00, 0x00, 0x00, 0x65, 0x70, 0x30, 0x00 }, bytes, ProtocolFixtures.At(0x20078200), "name block (size 4, \"ep0\\0\")");
                ByteAssert.Equal(new byte[] { 0x00, 0x03, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00 }, bytes, ProtocolFixtures.At(ProtocolFixtures.R2) + 0x1C, "MSG_BOUND(0, 0) at R2+0x01C (pad untouched)");
                ByteAssert.Equal(new byte[] { 0x1C, 0x00, 0x00, 0x00 }, bytes, ProtocolFixtures.At(ProtocolFixtures.R2) + 0x04, "R2 wr_idx");
                ByteAssert.Equal(new byte[] { 0x1C, 0x00, 0x00, 0x00 }, bytes, ProtocolFixtures.At(ProtocolFixtures.R2), "R2 rd_idx (X read MSG_BOUND)");
                ByteAssert.Equal(new byte[] { 0x00, 0x03, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00 }, bytes, ProtocolFixtures.At(ProtocolFixtures.R1) + 0x1C, "MSG_RELEASE_BOUND(0, 0) at R1+0x01C (pad untouched)");
                ByteAssert.Equal(new byte[] { 0x1C, 0x00, 0x00, 0x00 }, bytes, ProtocolFixtures.At(ProtocolFixtures.R1) + 0x04, "R1 wr_idx");
                ByteAssert.Equal(new byte[] { 0x1C, 0x00, 0x00, 0x00 }, bytes, ProtocolFixtures.At(ProtocolFixtures.R1), "R1 rd_idx (Y read MSG_RELEASE_BOUND)");

                Assert.AreEqual(0x1Cu, s_r1WriteIndexAtXBound, "the follower's RELEASE_BOUND is in the ring before its bound() runs");
                Assert.AreEqual(0, x.Endpoint.Address, "X's ep0 address");
                Assert.AreEqual(0, y.Endpoint.Address, "Y's ep0 address");
                Assert.IsTrue(x.Endpoint.IsBound, "X's ep0 bound");
                Assert.IsTrue(y.Endpoint.IsBound, "Y's ep0 bound");
                Assert.AreEqual(0, pair.SideB.Statistics.TxBlocksInUse, "Y freed the name block on RELEASE_BOUND");
                Assert.AreEqual(0, pair.SideA.Statistics.RxBlocksHeld, "X holds no block after answering");
                Assert.AreEqual(1, x.BoundCount, "X bound() calls");
                Assert.AreEqual(1, y.BoundCount, "Y bound() calls");
            }
            finally
            {
                pair.Dispose();
                Forget();
            }
        }

        [TestMethod]
        public void HelloTravelsInBlocksBothWays()
        {
            // §8.4: X's "hello" goes into its block 0 (0x200701C0), MSG_DATA(0, 0) at R1+0x024, wr_idx 36;
            // Y answers MSG_RELEASE_DATA(0, 0) at R2+0x024. Then Y's "hello" goes to 0x20078200 (its block 0,
            // free again since RELEASE_BOUND) with MSG_DATA at R2+0x02C and X's release at R1+0x02C.
            SimulatedPair pair = BindEp0();
            try
            {
                ProtocolProbe x = s_x;
                ProtocolProbe y = s_y;
                RegionPairMemory bytes = pair.Memory;
                int r1 = ProtocolFixtures.At(ProtocolFixtures.R1);
                int r2 = ProtocolFixtures.At(ProtocolFixtures.R2);
                byte[] hello = ProtocolFixtures.Ascii("hello");
                byte[] helloBlock = new byte[] { 0x05, 0x00, 0x00, 0x00, 0x68, 0x65, 0x6C, 0x6C, 0x6F };

                Assert.AreEqual((int)SendStatus.Sent, (int)x.Endpoint.TrySend(hello, 0, hello.Length, 0), "X sends hello");
                y.ExpectMessage(0, hello, "Y receives hello");
                ProtocolFixtures.Eventually(delegate { return pair.SideA.Statistics.TxBlocksInUse == 0; }, "X to free block 0 on RELEASE_DATA");
                ByteAssert.Equal(helloBlock, bytes, ProtocolFixtures.At(0x200701C0), "X's block 0");
                ByteAssert.Equal(new byte[] { 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 }, bytes, r1 + 0x24, "MSG_DATA(0, 0) at R1+0x024");
                ByteAssert.Equal(new byte[] { 0x24, 0x00, 0x00, 0x00 }, bytes, r1 + 0x04, "R1 wr_idx = 36");
                ByteAssert.Equal(new byte[] { 0x24, 0x00, 0x00, 0x00 }, bytes, r1, "R1 rd_idx (Y read MSG_DATA)");
                ByteAssert.Equal(new byte[] { 0x00, 0x03, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00 }, bytes, r2 + 0x24, "MSG_RELEASE_DATA(0, 0) at R2+0x024");
                ByteAssert.Equal(new byte[] { 0x24, 0x00, 0x00, 0x00 }, bytes, r2 + 0x04, "R2 wr_idx");
                ByteAssert.Equal(new byte[] { 0x24, 0x00, 0x00, 0x00 }, bytes, r2, "R2 rd_idx (X read the release)");

                Assert.AreEqual((int)SendStatus.Sent, (int)y.Endpoint.TrySend(hello, 0, hello.Length, 0), "Y sends hello");
                x.ExpectMessage(0, hello, "X receives hello");
                ProtocolFixtures.Eventually(delegate { return pair.SideB.Statistics.TxBlocksInUse == 0; }, "Y to free block 0 on RELEASE_DATA");
                ByteAssert.Equal(helloBlock, bytes, ProtocolFixtures.At(0x20078200), "Y's block 0");
                ByteAssert.Equal(new byte[] { 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 }, bytes, r2 + 0x2C, "MSG_DATA(0, 0) at R2+0x02C");
                ByteAssert.Equal(new byte[] { 0x2C, 0x00, 0x00, 0x00 }, bytes, r2 + 0x04, "R2 wr_idx = 44");
                ByteAssert.Equal(new byte[] { 0x00, 0x03, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00 }, bytes, r1 + 0x2C, "MSG_RELEASE_DATA(0, 0) at R1+0x02C");
                ByteAssert.Equal(new byte[] { 0x2C, 0x00, 0x00, 0x00 }, bytes, r1 + 0x04, "R1 wr_idx = 44");
                Assert.AreEqual(1, pair.SideA.Statistics.MessagesSent, "X messages sent");
                Assert.AreEqual(1, pair.SideB.Statistics.MessagesReceived, "Y messages received");
                Assert.AreEqual(0, pair.SideA.Statistics.Rejected + pair.SideB.Statistics.Rejected, "nothing rejected");
            }
            finally
            {
                pair.Dispose();
                Forget();
            }
        }

        private static void ExpectBondedRing(RegionPairMemory bytes, uint region, string name)
        {
            int at = ProtocolFixtures.At(region);
            ByteAssert.Equal(new byte[] { 0x14, 0x00, 0x00, 0x00 }, bytes, at, name + " rd_idx = 20 (written by the reader)");
            ByteAssert.Equal(new byte[] { 0x14, 0x00, 0x00, 0x00 }, bytes, at + 0x04, name + " wr_idx = 20");
            ByteAssert.Equal(s_magicPacket, bytes, at + 0x08, name + " magic packet at +0x008 (padding untouched)");
        }

        // A docs pair in which Y registers "ep0" first (address 0), then X; both bound (s_x on X, s_y on Y).
        private static SimulatedPair BindEp0()
        {
            SimulatedPair pair = new SimulatedPair(ProtocolFixtures.DocsSideX());
            s_r1WriteIndexAtXBound = 0;
            s_x = new ProtocolProbe("ep0");
            s_y = new ProtocolProbe("ep0");
            RegionPairMemory bytes = pair.Memory;
            s_x.BoundHook = delegate { s_r1WriteIndexAtXBound = ProtocolFixtures.Word(bytes, ProtocolFixtures.At(ProtocolFixtures.R1) + 0x04); };
            try
            {
                pair.Open();
                s_y.Register(pair.SideB);
                ProtocolFixtures.WaitBonded(pair.SideA, "X");
                ProtocolFixtures.WaitBonded(pair.SideB, "Y");
                s_x.Register(pair.SideA);
                s_x.WaitBound(1);
                s_y.WaitBound(1);
            }
            catch (System.Exception)
            {
                pair.Dispose();
                throw;
            }

            return pair;
        }

        // The probes reach the whole pair: a static must not keep it alive after the test.
        private static void Forget()
        {
            s_x = null;
            s_y = null;
        }
    }
}
