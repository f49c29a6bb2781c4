using System.Collections.Generic;

namespace NfIcbmsg.Sim.Inspect
{
    /// <summary>What a shared-memory file holds for one instance, decoded from one side's board file.</summary>
    public sealed record InspectReport
    {
        public required string SharedFile { get; init; }

        public required string Board { get; init; }

        public required string Instance { get; init; }

        /// <summary>"icbmsg" or "icmsg".</summary>
        public required string Backend { get; init; }

        public uint WindowBase { get; init; }

        public int WindowLength { get; init; }

        /// <summary>The region this side writes ("tx"), then the one the peer writes ("rx").</summary>
        public required IReadOnlyList<RegionReport> Regions { get; init; }

        /// <summary>Every finding, each naming its region: what fails validation or cannot be right.</summary>
        public required IReadOnlyList<string> Anomalies { get; init; }
    }
}
