namespace NfIcbmsg.Esp32.Tests.Mdp
{
    /// <summary>
    /// The metadata processor's CRC-32 (MetadataProcessor.Shared/Utility/Crc32.cs): polynomial 0x04C11DB7,
    /// MSB first, no reflection, no final xor, seeded with the previous value. The table is computed here.
    /// </summary>
    public static class MdpCrc32
    {
        private static readonly uint[] s_table = BuildTable();

        public static uint TableEntry(int index) => s_table[index];

        public static uint Compute(byte[] buffer, uint crc)
        {
            foreach (byte b in buffer)
            {
                crc = s_table[((crc >> 24) ^ b) & 0xFF] ^ (crc << 8);
            }

            return crc;
        }

        private static uint[] BuildTable()
        {
            uint[] table = new uint[256];
            for (uint i = 0; i < 256; i++)
            {
                uint c = i << 24;
                for (int bit = 0; bit < 8; bit++)
                {
                    c = (c & 0x80000000) != 0 ? (c << 1) ^ 0x04C11DB7 : c << 1;
                }

                table[i] = c;
            }

            return table;
        }
    }
}
