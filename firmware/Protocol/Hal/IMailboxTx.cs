namespace NfIcbmsg.Hal
{
    /// <summary>The "tx" mailbox channel: a doorbell that interrupts the peer. It carries no data.</summary>
    public interface IMailboxTx
    {
        /// <summary>Rings the peer once. Rings may coalesce on the way.</summary>
        void Raise();
    }
}
