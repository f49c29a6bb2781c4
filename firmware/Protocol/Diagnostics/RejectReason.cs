namespace NfIcbmsg
{
    /// <summary>
    /// Why an input from the peer was dropped. Every drop is counted per reason in
    /// <see cref="IpcStatistics"/> and reported through the instance's error callback.
    /// </summary>
    public enum RejectReason
    {
        /// <summary>The peer's ring index is misaligned or outside the ring.</summary>
        RingIndexInvalid = 0,

        /// <summary>A packet header claims a length of 0, more than the ring holds, or more than was written.</summary>
        PacketLengthInvalid = 1,

        /// <summary>A packet is longer than this side's read buffer (a Zephyr receiver would stall; it is discarded).</summary>
        PacketTooLong = 2,

        /// <summary>The first packet of a legacy bonding is not the 13-byte magic.</summary>
        MagicInvalid = 3,

        /// <summary>A control message shorter than 3 bytes.</summary>
        ControlMessageTooShort = 4,

        /// <summary>A control message of a type this version does not know (Zephyr ignores these).</summary>
        ControlMessageUnknown = 5,

        /// <summary>An endpoint address at or above the configured number of endpoints.</summary>
        EndpointAddressOutOfRange = 6,

        /// <summary>Data for an address that no ready endpoint holds (unbound, deregistered, unknown).</summary>
        EndpointNotReady = 7,

        /// <summary>A block index at or above the region's block count.</summary>
        BlockIndexOutOfRange = 8,

        /// <summary>A block size header larger than the blocks that follow it.</summary>
        BlockSizeInvalid = 9,

        /// <summary>A new message in blocks this side still holds from an earlier one.</summary>
        BlockInUse = 10,

        /// <summary>A release of blocks this side had not allocated (or already freed).</summary>
        ReleaseOfFreeBlock = 11,

        /// <summary>An endpoint-binding message whose name is empty or has no terminating NUL.</summary>
        BoundNameInvalid = 12,

        /// <summary>An endpoint-binding message for an address already bound or waiting.</summary>
        BoundAddressInUse = 13,

        /// <summary>A release-bound for an address that is not waiting for it.</summary>
        ReleaseBoundUnexpected = 14,

        /// <summary>Data that arrived before the link bonded.</summary>
        NotBonded = 15,

        /// <summary>
        /// The read index the peer keeps in this side's tx ring is misaligned or outside the ring:
        /// nothing can be sent until it is valid again (counted once per corrupt value, not per send).
        /// </summary>
        TxReadIndexInvalid = 16,
    }
}
