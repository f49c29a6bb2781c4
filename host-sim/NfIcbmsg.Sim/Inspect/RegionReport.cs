using System.Collections.Generic;

namespace NfIcbmsg.Sim.Inspect
{
    /// <summary>One region: its ring and, for ICBMsg, its blocks.</summary>
    public sealed record RegionReport
    {
        /// <summary>"tx" (written by the side of the board file) or "rx" (written by its peer).</summary>
        public required string Name { get; init; }

        public required string Writer { get; init; }

        public uint Address { get; init; }

        public int Size { get; init; }

        public required RingReport Ring { get; init; }

        /// <summary>ICBMsg: bytes per block, 0 for plain ICMsg.</summary>
        public int BlockSize { get; init; }

        public uint BlocksAddress { get; init; }

        /// <summary>ICBMsg: every block of the region; empty for plain ICMsg.</summary>
        public required IReadOnlyList<BlockReport> Blocks { get; init; }
    }
}
