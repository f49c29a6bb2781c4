namespace NfIcbmsg.Sim.Inspect
{
    /// <summary>One packet waiting in a ring, decoded.</summary>
    public sealed record PacketReport
    {
        /// <summary>Index of its header in the data area.</summary>
        public int Offset { get; init; }

        /// <summary>Payload length from the header.</summary>
        public int Length { get; init; }

        /// <summary>"magic", "control" (ICBMsg), "payload" (plain ICMsg) or "invalid".</summary>
        public required string Kind { get; init; }

        /// <summary>Control message type name (DATA, RELEASE_DATA, BOUND, RELEASE_BOUND, UNKNOWN(..)).</summary>
        public string? Type { get; init; }

        public int? Endpoint { get; init; }

        public int? Block { get; init; }

        /// <summary>One line for people: "DATA ep=1 blk=3 (37 bytes, 1 block)".</summary>
        public string? Text { get; init; }
    }
}
