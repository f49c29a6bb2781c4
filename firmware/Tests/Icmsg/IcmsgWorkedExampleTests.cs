using nanoFramework.TestFramework;
using NfIcbmsg.Icmsg;
using NfIcbmsg.Platform.InMemory;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Icmsg
{
    /// <summary>
    /// docs/protocol.md §8.5: the docs regions as a plain ICMsg instance (unbound = disable, D = 0). Each ring spans
    /// its whole 2 KiB region; after the magic, "hello" is the second packet, at data offset 20.
    /// </summary>
    [TestClass]
    public class IcmsgWorkedExampleTests
    {
        [TestMethod]
        public void HelloFollowsTheMagicInTheRing()
        {
            SimulatedPair pair = new SimulatedPair(ProtocolFixtures.IcmsgSideX(UnboundMode.Disable, 0));
            try
            {
                ProtocolProbe x = new ProtocolProbe("ep");
                ProtocolProbe y = new ProtocolProbe("ep");
                ProtocolFixtures.BindPair(pair, x, y);
                RegionPairMemory bytes = pair.Memory;
                int r1 = ProtocolFixtures.At(ProtocolFixtures.R1);
                int r2 = ProtocolFixtures.At(ProtocolFixtures.R2);
                byte[] magicPacket = new byte[] { 0x00, 0x0D, 0x00, 0x00, 0x45, 0x6D, 0x31, 0x6C, 0x31, 0x4B, 0x30, 0x72, 0x6E, 0x33, 0x6C, 0x69, 0x34, 0x00, 0x00, 0x00 };
                ByteAssert.Equal(magicPacket, bytes, r1 + 0x08, "X's magic at R1+0x008");
                ByteAssert.Equal(magicPacket, bytes, r2 + 0x08, "Y's magic at R2+0x008");
                ByteAssert.Equal(new byte[] { 0x14, 0x00, 0x00, 0x00 }, bytes, r2, "R2 rd_idx (X read Y's magic)");

                byte[] hello = ProtocolFixtures.Ascii("hello");
                Assert.AreEqual((int)SendStatus.Sent, (int)x.Endpoint.TrySend(hello, 0, hello.Length, 0), "X sends hello");
                y.ExpectMessage(0, hello, "Y receives hello");
                ByteAssert.Equal(new byte[] { 0x00, 0x05, 0x00, 0x00, 0x68, 0x65, 0x6C, 0x6C, 0x6F, 0x00, 0x00, 0x00 }, bytes, r1 + 0x1C, "hello packet at R1+0x01C (3 pad bytes untouched)");
                ByteAssert.Equal(new byte[] { 0x20, 0x00, 0x00, 0x00 }, bytes, r1 + 0x04, "R1 wr_idx = 32");
                ByteAssert.Equal(new byte[] { 0x20, 0x00, 0x00, 0x00 }, bytes, r1, "R1 rd_idx (Y read hello)");
                ByteAssert.All(0, bytes, r1 + 0x28, ProtocolFixtures.RegionSize - 0x28, "R1 after hello");
                Assert.AreEqual(0, pair.SideA.Statistics.Rejected + pair.SideB.Statistics.Rejected, "nothing rejected");
            }
            finally
            {
                pair.Dispose();
            }
        }

        [TestMethod]
        public void MessagesAreLimitedByThePeersReadBuffer()
        {
            // The ring could carry 2032 bytes (data length 2040 - 8), but a Zephyr receiver reads at most
            // PBUF_RX_READ_BUF_SIZE = 128 bytes and stalls on anything longer: 128 is the limit.
            SimulatedPair pair = new SimulatedPair(ProtocolFixtures.IcmsgSideX(UnboundMode.Disable, 0));
            try
            {
                ProtocolProbe x = new ProtocolProbe("ep");
                ProtocolProbe y = new ProtocolProbe("ep");
                ProtocolFixtures.BindPair(pair, x, y);
                Assert.AreEqual(128, x.Endpoint.TxBufferSize, "largest message");
                byte[] largest = PayloadPattern.Create(128, 7);
                Assert.AreEqual((int)SendStatus.Sent, (int)x.Endpoint.TrySend(largest, 0, largest.Length, 0), "128 bytes");
                y.ExpectMessage(0, largest, "128-byte message");
                byte[] tooLong = new byte[129];
                Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), delegate { x.Endpoint.TrySend(tooLong, 0, tooLong.Length, 0); });
                Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), delegate { x.Endpoint.TrySend(tooLong, 0, 0, 0); });
            }
            finally
            {
                pair.Dispose();
            }
        }
    }
}
