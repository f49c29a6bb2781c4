namespace NfIcbmsg
{
    /// <summary>Which Zephyr backend an instance speaks (the devicetree <c>compatible</c>).</summary>
    public enum BackendKind
    {
        /// <summary><c>zephyr,ipc-icbmsg</c>: many endpoints, payloads in shared blocks.</summary>
        Icbmsg = 0,

        /// <summary><c>zephyr,ipc-icmsg</c>: one endpoint, payloads in the ring.</summary>
        Icmsg = 1,
    }
}
