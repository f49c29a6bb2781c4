namespace NfIcbmsg.Sim.Commands
{
    /// <summary>
    /// The exit codes of every nf-sim command, so scripts and CI can tell "it ran and found something
    /// wrong" from "it could not start".
    /// </summary>
    public static class ExitCodes
    {
        /// <summary>Everything the command did or checked was right (traffic verified, files current, pair mirrors, no anomaly).</summary>
        public const int Success = 0;

        /// <summary>The command ran but not everything was right: traffic not verified, peer missing, timeout, anomalies, stale or invalid board output, sides that do not mirror.</summary>
        public const int Failed = 1;

        /// <summary>Nothing ran: bad options, or a board, shared-memory file or port that could not be used.</summary>
        public const int Setup = 2;
    }
}
