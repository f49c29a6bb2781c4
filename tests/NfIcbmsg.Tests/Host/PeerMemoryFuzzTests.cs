using System;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Tests.Support;
using Xunit;

namespace NfIcbmsg.Tests.Host
{
    /// <summary>
    /// Host-only, seeded fuzzing of everything the peer controls (design rules 1–3): its ring (indices,
    /// headers, packet bytes), its blocks (size headers, names, payloads) and the rd_idx it keeps in the
    /// instance's tx ring. The instance is the docs follower X behind a <see cref="ProtocolRegionGuard"/>;
    /// the peer is scripted. Whatever the peer writes, the receiver must never throw out of its loop
    /// (InternalFaults stays 0), never touch memory outside the regions, never hang (a valid message
    /// after each round arrives within the bound), and count and report every input it drops.
    /// A failure names the seed and the round, so it replays exactly.
    /// </summary>
    public sealed class PeerMemoryFuzzTests
    {
        private const int ControlRounds = 300;
        private const int RingRounds = 120;

        [Theory]
        [InlineData(1u)]
        [InlineData(2u)]
        [InlineData(3u)]
        public void FuzzedControlMessagesAreDeliveredOrRejectedExactlyOnce(uint seed)
        {
            // The peer's ring stays well formed; the control messages and the blocks they name are random.
            // A model of §6.10 says which ones a correct receiver delivers; every other one must be
            // rejected exactly once, with no release sent for it.
            ProtocolPeerFixture f = new ProtocolPeerFixture(ProtocolFixtures.DocsSideX());
            try
            {
                f.Start();
                DeterministicRandom random = new DeterministicRandom(seed);
                int blocks = f.Peer.TxLayout.BlockCount;
                int blockSize = f.Peer.TxLayout.BlockSize;
                int endpoints = f.Config.EndpointCount;
                int delivered = 0;
                int rejected = 0;
                for (int round = 0; round < ControlRounds; round++)
                {
                    string where = "seed " + seed + ", round " + round;
                    int length = random.Next(10) == 0 ? random.Between(1, 2) : random.Between(3, 8);
                    byte[] packet = new byte[length];
                    for (int i = 0; i < length; i++)
                    {
                        packet[i] = (byte)random.Next(256);
                    }

                    int typePick = random.Next(10);
                    int type = typePick < 5 ? ControlMessage.Data : typePick < 6 ? ControlMessage.ReleaseData : typePick < 7 ? ControlMessage.Bound : typePick < 8 ? ControlMessage.ReleaseBound : packet[0];
                    int address = random.Next(10) < 7 ? 0 : random.Next(256);
                    int block = random.Next(10) < 8 ? random.Next(blocks + 2) : random.Next(256);
                    if (type == ControlMessage.Bound && address < endpoints)
                    {
                        // A bound for a free address with a good name would park it and change the model.
                        address = 0;
                    }

                    packet[0] = (byte)type;
                    if (length >= 2)
                    {
                        packet[1] = (byte)address;
                    }

                    if (length >= 3)
                    {
                        packet[2] = (byte)block;
                    }

                    bool namesBlock = length >= 3 && (type == ControlMessage.Data || type == ControlMessage.Bound) && block < blocks;
                    uint size = 0;
                    byte[]? content = null;
                    int room = 0;
                    if (namesBlock)
                    {
                        room = (blocks - block) * blockSize - 4;
                        int sizePick = random.Next(10);
                        size = sizePick < 6 ? (uint)random.Between(0, Math.Min(room, 200)) : sizePick < 7 ? (uint)room : sizePick < 9 ? (uint)(room + random.Between(1, 100)) : random.NextUInt();
                        content = new byte[(int)Math.Min(size, (uint)room)];
                        for (int i = 0; i < content.Length; i++)
                        {
                            content[i] = (byte)(type == ControlMessage.Bound && random.Next(2) == 0 ? random.Between(0x20, 0x7E) : random.Next(256));
                        }

                        if (type == ControlMessage.Bound && content.Length > 1 && random.Next(2) == 0)
                        {
                            content[random.Next(content.Length)] = 0;
                        }

                        f.Peer.PutBlock(block, size, content);
                    }

                    bool accepted = length >= 3 && type == ControlMessage.Data && address == 0 && block < blocks && size <= (uint)room;
                    f.Peer.WritePacket(packet, 0, length);
                    f.Peer.Ring();
                    if (accepted)
                    {
                        f.Probe.WaitMessages(delivered + round + 1);
                        byte[] got = f.Probe.Message(delivered + round);
                        Assert.NotNull(content);
                        Assert.True(content.Length == got.Length, where + ": delivered length " + got.Length + ", expected " + content.Length);
                        Assert.True(PayloadEquals(content, got), where + ": delivered bytes differ from the block");
                        f.Peer.ExpectControl(ControlMessage.ReleaseData, 0, block, where + ": release of the accepted message");
                        delivered++;
                    }
                    else
                    {
                        rejected++;
                        f.Rejects.WaitTotal(rejected);
                    }

                    // A valid message after it: proves it was handled completely, and that the receiver works on.
                    int sentinelBlock = round % blocks;
                    byte[] sentinel = PayloadPattern.Create(12, 100000 + round);
                    f.ExpectDelivered(delivered + round, sentinelBlock, sentinel, where + ": the valid message after the fuzzed one");
                    f.ExpectNoPacket(where);
                    Assert.True(rejected == f.Target.Statistics.Rejected, where + ": " + f.Target.Statistics.Rejected + " rejected, the model says " + rejected + " (packet " + BitConverter.ToString(packet) + ", size " + size + ")");
                    Assert.Equal(rejected, f.Rejects.Total);
                    Assert.Equal(0, f.Target.Statistics.InternalFaults);
                    f.Guard.AssertClean();
                }

                f.Rejects.AssertConsistent();
                Assert.True(delivered > ControlRounds / 10, "the fuzz reached the delivery path " + delivered + " times");
                Assert.True(rejected > ControlRounds / 2, "the fuzz reached the rejection paths " + rejected + " times");
            }
            finally
            {
                f.Close();
            }
        }

        [Theory]
        [InlineData(11u)]
        [InlineData(12u)]
        [InlineData(13u)]
        public void CorruptRingsAndIndicesNeverBreakTheReceiver(uint seed)
        {
            ProtocolPeerFixture f = new ProtocolPeerFixture(ProtocolFixtures.DocsSideX());
            try
            {
                f.Start();
                DeterministicRandom random = new DeterministicRandom(seed);
                int dataLength = f.Peer.TxRing.DataLength;
                int maxPacket = f.Peer.TxRing.MaxPacketLength;
                int ringData = f.Peer.TxRing.DataOffset;
                int blocks = f.Peer.TxLayout.BlockCount;
                int[] kinds = new int[5];
                for (int round = 0; round < RingRounds; round++)
                {
                    string where = "seed " + seed + ", round " + round;
                    IpcStatistics statistics = f.Target.Statistics;
                    int rejectedBefore = statistics.Rejected;
                    int kind = random.Next(5);
                    kinds[kind]++;
                    switch (kind)
                    {
                        case 0:
                        {
                            // A wr_idx no writer could publish: misaligned or outside the ring.
                            int indexBefore = statistics.RejectedFor(RejectReason.RingIndexInvalid);
                            uint bad;
                            do
                            {
                                bad = random.Next(2) == 0 ? random.NextUInt() : (uint)random.Next(dataLength + 64);
                            }
                            while ((bad & 3) == 0 && bad < (uint)dataLength);

                            f.Peer.PublishWriteIndex(bad);
                            f.Peer.Ring();
                            Assert.True(ProtocolFixtures.Until(() => statistics.RejectedFor(RejectReason.RingIndexInvalid) > indexBefore, null, ProtocolFixtures.WaitMs), where + ": wr_idx " + bad + " was not rejected");
                            f.Peer.PublishWriteIndex((uint)f.Peer.WritePosition);
                            break;
                        }

                        case 1:
                        {
                            // A packet header with a random length and random bytes after it.
                            int position = f.Peer.WritePosition;
                            int claimed = random.Next(10) == 0 ? 0 : random.Next(0x10000);
                            f.Peer.PutHeader(position, claimed);
                            int span = 4 * random.Between(1, 32);
                            byte[] junk = RandomBytes(random, span - 4);
                            f.Peer.PutData(f.Peer.Advance(position, 4), junk, 0, junk.Length);
                            f.Peer.PublishWriteIndex((uint)f.Peer.Advance(position, span));
                            f.Peer.Ring();
                            Settle(f, where);
                            if (claimed == 0 || claimed > maxPacket)
                            {
                                Assert.True(statistics.Rejected > rejectedBefore, where + ": a header claiming " + claimed + " bytes was not rejected");
                            }

                            f.Peer.ResyncWriter();
                            break;
                        }

                        case 2:
                        {
                            // Random bytes anywhere in the ring's data area, then a random (valid-looking) wr_idx.
                            int spans = random.Between(1, 8);
                            for (int s = 0; s < spans; s++)
                            {
                                byte[] junk = RandomBytes(random, random.Between(1, 24));
                                int at = random.Next(dataLength - junk.Length);
                                f.Memory.Write(ringData + at, junk, 0, junk.Length);
                            }

                            f.Peer.PublishWriteIndex((uint)(4 * random.Next(dataLength / 4)));
                            f.Peer.Ring();
                            Settle(f, where);
                            f.Peer.ResyncWriter();
                            break;
                        }

                        case 3:
                        {
                            // The rd_idx the peer keeps in the instance's tx ring: anything. The instance
                            // must not write outside its ring; its releases wait until the index is sane.
                            uint bad = random.Next(2) == 0 ? random.NextUInt() : (uint)random.Next(600);
                            f.Memory.WriteWord(f.Peer.RxRing.ReadIndexOffset, bad);
                            Sentinel(f, random, blocks, round, where, false);
                            f.Peer.ResyncReader();
                            break;
                        }

                        default:
                        {
                            // Random bytes over random blocks (size headers included), then DATA naming one.
                            int spans = random.Between(1, 4);
                            for (int s = 0; s < spans; s++)
                            {
                                byte[] junk = RandomBytes(random, random.Between(1, 64));
                                int at = f.Peer.TxBlockOffset(0) + random.Next(blocks * f.Peer.TxLayout.BlockSize - junk.Length);
                                f.Memory.Write(at, junk, 0, junk.Length);
                            }

                            int count = f.Probe.MessageCount;
                            int block = random.Next(blocks);
                            f.Peer.Control(ControlMessage.Data, 0, block);
                            bool outcome = ProtocolFixtures.Until(() => f.Probe.MessageCount > count || statistics.Rejected > rejectedBefore, null, ProtocolFixtures.WaitMs);
                            Assert.True(outcome, where + ": DATA in a scribbled block was neither delivered nor rejected");
                            break;
                        }
                    }

                    Sentinel(f, random, blocks, round, where, true);
                    Assert.Equal(0, statistics.InternalFaults);
                    f.Guard.AssertClean();
                    f.Rejects.AssertConsistent();
                }

                for (int k = 0; k < kinds.Length; k++)
                {
                    Assert.True(kinds[k] > 0, "corruption kind " + k + " never ran");
                }
            }
            finally
            {
                f.Close();
            }
        }

        private static bool PayloadEquals(byte[] expected, byte[] actual)
        {
            return expected.AsSpan().SequenceEqual(actual);
        }

        private static byte[] RandomBytes(DeterministicRandom random, int count)
        {
            byte[] bytes = new byte[count];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)random.Next(256);
            }

            return bytes;
        }

        // Waits until the receiver has read its ring up to the wr_idx the peer published (whatever it made of
        // the bytes on the way) and then has run a whole pass more, so whatever it counts for those bytes is
        // counted; a further pass, with nothing new in the ring, must count nothing. A receiver that stalls on a
        // corrupt packet, or keeps going back to one, fails here within the bound.
        private static void Settle(ProtocolPeerFixture f, string where)
        {
            int readIndex = f.Peer.TxRing.ReadIndexOffset;
            int writeIndex = f.Peer.TxRing.WriteIndexOffset;
            bool drained = ProtocolFixtures.Until(() => f.Memory.ReadWord(readIndex) == f.Memory.ReadWord(writeIndex), null, ProtocolFixtures.WaitMs);
            Assert.True(drained, where + ": the receiver stopped at rd_idx " + f.Memory.ReadWord(readIndex) + " short of wr_idx " + f.Memory.ReadWord(writeIndex));

            IpcStatistics statistics = f.Target.Statistics;
            ProtocolFixtures.WaitReceivePass(f.Target, f.TargetRx, where + ": the receiver after its drain");
            string counted = Counted(statistics);
            ProtocolFixtures.WaitReceivePass(f.Target, f.TargetRx, where + ": the receiver with nothing new");
            Assert.True(Counted(statistics) == counted, where + ": the receiver counted more with nothing new in its ring: " + counted + ", then " + Counted(statistics));
        }

        private static string Counted(IpcStatistics statistics)
        {
            return "packets " + statistics.ControlMessagesReceived + ", delivered " + statistics.MessagesReceived + ", rejected " + statistics.Rejected;
        }

        // A valid message in a block the receiver does not hold: it must arrive, and (when the tx ring's
        // rd_idx is sane) its release must come back. Blocks a scribbled bound may have parked are skipped.
        private static void Sentinel(ProtocolPeerFixture f, DeterministicRandom random, int blocks, int round, string where, bool expectRelease)
        {
            IpcStatistics statistics = f.Target.Statistics;
            byte[] sentinel = PayloadPattern.Create(12, 200000 + round);
            for (int attempt = 0; attempt < 8; attempt++)
            {
                int block = random.Next(blocks);
                int count = f.Probe.MessageCount;
                int inUse = statistics.RejectedFor(RejectReason.BlockInUse);
                f.Peer.SendData(0, block, sentinel);
                bool settled = ProtocolFixtures.Until(() => Arrived(f, count, sentinel) || statistics.RejectedFor(RejectReason.BlockInUse) > inUse, null, ProtocolFixtures.WaitMs);
                Assert.True(settled, where + ": the valid message after the corruption was neither delivered nor refused within " + ProtocolFixtures.WaitMs + " ms");
                if (!Arrived(f, count, sentinel))
                {
                    continue;
                }

                if (expectRelease)
                {
                    WaitRelease(f, block, where);
                }

                return;
            }

            Assert.Fail(where + ": no free block for the valid message after 8 attempts");
        }

        private static bool Arrived(ProtocolPeerFixture f, int from, byte[] sentinel)
        {
            int count = f.Probe.MessageCount;
            for (int i = from; i < count; i++)
            {
                if (PayloadEquals(sentinel, f.Probe.Message(i)))
                {
                    return true;
                }
            }

            return false;
        }

        // Reads the instance's ring until the release of `block` (releases of scribbled messages may come first).
        private static void WaitRelease(ProtocolPeerFixture f, int block, string where)
        {
            long deadline = Environment.TickCount64 + ProtocolFixtures.WaitMs;
            while (Environment.TickCount64 < deadline)
            {
                int length = f.Peer.Read();
                if (length < 0)
                {
                    Assert.Fail(where + ": the instance's ring holds a malformed packet");
                }

                if (length == 0)
                {
                    System.Threading.Thread.Sleep(1);
                    continue;
                }

                Assert.True(length == ControlMessage.Length && f.Peer.PacketByte(0) == ControlMessage.ReleaseData, where + ": the instance wrote something other than a release");
                if (f.Peer.PacketByte(2) == block)
                {
                    return;
                }
            }

            Assert.Fail(where + ": no release for block " + block + " within " + ProtocolFixtures.WaitMs + " ms");
        }
    }
}
