using NfIcbmsg.Sim.Run;

namespace NfIcbmsg.Sim.Bench
{
    /// <summary>
    /// One measured case. Throughput cases count messages over a fixed time (until every block came
    /// back); turnaround cases time ping-pongs. Ratios compare with the baselines of the same run.
    /// </summary>
    public sealed record BenchCase
    {
        /// <summary>"in-process", "sim-link" or "socket" (TCP on loopback between two processes); for raw copies, whose memory.</summary>
        public required string Transport { get; init; }

        /// <summary>"turnaround", "throughput" or "raw-copy" (the physical limit).</summary>
        public required string Kind { get; init; }

        /// <summary>"copy" or "zero-copy" send API (null for baselines).</summary>
        public string? Api { get; init; }

        public int Size { get; init; }

        public int Producers { get; init; } = 1;

        public long Messages { get; init; }

        public double Seconds { get; init; }

        public double MessagesPerSecond => Seconds > 0 ? Messages / Seconds : 0;

        public double MegabytesPerSecond => Seconds > 0 ? Messages * (double)Size / Seconds / 1e6 : 0;

        /// <summary>Turnaround: round-trip times.</summary>
        public LatencySummary? Latency { get; init; }

        /// <summary>Doorbells the sending side rang per message (its DATA; over the sim link one datagram each).</summary>
        public double? SenderDoorbellsPerMessage { get; init; }

        /// <summary>Doorbells the receiving side rang per message (its releases; echoes too in turnaround).</summary>
        public double? ReceiverDoorbellsPerMessage { get; init; }

        /// <summary>Bytes the sending thread allocated per message in the sending loop.</summary>
        public double? SenderAllocatedBytesPerMessage { get; init; }

        /// <summary>Bytes the receive thread allocated per message, between the stream's first and last message.</summary>
        public double? ReceiverAllocatedBytesPerMessage { get; init; }

        /// <summary>Throughput in bytes/s as a fraction of the raw copy of the same size over the same memory.</summary>
        public double? FractionOfRawCopy { get; init; }

        /// <summary>Messages/s (throughput) or round trips/s (turnaround) relative to the socket baseline of the same size.</summary>
        public double? TimesSocket { get; init; }

        public bool Verified { get; init; } = true;

        public string? Error { get; init; }

        public string Name => Kind == "raw-copy" ? $"{Transport} raw-copy {Size} B" : $"{Transport} {Kind} {Api ?? string.Empty} {Size} B x{Producers}".Replace("  ", " ");
    }
}
