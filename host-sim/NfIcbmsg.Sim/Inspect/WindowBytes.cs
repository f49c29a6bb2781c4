using System;
using System.Buffers.Binary;

namespace NfIcbmsg.Sim.Inspect
{
    /// <summary>A private copy of the shared window, read with the protocol's byte orders. Offsets are window offsets.</summary>
    public sealed class WindowBytes
    {
        public WindowBytes(uint baseAddress, byte[] bytes)
        {
            BaseAddress = baseAddress;
            Bytes = bytes;
        }

        public uint BaseAddress { get; }

        public byte[] Bytes { get; }

        public int OffsetOf(uint address)
        {
            return (int)(address - BaseAddress);
        }

        public uint Word(int offset)
        {
            return BinaryPrimitives.ReadUInt32LittleEndian(Bytes.AsSpan(offset, 4));
        }

        /// <summary>Copies <paramref name="count"/> bytes of a ring's data area starting at <paramref name="index"/>, wrapping at its end.</summary>
        public byte[] Wrapped(int dataOffset, int dataLength, int index, int count)
        {
            byte[] copy = new byte[count];
            for (int i = 0; i < count; i++)
            {
                copy[i] = Bytes[dataOffset + ((index + i) % dataLength)];
            }

            return copy;
        }
    }
}
