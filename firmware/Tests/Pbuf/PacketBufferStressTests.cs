using nanoFramework.TestFramework;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Pbuf
{
    /// <summary>
    /// Writer and reader taking turns on one small ring (one thread, both sides on one memory), with
    /// packet sizes from a seeded generator. A model of the ring predicts every result: a write must
    /// succeed exactly when it fits by the rule of docs/protocol.md §3.4, and every packet must come out whole, in
    /// order and unchanged.
    /// </summary>
    [TestClass]
    public class PacketBufferStressTests
    {
        [TestMethod]
        public void AlternatingWriterAndReaderAgreeWithTheModel()
        {
            CheckAlternatingWriterAndReaderAgreeWithTheModel(64, 0, 0x1CB5);
            CheckAlternatingWriterAndReaderAgreeWithTheModel(128, 0, 0x5EED);
            CheckAlternatingWriterAndReaderAgreeWithTheModel(100, 32, 0xBEEF);
        }

        private static void CheckAlternatingWriterAndReaderAgreeWithTheModel(int regionSize, int cacheAlignment, int seed)
        {
            RingFixture ring = new RingFixture(0x20070000, regionSize, cacheAlignment, false);
            DeterministicRandom random = new DeterministicRandom((uint)seed);
            int dataLength = ring.Layout.DataLength;
            int maxPacket = ring.Layout.MaxPacketLength;
            byte[] source = new byte[maxPacket];
            byte[] sink = new byte[maxPacket];

            // Queue of packet lengths in flight; at most dataLength / 8 packets fit at once.
            int[] queued = new int[dataLength / 8 + 1];
            int head = 0;
            int count = 0;
            int occupied = 0;
            int written = 0;
            int read = 0;
            int refused = 0;
            while (read < 1200)
            {
                int writes = random.Between(0, 3);
                for (int w = 0; w < writes; w++)
                {
                    // Mostly small packets, now and then one up to the maximum (or one over it).
                    int length = random.Next(4) == 0 ? random.Between(1, maxPacket + 1) : random.Between(1, 12);
                    PayloadPattern.Fill(source, 0, length <= maxPacket ? length : maxPacket, written);
                    int cost = RingCost(length);
                    bool fits = length + 4 <= dataLength - occupied - 4;
                    int result = ring.Writer.Write(length <= maxPacket ? source : new byte[length], 0, length);
                    if (fits)
                    {
                        Assert.AreEqual(length, result, "write #" + written.ToString() + " of " + length.ToString() + " bytes with " + occupied.ToString() + " occupied");
                        queued[(head + count) % queued.Length] = length;
                        count++;
                        occupied += cost;
                        written++;
                    }
                    else
                    {
                        Assert.AreEqual(-Errno.ENOMEM, result, "write of " + length.ToString() + " bytes with " + occupied.ToString() + " occupied");
                        refused++;
                    }
                }

                int reads = random.Between(0, 3);
                for (int r = 0; r < reads; r++)
                {
                    if (count == 0)
                    {
                        Assert.AreEqual(0, ring.Reader.Read(sink, 0, sink.Length), "empty ring");
                        continue;
                    }

                    int expected = queued[head];
                    Assert.AreEqual(expected, ring.Reader.PeekLength(), "peek of packet #" + read.ToString());
                    Assert.AreEqual(expected, ring.Reader.Read(sink, 0, sink.Length), "read of packet #" + read.ToString());
                    ByteAssert.Pattern(sink, 0, expected, read, "packet #" + read.ToString());
                    head = (head + 1) % queued.Length;
                    count--;
                    occupied -= RingCost(expected);
                    read++;
                }

                // Keep the guards' write logs short: the device has little RAM.
                ring.WriterMemory.ClearLog();
                ring.ReaderMemory.ClearLog();
            }

            Assert.IsTrue(refused > 0, "the run never filled the ring; it proves nothing about the full case");
            OutputHelper.WriteLine("ring " + dataLength.ToString() + " bytes: " + written.ToString() + " packets written, " + refused.ToString() + " refused as full");
            ring.AssertClean();
        }

        // Ring bytes one packet takes: header plus payload rounded up to a word.
        private static int RingCost(int length)
        {
            return 4 + ((length + 3) & ~3);
        }
    }
}
