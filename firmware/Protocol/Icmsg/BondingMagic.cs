namespace NfIcbmsg.Icmsg
{
    /// <summary>The 13-byte packet of legacy bonding (docs/protocol.md §5.2): ASCII "Em1l1K0rn3li4".</summary>
    public static class BondingMagic
    {
        /// <summary>Length sent: always exactly 13, which pre-3.4 peers require.</summary>
        public const int Length = 13;

        private static readonly byte[] s_bytes = new byte[] { 0x45, 0x6D, 0x31, 0x6C, 0x31, 0x4B, 0x30, 0x72, 0x6E, 0x33, 0x6C, 0x69, 0x34 };

        /// <summary>A fresh copy of the magic bytes.</summary>
        public static byte[] ToArray()
        {
            byte[] copy = new byte[Length];
            System.Array.Copy(s_bytes, copy, Length);
            return copy;
        }

        /// <summary>
        /// True when a received packet is a valid magic: at least 13 bytes starting with it (longer
        /// ones are reserved for later versions; only the first 13 bytes count).
        /// </summary>
        public static bool Matches(byte[] packet, int length)
        {
            if (packet == null || length < Length || packet.Length < Length)
            {
                return false;
            }

            for (int i = 0; i < Length; i++)
            {
                if (packet[i] != s_bytes[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
