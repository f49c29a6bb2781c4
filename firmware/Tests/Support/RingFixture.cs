using nanoFramework.TestFramework;
using NfIcbmsg.Pbuf;
using NfIcbmsg.Platform.InMemory;

namespace NfIcbmsg.Tests.Support
{
    /// <summary>
    /// One packet-buffer region in a <see cref="ByteArrayMemory"/>, with guard margins before and after
    /// it, a writer and a reader <see cref="PacketBuffer"/> each behind its own <see cref="GuardedMemory"/>
    /// (the writer may write wr_idx, the data area and — for TxInit — rd_idx; the reader only rd_idx and
    /// the handshake word), and "peer" helpers that poke raw bytes the way a broken or hostile core would.
    /// Every byte starts as <see cref="Canary"/>, so untouched padding stays recognisable.
    /// </summary>
    public sealed class RingFixture
    {
        /// <summary>Bytes of guard margin before and after the region.</summary>
        public const int Margin = 32;

        /// <summary>Fill byte of the whole window before the test starts.</summary>
        public const byte Canary = 0xC3;

        /// <summary>
        /// Lays out a region of <paramref name="regionSize"/> bytes at <paramref name="regionAddress"/>
        /// (which must be at least <see cref="Margin"/>), then runs the writer's TxInit and the reader's RxInit.
        /// </summary>
        public RingFixture(uint regionAddress, int regionSize, int cacheAlignment, bool handshake)
            : this(regionAddress, regionSize, cacheAlignment, handshake, true)
        {
        }

        /// <summary>As above; with <paramref name="initialise"/> false the rings are left as constructed.</summary>
        public RingFixture(uint regionAddress, int regionSize, int cacheAlignment, bool handshake, bool initialise)
        {
            Memory = new ByteArrayMemory(regionAddress - Margin, regionSize + 2 * Margin);
            byte[] bytes = Memory.Bytes;
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = Canary;
            }

            Layout = PacketBufferLayout.Create(regionAddress, Margin, regionSize, cacheAlignment, handshake);
            WriterMemory = new GuardedMemory(Memory, "writer", Margin, regionSize);
            WriterMemory.AllowWrites(Layout.ReadIndexOffset, PacketBufferLayout.IndexSize);
            WriterMemory.AllowWrites(Layout.WriteIndexOffset, PacketBufferLayout.IndexSize);
            WriterMemory.AllowWrites(Layout.DataOffset, Layout.DataLength);
            ReaderMemory = new GuardedMemory(Memory, "reader", Margin, regionSize);
            ReaderMemory.AllowWrites(Layout.ReadIndexOffset, PacketBufferLayout.IndexSize);
            if (handshake)
            {
                ReaderMemory.AllowWrites(Layout.HandshakeOffset, PacketBufferLayout.IndexSize);
            }

            Writer = new PacketBuffer(WriterMemory, Layout);
            Reader = new PacketBuffer(ReaderMemory, Layout);
            if (initialise)
            {
                Writer.TxInit();
                Reader.RxInit();
                WriterMemory.ClearLog();
                ReaderMemory.ClearLog();
            }
        }

        /// <summary>The whole window (margins included).</summary>
        public ByteArrayMemory Memory { get; }

        /// <summary>The region's layout (offsets are window offsets).</summary>
        public PacketBufferLayout Layout { get; }

        /// <summary>What the writer's accesses go through.</summary>
        public GuardedMemory WriterMemory { get; }

        /// <summary>What the reader's accesses go through.</summary>
        public GuardedMemory ReaderMemory { get; }

        /// <summary>The writing side (owns wr_idx and the data).</summary>
        public PacketBuffer Writer { get; }

        /// <summary>The reading side (owns rd_idx).</summary>
        public PacketBuffer Reader { get; }

        /// <summary>The raw window bytes.</summary>
        public byte[] Bytes
        {
            get { return Memory.Bytes; }
        }

        /// <summary>Window offset of a region offset (the "R+0x…" of docs/protocol.md).</summary>
        public int At(int regionOffset)
        {
            return Margin + regionOffset;
        }

        /// <summary>The shared rd_idx as stored.</summary>
        public uint ReadIndex
        {
            get { return Memory.ReadWord(Layout.ReadIndexOffset); }
        }

        /// <summary>The shared wr_idx as stored.</summary>
        public uint WriteIndex
        {
            get { return Memory.ReadWord(Layout.WriteIndexOffset); }
        }

        /// <summary>Byte <paramref name="index"/> of the data area.</summary>
        public byte Data(int index)
        {
            return Memory.Bytes[Layout.DataOffset + index];
        }

        /// <summary>Stores a word as the peer would, bypassing both guards.</summary>
        public void Poke(int windowOffset, uint value)
        {
            Memory.WriteWord(windowOffset, value);
        }

        /// <summary>Overwrites the BE16 length of a packet header at data index <paramref name="position"/>.</summary>
        public void PokeHeaderLength(int position, int length)
        {
            Memory.Bytes[Layout.DataOffset + position] = (byte)(length >> 8);
            Memory.Bytes[Layout.DataOffset + position + 1] = (byte)length;
        }

        /// <summary>Refills the data area with <see cref="Canary"/> (to see afterwards which bytes a write touched).</summary>
        public void RefillData()
        {
            for (int i = 0; i < Layout.DataLength; i++)
            {
                Memory.Bytes[Layout.DataOffset + i] = Canary;
            }
        }

        /// <summary>Writes <paramref name="payload"/> and fails unless the whole packet was accepted.</summary>
        public void Send(byte[] payload)
        {
            Assert.AreEqual(payload.Length, Writer.Write(payload, 0, payload.Length), "write of " + payload.Length.ToString() + " bytes");
        }

        /// <summary>Reads the next packet and fails unless it equals <paramref name="expected"/>.</summary>
        public void Expect(byte[] expected)
        {
            byte[] buffer = new byte[expected.Length + 8];
            Assert.AreEqual(expected.Length, Reader.Read(buffer, 0, buffer.Length), "length of the packet read");
            ByteAssert.Equal(expected, buffer, 0, "payload read");
        }

        /// <summary>
        /// Moves an empty ring so that both indices stand at data index <paramref name="position"/> (a
        /// multiple of 4), by writing and reading filler packets through the public API.
        /// </summary>
        public void MoveTo(int position)
        {
            int length = Layout.DataLength;
            int guard = 0;
            while ((int)ReadIndex != position)
            {
                int distance = (position - (int)ReadIndex + length) % length;
                int payload = distance >= 8 ? distance - 4 : 4;
                if (payload > Layout.MaxPacketLength)
                {
                    payload = Layout.MaxPacketLength;
                }

                byte[] filler = new byte[payload];
                Send(filler);
                Expect(filler);
                guard++;
                Assert.IsTrue(guard < 8, "MoveTo(" + position.ToString() + ") does not converge");
            }

            Assert.AreEqual((uint)position, WriteIndex, "wr_idx after MoveTo");
            WriterMemory.ClearLog();
            ReaderMemory.ClearLog();
        }

        /// <summary>Fails if either side was refused an access or the margins around the region changed.</summary>
        public void AssertClean()
        {
            WriterMemory.AssertClean();
            ReaderMemory.AssertClean();
            ByteAssert.All(Canary, Memory.Bytes, 0, Margin, "margin before the region");
            ByteAssert.All(Canary, Memory.Bytes, Margin + Layout.RegionSize, Margin, "margin after the region");
        }
    }
}
