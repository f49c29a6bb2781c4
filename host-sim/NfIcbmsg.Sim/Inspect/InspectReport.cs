using System.Collections.Generic;

namespace NfIcbmsg.Sim.Inspect
{
    /// <summary>What a shared-memory file holds for one instance, decoded from one side's board file.</summary>
    public sealed record InspectReport
    {
        public string SharedFile { get; init; }

        public string Board { get; init; }

        public string Instance { get; init; }

        /// <summary>"icbmsg" or "icmsg".</summary>
        public string Backend { get; init; }

        public uint WindowBase { get; init; }

        public int WindowLength { get; init; }

        /// <summary>The region this side writes ("tx"), then the one the peer writes ("rx").</summary>
        public IReadOnlyList<RegionReport> Regions { get; init; }

        /// <summary>Every finding, each naming its region: what fails validation or cannot be right.</summary>
        public IReadOnlyList<string> Anomalies { get; init; }
    }
}
