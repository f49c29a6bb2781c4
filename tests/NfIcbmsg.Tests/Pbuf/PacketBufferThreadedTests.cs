using System;
using System.Threading;
using NfIcbmsg.Tests.Support;
using Xunit;

namespace NfIcbmsg.Tests.Pbuf
{
    /// <summary>
    /// Host-only: writer and reader on two threads over one ByteArrayMemory, as two cores would run.
    /// Packet lengths and bytes derive from the sequence number, so the reader checks order, length and
    /// content of every packet without sharing anything with the writer but the ring.
    /// </summary>
    public sealed class PacketBufferThreadedTests
    {
        private const int Packets = 20000;

        [Theory]
        [InlineData(64, 0)]
        [InlineData(256, 0)]
        [InlineData(132, 32)]
        public void WriterAndReaderThreadsPassEveryPacketIntact(int regionSize, int cacheAlignment)
        {
            RingFixture ring = new RingFixture(0x20070000, regionSize, cacheAlignment, false);
            int maxPacket = ring.Layout.MaxPacketLength;
            string? writerFailure = null;
            string? readerFailure = null;

            Thread writer = new Thread(() =>
            {
                try
                {
                    byte[] source = new byte[maxPacket];
                    for (int sequence = 0; sequence < Packets; sequence++)
                    {
                        int length = LengthOf(sequence, maxPacket);
                        PayloadPattern.Fill(source, 0, length, sequence);
                        int result;
                        while ((result = ring.Writer.Write(source, 0, length)) == -Errno.ENOMEM)
                        {
                            Thread.Yield();
                        }

                        if (result != length)
                        {
                            writerFailure = "write #" + sequence + " returned " + result;
                            return;
                        }

                        // The log is only read after both threads stop; keep it from growing without bound.
                        ring.WriterMemory.ClearLog();
                    }
                }
                catch (Exception ex)
                {
                    writerFailure = ex.ToString();
                }
            });

            Thread reader = new Thread(() =>
            {
                try
                {
                    byte[] sink = new byte[maxPacket];
                    for (int sequence = 0; sequence < Packets;)
                    {
                        int result = ring.Reader.Read(sink, 0, sink.Length);
                        if (result == 0)
                        {
                            Thread.Yield();
                            continue;
                        }

                        int length = LengthOf(sequence, maxPacket);
                        if (result != length)
                        {
                            readerFailure = "read #" + sequence + " returned " + result + ", expected " + length;
                            return;
                        }

                        int mismatch = PayloadPattern.FirstMismatch(sink, 0, length, sequence);
                        if (mismatch >= 0)
                        {
                            readerFailure = "packet #" + sequence + " differs at byte " + mismatch;
                            return;
                        }

                        ring.ReaderMemory.ClearLog();
                        sequence++;
                    }
                }
                catch (Exception ex)
                {
                    readerFailure = ex.ToString();
                }
            });

            writer.Start();
            reader.Start();
            bool finished = writer.Join(TimeSpan.FromSeconds(60)) & reader.Join(TimeSpan.FromSeconds(60));

            Assert.True(finished, "the threads did not finish within 60 s (ring stalled?)");
            Assert.Null(writerFailure);
            Assert.Null(readerFailure);
            Assert.Equal(ring.WriteIndex, ring.ReadIndex);
            ring.AssertClean();
        }

        // 1..max, mostly small, every 7th packet large: exercises wrap and full ring.
        private static int LengthOf(int sequence, int maxPacket)
        {
            uint x = (uint)sequence * 2654435761u;
            int length = sequence % 7 == 0 ? (int)(x % (uint)maxPacket) + 1 : (int)(x % 16u) + 1;
            return length;
        }
    }
}
