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
    }
}
