namespace NfIcbmsg.Tests.Support
{
    /// <summary>
    /// Payload bytes that depend on a packet's sequence number and on the position in the packet, so a
    /// reader can check what it got without keeping a copy: a swapped, shifted, truncated or stale packet
    /// does not match.
    /// </summary>
    public static class PayloadPattern
    {
        /// <summary>Byte <paramref name="position"/> of packet <paramref name="sequence"/>.</summary>
        public static byte At(int sequence, int position)
        {
            uint x = (uint)sequence * 0x9E3779B1u + (uint)position * 0x85EBCA77u + 0x165667B1u;
            x ^= x >> 15;
            x *= 0x2C1B3C6Du;
            x ^= x >> 12;
            return (byte)x;
        }

        /// <summary>Writes packet <paramref name="sequence"/>'s first <paramref name="length"/> bytes at <paramref name="index"/>.</summary>
        public static void Fill(byte[] buffer, int index, int length, int sequence)
        {
            for (int i = 0; i < length; i++)
            {
                buffer[index + i] = At(sequence, i);
            }
        }

        /// <summary>A fresh array holding packet <paramref name="sequence"/>'s first <paramref name="length"/> bytes.</summary>
        public static byte[] Create(int length, int sequence)
        {
            byte[] bytes = new byte[length];
            Fill(bytes, 0, length, sequence);
            return bytes;
        }

        /// <summary>The first position where <paramref name="buffer"/> differs from the pattern, or -1.</summary>
        public static int FirstMismatch(byte[] buffer, int index, int length, int sequence)
        {
            for (int i = 0; i < length; i++)
            {
                if (buffer[index + i] != At(sequence, i))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
