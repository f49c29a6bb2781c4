using System.Collections.Generic;

namespace NfIcbmsg.Sim.Run
{
    /// <summary>The outcome of one `run`: verified or why not, per endpoint, and the instance's counters.</summary>
    public sealed record RunReport
    {
        public string? Mode { get; init; }

        public string? Board { get; init; }

        public string? Instance { get; init; }

        public string? SharedFile { get; init; }

        public int PortBase { get; init; }

        public int TxChannel { get; init; }

        public int RxChannel { get; init; }

        /// <summary>"initiator" or "follower" (ICBMsg), null for plain ICMsg.</summary>
        public string? Role { get; init; }

        public bool Verified { get; init; }

        public string? Error { get; init; }

        public double ElapsedMs { get; init; }

        /// <summary>
        /// Milliseconds from every endpoint bound to everything drained: the traffic alone, measured as
        /// the C peer (nf-sim-link) measures it, so both sides' throughput compare (0 when it never bound).
        /// </summary>
        public double TrafficMs { get; init; }

        public IReadOnlyList<EndpointReport>? Endpoints { get; init; }

        public StatisticsReport? Statistics { get; init; }

        /// <summary>Datagrams this side sent, took as interrupts, and ignored (not one byte).</summary>
        public long DoorbellDatagramsSent { get; init; }

        public long DoorbellDatagramsReceived { get; init; }

        public long DoorbellDatagramsIgnored { get; init; }

        /// <summary>Rings this side lost on purpose (--drop-rings).</summary>
        public long DoorbellsDropped { get; init; }

        /// <summary>The first inputs of the peer that were dropped.</summary>
        public IReadOnlyList<string>? Rejections { get; init; }
    }
}
