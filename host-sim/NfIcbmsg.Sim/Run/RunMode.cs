namespace NfIcbmsg.Sim.Run
{
    /// <summary>What the application on one side of `run` does with its endpoints.</summary>
    public enum RunMode
    {
        /// <summary>Sends every message back as it came.</summary>
        Echo,

        /// <summary>Sends a pattern stream; verifies the echoes when the peer echoes.</summary>
        Source,

        /// <summary>Verifies a source's pattern stream.</summary>
        Sink,

        /// <summary>Measures round trips against an echoing peer.</summary>
        Ping,
    }
}
