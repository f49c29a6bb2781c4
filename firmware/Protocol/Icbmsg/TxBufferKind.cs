namespace NfIcbmsg.Icbmsg
{
    /// <summary>What a tx buffer starting at a block is for, so a release can be checked against it.</summary>
    internal enum TxBufferKind
    {
        /// <summary>No buffer starts here.</summary>
        None = 0,

        /// <summary>A zero-copy lease the application is still filling.</summary>
        Leased = 1,

        /// <summary>Sent as MSG_DATA; waiting for MSG_RELEASE_DATA.</summary>
        DataSent = 2,

        /// <summary>Sent as MSG_BOUND; waiting for MSG_RELEASE_BOUND.</summary>
        BoundSent = 3,
    }
}
