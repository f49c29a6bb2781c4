namespace NfIcbmsg.Sim.Soak
{
    /// <summary>What a soak run did and found. Crashes, outside accesses and hangs must all be 0.</summary>
    public sealed record SoakReport
    {
        public uint Seed { get; init; }

        public long Mutations { get; init; }

        public int Rounds { get; init; }

        /// <summary>Exceptions in a receive loop or a callback, or unexpected exceptions from the API.</summary>
        public long Crashes { get; init; }

        /// <summary>Reads or writes outside the memory a side may touch.</summary>
        public long OutsideAccesses { get; init; }

        /// <summary>Receive threads that stopped answering (no idle re-check within the bound, or no close).</summary>
        public long Hangs { get; init; }

        /// <summary>Messages delivered to the endpoints (both sides) while the memory was being mutated.</summary>
        public long Deliveries { get; init; }

        /// <summary>Inputs dropped and counted by the instances.</summary>
        public long Rejected { get; init; }

        /// <summary>Rounds whose endpoints bound before mutation started (the rest bonded or bound too slowly).</summary>
        public int RoundsBound { get; init; }

        public double ElapsedSeconds { get; init; }

        public string? FirstProblem { get; init; }

        public bool Clean => Crashes == 0 && OutsideAccesses == 0 && Hangs == 0;
    }
}
