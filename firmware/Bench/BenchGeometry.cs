namespace NfIcbmsg.Bench
{
    /// <summary>The instance geometries the bench and the heap measurement use (side A; side B mirrors it).</summary>
    public static class BenchGeometry
    {
        /// <summary>The Zephyr docs example: tx 0x20070000/0x800 with 16 blocks, rx 0x20078000/0x800 with 32 blocks.</summary>
        public static InstanceConfig Docs()
        {
            return Create(0x20070000, 0x800, 16, 0x20078000, 0x800, 32);
        }

        /// <summary>16 tx and 32 rx blocks of about 2 KiB (2028 and 2036 bytes), the regions back to back.</summary>
        public static InstanceConfig Blocks2K()
        {
            return Create(0x20000000, 0x8400, 16, 0x20008400, 0x10400, 32);
        }

        /// <summary>Two 64 KiB regions with 32 blocks each way (the host bench's geometry).</summary>
        public static InstanceConfig Large()
        {
            return Create(0x20000000, 0x10000, 32, 0x20010000, 0x10000, 32);
        }

        /// <summary>Two 8 KiB regions with 8 blocks each way: small enough for a device's heap.</summary>
        public static InstanceConfig Small()
        {
            return Create(0x20000000, 0x2000, 8, 0x20002000, 0x2000, 8);
        }

        private static InstanceConfig Create(uint txAddress, int txSize, int txBlocks, uint rxAddress, int rxSize, int rxBlocks)
        {
            InstanceConfig config = new InstanceConfig();
            config.Name = "bench";
            config.Backend = BackendKind.Icbmsg;
            config.TxRegionAddress = txAddress;
            config.TxRegionSize = txSize;
            config.TxBlocks = txBlocks;
            config.RxRegionAddress = rxAddress;
            config.RxRegionSize = rxSize;
            config.RxBlocks = rxBlocks;
            config.TxChannel = 0;
            config.RxChannel = 1;
            return config;
        }
    }
}
