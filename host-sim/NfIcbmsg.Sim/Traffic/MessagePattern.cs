using System;
using System.Buffers.Binary;

namespace NfIcbmsg.Sim.Traffic
{
    /// <summary>
    /// The deterministic payload every traffic generator of the simulator sends and every receiver
    /// checks: a sequence number, a stream id, the length, then bytes derived from all three, so that
    /// a lost, duplicated, reordered, truncated or corrupted message is caught.
    /// </summary>
    public static class MessagePattern
    {
        /// <summary>Bytes of the header: sequence (u32 LE), stream (u8), reserved (u8), length (u16 LE).</summary>
        public const int HeaderSize = 8;

        /// <summary>Fills <paramref name="buffer"/>[0..length) with message <paramref name="sequence"/> of <paramref name="stream"/>.</summary>
        public static void Fill(Span<byte> buffer, uint sequence, byte stream, int length)
        {
            if (length < HeaderSize || length > buffer.Length || length > ushort.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(length), length, $"a pattern message needs {HeaderSize}..{Math.Min(buffer.Length, ushort.MaxValue)} bytes");
            }

            BinaryPrimitives.WriteUInt32LittleEndian(buffer, sequence);
            buffer[4] = stream;
            buffer[5] = 0;
            BinaryPrimitives.WriteUInt16LittleEndian(buffer[6..], (ushort)length);
            for (int i = HeaderSize; i < length; i++)
            {
                buffer[i] = Byte(sequence, stream, i);
            }
        }

        /// <summary>
        /// Checks a received message against the pattern and the sequence it should carry. Returns
        /// null when it matches, otherwise what is wrong.
        /// </summary>
        public static string? Verify(ReadOnlySpan<byte> message, uint expectedSequence, byte stream)
        {
            if (message.Length < HeaderSize)
            {
                return $"message of {message.Length} bytes is shorter than the {HeaderSize}-byte header";
            }

            uint sequence = BinaryPrimitives.ReadUInt32LittleEndian(message);
            if (sequence != expectedSequence)
            {
                return $"sequence {sequence}, expected {expectedSequence}";
            }

            if (message[4] != stream)
            {
                return $"stream {message[4]}, expected {stream}";
            }

            int length = BinaryPrimitives.ReadUInt16LittleEndian(message[6..]);
            if (length != message.Length)
            {
                return $"header says {length} bytes, {message.Length} arrived";
            }

            for (int i = HeaderSize; i < message.Length; i++)
            {
                if (message[i] != Byte(sequence, stream, i))
                {
                    return $"byte {i} of message {sequence} is 0x{message[i]:X2}, expected 0x{Byte(sequence, stream, i):X2}";
                }
            }

            return null;
        }

        /// <summary>The length of message <paramref name="sequence"/> in a stream whose sizes vary between the bounds.</summary>
        public static int LengthOf(uint sequence, int minimum, int maximum)
        {
            if (minimum < HeaderSize || maximum < minimum)
            {
                throw new ArgumentOutOfRangeException(nameof(minimum), $"sizes {minimum}..{maximum} are not a range of at least {HeaderSize} bytes");
            }

            uint span = (uint)(maximum - minimum + 1);
            return minimum + (int)((sequence * 2654435761u) % span);
        }

        private static byte Byte(uint sequence, byte stream, int index)
        {
            return (byte)((sequence * 31) + (uint)(index * 7) + (uint)(stream * 13));
        }
    }
}
