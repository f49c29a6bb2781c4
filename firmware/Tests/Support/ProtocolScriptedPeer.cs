using nanoFramework.TestFramework;
using NfIcbmsg.Hal;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Icmsg;
using NfIcbmsg.Pbuf;

namespace NfIcbmsg.Tests.Support
{
    /// <summary>
    /// The other core of an ICBMsg instance, played by the test over raw shared memory: it writes its own
    /// ring (the instance's rx ring) and blocks byte by byte, so it can write anything a broken or hostile
    /// peer could — bad headers, bad indices, bad control messages — and it reads the instance's tx ring
    /// to see what the instance answered. It keeps its own ring positions and never uses the code under
    /// test. Not thread safe: one test thread drives it.
    /// </summary>
    public sealed class ProtocolScriptedPeer
    {
        private readonly ISharedMemory _memory;
        private readonly IMailboxTx _doorbell;
        private readonly PacketBufferLayout _tx;
        private readonly PacketBufferLayout _rx;
        private readonly byte[] _header = new byte[PacketBufferLayout.HeaderSize];
        private readonly byte[] _control = new byte[ControlMessage.Length];
        private readonly byte[] _packet;
        private int _write;
        private int _read;

        /// <summary>
        /// A peer configured by <paramref name="peerConfig"/> (the mirror of the instance's configuration),
        /// ringing the instance through <paramref name="doorbell"/>.
        /// </summary>
        public ProtocolScriptedPeer(InstanceConfig peerConfig, ISharedMemory memory, IMailboxTx doorbell)
        {
            _memory = memory;
            _doorbell = doorbell;
            int alignment = peerConfig.DcacheAlignment;
            TxLayout = RegionLayout.Compute(peerConfig.TxRegionAddress, peerConfig.TxRegionSize, peerConfig.TxBlocks, peerConfig.RxBlocks, alignment);
            RxLayout = RegionLayout.Compute(peerConfig.RxRegionAddress, peerConfig.RxRegionSize, peerConfig.RxBlocks, peerConfig.TxBlocks, alignment);
            _tx = PacketBufferLayout.Create(TxLayout.Begin, (int)(TxLayout.Begin - memory.BaseAddress), TxLayout.IcmsgAreaSize, alignment, false);
            _rx = PacketBufferLayout.Create(RxLayout.Begin, (int)(RxLayout.Begin - memory.BaseAddress), RxLayout.IcmsgAreaSize, alignment, false);
            _packet = new byte[_rx.DataLength];
        }

        /// <summary>The region the peer writes (the instance's rx region).</summary>
        public RegionLayout TxLayout { get; }

        /// <summary>The region the peer reads (the instance's tx region).</summary>
        public RegionLayout RxLayout { get; }

        /// <summary>The peer's ring (the instance reads it).</summary>
        public PacketBufferLayout TxRing
        {
            get { return _tx; }
        }

        /// <summary>The instance's ring (the peer reads it).</summary>
        public PacketBufferLayout RxRing
        {
            get { return _rx; }
        }

        /// <summary>Data index where the peer writes its next packet.</summary>
        public int WritePosition
        {
            get { return _write; }
        }

        /// <summary>Window offset of the peer's tx block <paramref name="block"/>.</summary>
        public int TxBlockOffset(int block)
        {
            return (int)(TxLayout.BlockAddress(block) - _memory.BaseAddress);
        }

        /// <summary>Window offset of the instance's tx block <paramref name="block"/>.</summary>
        public int RxBlockOffset(int block)
        {
            return (int)(RxLayout.BlockAddress(block) - _memory.BaseAddress);
        }

        /// <summary>Rings the instance.</summary>
        public void Ring()
        {
            _doorbell.Raise();
        }

        /// <summary>Legacy bonding (docs/protocol.md §5.4): resets the peer's ring, writes the 13-byte magic, rings.</summary>
        public void Bond()
        {
            _write = 0;
            _read = 0;
            _memory.WriteWord(_tx.WriteIndexOffset, 0);
            _memory.WriteWord(_tx.ReadIndexOffset, 0);
            byte[] magic = BondingMagic.ToArray();
            WritePacket(magic, 0, magic.Length);
            Ring();
        }

        /// <summary>Appends one well-formed packet and publishes wr_idx (no ring); false when it does not fit.</summary>
        public bool TryWritePacket(byte[] payload, int index, int length)
        {
            int dataLength = _tx.DataLength;
            uint read = _memory.ReadWord(_tx.ReadIndexOffset);
            if ((read & 3) != 0 || read >= (uint)dataLength)
            {
                return false;
            }

            int occupied = (int)read > _write ? dataLength - ((int)read - _write) : _write - (int)read;
            if (length + PacketBufferLayout.HeaderSize > dataLength - occupied - PacketBufferLayout.IndexSize)
            {
                return false;
            }

            PutHeader(_write, length);
            int payloadAt = Advance(_write, PacketBufferLayout.HeaderSize);
            PutData(payloadAt, payload, index, length);
            _write = Advance(payloadAt, RoundUp4(length));
            PublishWriteIndex((uint)_write);
            return true;
        }

        /// <summary>As <see cref="TryWritePacket"/>, failing the test when the packet does not fit.</summary>
        public void WritePacket(byte[] payload, int index, int length)
        {
            Assert.IsTrue(TryWritePacket(payload, index, length), "the scripted peer's ring has no room for " + length.ToString() + " bytes");
        }

        /// <summary>Writes a packet header claiming <paramref name="length"/> bytes at data index <paramref name="position"/>.</summary>
        public void PutHeader(int position, int length)
        {
            _header[0] = (byte)(length >> 8);
            _header[1] = (byte)length;
            _header[2] = 0;
            _header[3] = 0;
            _memory.Write(_tx.DataOffset + position, _header, 0, PacketBufferLayout.HeaderSize);
        }

        /// <summary>Writes bytes into the peer's data area from <paramref name="position"/>, wrapping at its end.</summary>
        public void PutData(int position, byte[] bytes, int index, int count)
        {
            int first = _tx.DataLength - position;
            if (first > count)
            {
                first = count;
            }

            _memory.Write(_tx.DataOffset + position, bytes, index, first);
            if (first < count)
            {
                _memory.Write(_tx.DataOffset, bytes, index + first, count - first);
            }
        }

        /// <summary>Stores the peer's wr_idx as is (any value, valid or not).</summary>
        public void PublishWriteIndex(uint value)
        {
            _memory.WriteWord(_tx.WriteIndexOffset, value);
        }

        /// <summary>Moves the peer's private write position (after raw writes).</summary>
        public void MoveWriter(int position)
        {
            _write = position;
        }

        /// <summary>Data index <paramref name="count"/> bytes after <paramref name="position"/> in the peer's ring.</summary>
        public int Advance(int position, int count)
        {
            return (position + count) % _tx.DataLength;
        }

        /// <summary>Writes one control message packet (any bytes) and rings.</summary>
        public void Control(byte type, int address, int block)
        {
            _control[0] = type;
            _control[1] = (byte)address;
            _control[2] = (byte)block;
            WritePacket(_control, 0, ControlMessage.Length);
            Ring();
        }

        /// <summary>Fills the peer's tx block <paramref name="block"/>: size header, then the payload.</summary>
        public void PutBlock(int block, uint size, byte[] payload)
        {
            int offset = TxBlockOffset(block);
            _memory.WriteWord(offset, size);
            if (payload != null && payload.Length > 0)
            {
                _memory.Write(offset + RegionLayout.BlockHeaderSize, payload, 0, payload.Length);
            }
        }

        /// <summary>Sends <paramref name="payload"/> as MSG_DATA for <paramref name="address"/> in block <paramref name="block"/>.</summary>
        public void SendData(int address, int block, byte[] payload)
        {
            PutBlock(block, (uint)payload.Length, payload);
            Control(ControlMessage.Data, address, block);
        }

        /// <summary>Offers an endpoint name as MSG_BOUND (the initiator's part of binding).</summary>
        public void OfferBound(string name, int address, int block)
        {
            byte[] bytes = new byte[name.Length + 1];
            for (int i = 0; i < name.Length; i++)
            {
                bytes[i] = (byte)name[i];
            }

            PutBlock(block, (uint)bytes.Length, bytes);
            Control(ControlMessage.Bound, address, block);
        }

        /// <summary>
        /// Reads the instance's next packet into an internal buffer: its length, 0 when the ring is empty,
        /// -1 when the ring does not hold a well-formed packet (nothing consumed).
        /// </summary>
        public int Read()
        {
            int dataLength = _rx.DataLength;
            uint write = _memory.ReadWord(_rx.WriteIndexOffset);
            if ((write & 3) != 0 || write >= (uint)dataLength)
            {
                return -1;
            }

            if ((int)write == _read)
            {
                return 0;
            }

            _memory.Read(_rx.DataOffset + _read, _header, 0, PacketBufferLayout.HeaderSize);
            int length = (_header[0] << 8) | _header[1];
            int occupied = (int)write > _read ? (int)write - _read : dataLength - (_read - (int)write);
            if (length == 0 || length + PacketBufferLayout.HeaderSize > occupied)
            {
                return -1;
            }

            int position = (_read + PacketBufferLayout.HeaderSize) % dataLength;
            int first = dataLength - position;
            if (first > length)
            {
                first = length;
            }

            _memory.Read(_rx.DataOffset + position, _packet, 0, first);
            if (first < length)
            {
                _memory.Read(_rx.DataOffset, _packet, first, length - first);
            }

            _read = (position + RoundUp4(length)) % dataLength;
            _memory.WriteWord(_rx.ReadIndexOffset, (uint)_read);
            return length;
        }

        /// <summary>Byte <paramref name="index"/> of the packet <see cref="Read"/> returned last.</summary>
        public byte PacketByte(int index)
        {
            return _packet[index];
        }

        /// <summary>Waits (bounded) for the instance's next packet; its length, or 0 when none came in <paramref name="timeoutMs"/>.</summary>
        public int WaitPacket(int timeoutMs)
        {
            long deadline = ProtocolFixtures.Now() + timeoutMs;
            while (true)
            {
                int length = Read();
                Assert.IsTrue(length >= 0, "the instance's ring holds a malformed packet");
                if (length > 0 || ProtocolFixtures.Now() >= deadline)
                {
                    return length;
                }

                System.Threading.Thread.Sleep(1);
            }
        }

        /// <summary>Fails unless the instance's next packet is the 13-byte bonding magic.</summary>
        public void ExpectMagic()
        {
            int length = WaitPacket(ProtocolFixtures.WaitMs);
            Assert.AreEqual(BondingMagic.Length, length, "length of the instance's first packet (the magic)");
            Assert.IsTrue(BondingMagic.Matches(_packet, length), "the instance's first packet is the magic");
        }

        /// <summary>Fails unless the instance's next packet is the control message [type, address, block].</summary>
        public void ExpectControl(byte type, int address, int block, string what)
        {
            int length = WaitPacket(ProtocolFixtures.WaitMs);
            string expected = ControlMessage.Name(type) + "(" + address.ToString() + ", " + block.ToString() + ")";
            Assert.AreEqual(ControlMessage.Length, length, what + ": expected " + expected + ", packet length");
            string actual = ControlMessage.Name(_packet[0]) + "(" + _packet[1].ToString() + ", " + _packet[2].ToString() + ")";
            Assert.AreEqual(expected, actual, what);
        }

        /// <summary>Fails if the instance wrote a packet the peer has not read yet.</summary>
        public void ExpectNoPacket(string what)
        {
            int length = Read();
            Assert.AreEqual(0, length, what + ": the instance wrote an unexpected packet" + (length >= ControlMessage.Length ? " " + ControlMessage.Name(_packet[0]) + "(" + _packet[1].ToString() + ", " + _packet[2].ToString() + ")" : ""));
        }

        /// <summary>
        /// Initiator's side of binding against an instance that initiates: reads its MSG_BOUND, checks the
        /// name in its block, answers MSG_RELEASE_BOUND. Returns the address it assigned.
        /// </summary>
        public int AnswerBound(string name)
        {
            int length = WaitPacket(ProtocolFixtures.WaitMs);
            Assert.AreEqual(ControlMessage.Length, length, "length of the instance's MSG_BOUND");
            Assert.AreEqual((int)ControlMessage.Bound, (int)_packet[0], "type of the instance's binding message");
            int address = _packet[1];
            int block = _packet[2];
            int offset = RxBlockOffset(block);
            Assert.AreEqual((uint)(name.Length + 1), _memory.ReadWord(offset), "size header of the name block");
            byte[] stored = new byte[name.Length + 1];
            _memory.Read(offset + RegionLayout.BlockHeaderSize, stored, 0, stored.Length);
            byte[] expected = new byte[name.Length + 1];
            for (int i = 0; i < name.Length; i++)
            {
                expected[i] = (byte)name[i];
            }

            ByteAssert.Equal(expected, stored, 0, "name block");
            Control(ControlMessage.ReleaseBound, address, block);
            return address;
        }

        /// <summary>Consumes whatever the instance wrote (its current wr_idx becomes the peer's rd_idx).</summary>
        public void ResyncReader()
        {
            uint write = _memory.ReadWord(_rx.WriteIndexOffset);
            _read = (int)write;
            _memory.WriteWord(_rx.ReadIndexOffset, write);
        }

        /// <summary>Continues writing where the instance has read up to (its rd_idx), after raw writes went astray.</summary>
        public void ResyncWriter()
        {
            _write = (int)_memory.ReadWord(_tx.ReadIndexOffset);
            PublishWriteIndex((uint)_write);
        }

        private static int RoundUp4(int value)
        {
            return (value + 3) & ~3;
        }
    }
}
