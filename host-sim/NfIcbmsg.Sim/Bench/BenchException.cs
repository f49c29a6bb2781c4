using System;

namespace NfIcbmsg.Sim.Bench
{
    /// <summary>A bench phase could not run (a peer process that did not start or bind); the message says what happened.</summary>
    public sealed class BenchException : Exception
    {
        public BenchException(string message)
            : base(message)
        {
        }
    }
}
