namespace NfIcbmsg.Hal
{
    /// <summary>
    /// The "rx" mailbox channel: the peer's doorbell. Rings may coalesce and may be spurious; whoever
    /// listens drains all pending work on every ring.
    /// </summary>
    public interface IMailboxRx
    {
        /// <summary>Starts delivering rings to <paramref name="handler"/>; rings before this are lost, like edges on an unwatched line.</summary>
        void Listen(DoorbellHandler handler);

        /// <summary>Stops delivering rings. Safe to call when not listening.</summary>
        void Stop();
    }
}
