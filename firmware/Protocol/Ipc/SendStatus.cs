namespace NfIcbmsg
{
    /// <summary>Outcome of a non-throwing send: back-pressure is a value, not an exception.</summary>
    public enum SendStatus
    {
        /// <summary>The message is in the peer's hands.</summary>
        Sent = 0,

        /// <summary>No free tx blocks within the timeout.</summary>
        NoBuffers = 1,

        /// <summary>The endpoint is not bound (or the link not bonded) yet, or no longer.</summary>
        NotBound = 2,

        /// <summary>The ICMsg ring stayed full within the timeout: the peer is not reading (fast enough).</summary>
        RingFull = 3,

        /// <summary>
        /// The peer corrupted this side's tx ring (its read index is misaligned or outside the ring): a
        /// fault of the link, counted as <see cref="RejectReason.TxReadIndexInvalid"/>. Sends succeed
        /// again once the peer writes a valid index.
        /// </summary>
        LinkFault = 4,
    }
}
