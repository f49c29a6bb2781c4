using System;

namespace NfIcbmsg.Sim.Run
{
    /// <summary>The options do not fit the instance (e.g. messages larger than it carries): nothing was started.</summary>
    public sealed class RunSetupException : Exception
    {
        public RunSetupException(string message)
            : base(message)
        {
        }
    }
}
