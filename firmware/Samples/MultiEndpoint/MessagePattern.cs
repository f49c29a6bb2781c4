namespace NfIcbmsg.Samples.MultiEndpoint
{
    /// <summary>
    /// The deterministic payload of the simulator's traffic (host-sim MessagePattern), written for the device:
    /// a header of sequence (u32 LE), stream id (u8), reserved (u8) and length (u16 LE), then bytes derived from
    /// all three, so that a lost, duplicated, reordered, truncated or corrupted message is caught.
    /// </summary>
    public static class MessagePattern
    {
        /// <summary>Bytes of the header.</summary>
        public const int HeaderSize = 8;

        /// <summary>Fills <paramref name="buffer"/>[0..length) with message <paramref name="sequence"/> of <paramref name="stream"/>.</summary>
        public static void Fill(byte[] buffer, uint sequence, byte stream, int length)
        {
            buffer[0] = (byte)sequence;
            buffer[1] = (byte)(sequence >> 8);
            buffer[2] = (byte)(sequence >> 16);
            buffer[3] = (byte)(sequence >> 24);
            buffer[4] = stream;
            buffer[5] = 0;
            buffer[6] = (byte)length;
            buffer[7] = (byte)(length >> 8);
            for (int i = HeaderSize; i < length; i++)
            {
                buffer[i] = At(sequence, stream, i);
            }
        }

        /// <summary>
        /// Checks the first <paramref name="length"/> bytes of <paramref name="message"/> against message
        /// <paramref name="expectedSequence"/> of <paramref name="stream"/>. Returns null when they match,
        /// otherwise what is wrong.
        /// </summary>
        public static string Verify(byte[] message, int length, uint expectedSequence, byte stream)
        {
            if (length < HeaderSize)
            {
                return "message of " + length.ToString() + " bytes is shorter than the header";
            }

            uint sequence = (uint)(message[0] | (message[1] << 8) | (message[2] << 16) | (message[3] << 24));
            if (sequence != expectedSequence)
            {
                return "sequence " + sequence.ToString() + ", expected " + expectedSequence.ToString();
            }

            if (message[4] != stream)
            {
                return "stream " + message[4].ToString() + ", expected " + stream.ToString();
            }

            int declared = message[6] | (message[7] << 8);
            if (declared != length)
            {
                return "header says " + declared.ToString() + " bytes, " + length.ToString() + " arrived";
            }

            for (int i = HeaderSize; i < length; i++)
            {
                byte expected = At(sequence, stream, i);
                if (message[i] != expected)
                {
                    return "byte " + i.ToString() + " of message " + sequence.ToString() + " is 0x" + message[i].ToString("X2") +
                        ", expected 0x" + expected.ToString("X2");
                }
            }

            return null;
        }

        /// <summary>Length of message <paramref name="sequence"/> of a stream whose sizes vary between the bounds.</summary>
        public static int LengthOf(uint sequence, int minimum, int maximum)
        {
            uint span = (uint)(maximum - minimum + 1);
            return minimum + (int)((sequence * 2654435761u) % span);
        }

        private static byte At(uint sequence, byte stream, int index)
        {
            return (byte)((sequence * 31) + (uint)(index * 7) + (uint)(stream * 13));
        }
    }
}
