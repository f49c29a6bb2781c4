using nanoFramework.TestFramework;
using NfIcbmsg.Platform.InMemory;

namespace NfIcbmsg.Tests.Support
{
    /// <summary>Byte comparisons whose failure names the first differing position (CollectionAssert boxes every byte on the device).</summary>
    public static class ByteAssert
    {
        /// <summary>Fails unless <paramref name="actual"/>[<paramref name="offset"/> ..] equals <paramref name="expected"/>.</summary>
        public static void Equal(byte[] expected, byte[] actual, int offset, string what)
        {
            for (int i = 0; i < expected.Length; i++)
            {
                if (actual[offset + i] != expected[i])
                {
                    Assert.AreEqual(expected[i], actual[offset + i], what + ": byte " + i.ToString() + " (0x" + (offset + i).ToString("X") + ")");
                }
            }
        }

        /// <summary>Fails unless the <paramref name="count"/> bytes at <paramref name="offset"/> all equal <paramref name="value"/>.</summary>
        public static void All(byte value, byte[] actual, int offset, int count, string what)
        {
            for (int i = 0; i < count; i++)
            {
                if (actual[offset + i] != value)
                {
                    Assert.AreEqual(value, actual[offset + i], what + ": byte " + i.ToString() + " (0x" + (offset + i).ToString("X") + ")");
                }
            }
        }

        /// <summary>Fails unless the window bytes at <paramref name="offset"/> equal <paramref name="expected"/>.</summary>
        public static void Equal(byte[] expected, RegionPairMemory memory, int offset, string what)
        {
            int at;
            byte[] actual = memory.BytesAt(offset, expected.Length, out at);
            for (int i = 0; i < expected.Length; i++)
            {
                if (actual[at + i] != expected[i])
                {
                    Assert.AreEqual(expected[i], actual[at + i], what + ": byte " + i.ToString() + " (0x" + (offset + i).ToString("X") + ")");
                }
            }
        }

        /// <summary>Fails unless the <paramref name="count"/> window bytes at <paramref name="offset"/> all equal <paramref name="value"/>.</summary>
        public static void All(byte value, RegionPairMemory memory, int offset, int count, string what)
        {
            int at;
            byte[] actual = memory.BytesAt(offset, count, out at);
            for (int i = 0; i < count; i++)
            {
                if (actual[at + i] != value)
                {
                    Assert.AreEqual(value, actual[at + i], what + ": byte " + i.ToString() + " (0x" + (offset + i).ToString("X") + ")");
                }
            }
        }

        /// <summary>Fails unless <paramref name="buffer"/>[<paramref name="index"/> ..] holds packet <paramref name="sequence"/>'s pattern.</summary>
        public static void Pattern(byte[] buffer, int index, int length, int sequence, string what)
        {
            int mismatch = PayloadPattern.FirstMismatch(buffer, index, length, sequence);
            if (mismatch >= 0)
            {
                Assert.AreEqual(PayloadPattern.At(sequence, mismatch), buffer[index + mismatch], what + ": packet " + sequence.ToString() + " byte " + mismatch.ToString());
            }
        }
    }
}
