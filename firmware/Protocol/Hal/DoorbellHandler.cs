namespace NfIcbmsg.Hal
{
    /// <summary>
    /// Called when the peer rings. May run in an interrupt or event-dispatch context, so a handler
    /// only wakes a thread and returns; it never does protocol work.
    /// </summary>
    public delegate void DoorbellHandler();
}
