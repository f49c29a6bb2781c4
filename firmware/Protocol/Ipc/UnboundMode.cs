namespace NfIcbmsg
{
    /// <summary>ICMsg's devicetree property <c>unbound</c> (docs/protocol.md §5.1). ICBMsg always runs in <see cref="Disable"/>.</summary>
    public enum UnboundMode
    {
        /// <summary>Legacy bonding with the 13-byte magic; no peer restart.</summary>
        Disable = 0,

        /// <summary>Session handshake words; both sides must use it.</summary>
        Enable = 1,

        /// <summary>Session handshake, falling back to legacy bonding with a handshake-unaware peer.</summary>
        Detect = 2,
    }
}
