namespace NfIcbmsg.Icmsg
{
    /// <summary>
    /// What an <see cref="IcmsgLink"/> tells the layer above. All calls come from the receive thread.
    /// An interface rather than delegates: one object, no allocations, no generic delegate types.
    /// </summary>
    public interface IIcmsgListener
    {
        /// <summary>The link bonded (legacy magic seen, or session ids acknowledged).</summary>
        void OnLinkBound();

        /// <summary>The peer closed its session (session modes only).</summary>
        void OnLinkUnbound();

        /// <summary>A packet arrived; <paramref name="packet"/> is valid only during the call.</summary>
        void OnPacket(byte[] packet, int length);

        /// <summary>An input was dropped; it has been counted already.</summary>
        void OnRejected(RejectReason reason, string detail);
    }
}
