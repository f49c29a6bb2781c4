namespace NfIcbmsg
{
    /// <summary>Where an endpoint is in binding (docs/protocol.md §6.7).</summary>
    public enum EndpointState
    {
        /// <summary>Registered; waiting for the link, or for the peer's endpoint of the same name.</summary>
        Configured = 0,

        /// <summary>Initiator: the binding message is out, waiting for the peer to confirm.</summary>
        Bounding = 1,

        /// <summary>Bound: messages flow both ways.</summary>
        Ready = 2,

        /// <summary>Deregistered: incoming messages are rejected; registering the same config again re-binds.</summary>
        Deregistered = 3,

        /// <summary>Re-registered after deregistration; bound() is about to be called again.</summary>
        Rebounding = 4,

        /// <summary>The peer closed its session (ICMsg session modes).</summary>
        Unbound = 5,
    }
}
