using System.Collections.Generic;

namespace NfIcbmsg.Sim.Inspect
{
    /// <summary>A region's packet ring (pbuf): indices as stored, occupancy, and the packets not read yet.</summary>
    public sealed record RingReport
    {
        public uint Address { get; init; }

        /// <summary>Length of the data area; indices run 0 .. DataLength-1.</summary>
        public int DataLength { get; init; }

        /// <summary>rd_idx as stored (written by the reader).</summary>
        public uint ReadIndex { get; init; }

        /// <summary>wr_idx as stored (written by the writer).</summary>
        public uint WriteIndex { get; init; }

        /// <summary>False when either index is misaligned or outside the data area.</summary>
        public bool IndicesValid { get; init; }

        /// <summary>Bytes written and not read; null when the indices are invalid.</summary>
        public int? Occupied { get; init; }

        /// <summary>Bytes a writer could still use (4 are always kept free); null when the indices are invalid.</summary>
        public int? Free { get; init; }

        /// <summary>The session handshake word (ICMsg enable/detect only).</summary>
        public uint? Handshake { get; init; }

        /// <summary>Packets between rd_idx and wr_idx, oldest first.</summary>
        public required IReadOnlyList<PacketReport> Pending { get; init; }
    }
}
