namespace NfIcbmsg.Sim.Bench
{
    /// <summary>A receiving side of one phase: verified or not, what it received, the doorbells it rang per message.</summary>
    public sealed record ReceiverSummary(string Transport, string Phase, bool Verified, int MessagesReceived, int DoorbellsRung, double DoorbellsPerMessage, string? Error);
}
