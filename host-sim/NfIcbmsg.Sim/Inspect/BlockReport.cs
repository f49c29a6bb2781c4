namespace NfIcbmsg.Sim.Inspect
{
    /// <summary>
    /// One ICBMsg block, as far as shared memory tells: a block is known to be allocated while a
    /// pending message names it (DATA or BOUND in its writer's ring, or a release of it in the
    /// reader's ring). Anything else is "unreferenced": free, or delivered and held by the reader,
    /// or leased by the writer; shared memory cannot tell these apart.
    /// </summary>
    public sealed record BlockReport
    {
        public int Index { get; init; }

        public uint Address { get; init; }

        /// <summary>"sent" (message pending), "releasing" (its release pending) or "unreferenced".</summary>
        public required string State { get; init; }

        /// <summary>First block of the buffer this block belongs to (itself for a first block).</summary>
        public int? FirstBlock { get; init; }

        /// <summary>On a first block: the size header.</summary>
        public uint? Size { get; init; }

        /// <summary>Blocks the buffer spans (on a first block).</summary>
        public int? Span { get; init; }

        /// <summary>The pending message that owns the block.</summary>
        public string? Owner { get; init; }

        /// <summary>For a BOUND block: the endpoint name in flight.</summary>
        public string? EndpointName { get; init; }
    }
}
