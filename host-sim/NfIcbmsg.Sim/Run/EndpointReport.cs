using System.Collections.Generic;

namespace NfIcbmsg.Sim.Run
{
    /// <summary>One endpoint's outcome in `run`: what it sent, what it received and verified, and why it failed.</summary>
    public sealed record EndpointReport
    {
        public required string Name { get; init; }

        public int Address { get; init; }

        public bool Verified { get; init; }

        public int Sent { get; init; }

        public int Received { get; init; }

        public int Failed { get; init; }

        /// <summary>Echo: messages of a peer session that ended before they could be echoed.</summary>
        public int? DroppedAtUnbound { get; init; }

        /// <summary>Source: echoes that came back (0 when the peer is a sink).</summary>
        public int? Echoes { get; init; }

        /// <summary>Ping: round trips.</summary>
        public LatencySummary? Latency { get; init; }

        /// <summary>Receivers: per stream counts and receive-thread allocations.</summary>
        public IReadOnlyList<StreamReport>? Streams { get; init; }

        public string? Error { get; init; }

        /// <summary>Bound and unbound events, with the milliseconds since the run started.</summary>
        public IReadOnlyList<string>? Events { get; init; }
    }
}
