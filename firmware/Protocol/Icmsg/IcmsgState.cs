namespace NfIcbmsg.Icmsg
{
    /// <summary>ICMsg's link states (docs/protocol.md §5.3), numbered as Zephyr numbers them; never on the wire.</summary>
    public enum IcmsgState
    {
        /// <summary>Not opened.</summary>
        Off = 0,

        /// <summary>Legacy bonding: magic written, waiting for the peer's.</summary>
        InitializingSidDisabled = 1,

        /// <summary>Session handshake in progress.</summary>
        InitializingSidEnabled = 2,

        /// <summary>Sniffing whether the peer is session-aware or legacy.</summary>
        InitializingSidDetect = 3,

        /// <summary>The peer closed its session; unbound() was delivered.</summary>
        Disconnected = 4,

        /// <summary>Legacy link up.</summary>
        ConnectedSidDisabled = 5,

        /// <summary>Session link up.</summary>
        ConnectedSidEnabled = 6,
    }
}
