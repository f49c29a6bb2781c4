using System.Collections.Generic;

namespace NfIcbmsg.Sim.Bench
{
    /// <summary>Everything one `bench` run measured, with the conditions that matter for reading it.</summary>
    public sealed record BenchReport
    {
        public required string Geometry { get; init; }

        public int DurationMs { get; init; }

        public int ProcessorCount { get; init; }

        public required IReadOnlyList<BenchCase> Cases { get; init; }

        /// <summary>What each receiving side reported at the end of its phase.</summary>
        public required IReadOnlyList<ReceiverSummary> Receivers { get; init; }

        public bool Verified { get; init; }

        public required IReadOnlyList<string> Notes { get; init; }
    }
}
