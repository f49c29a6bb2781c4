using System;
using System.IO;

namespace NfIcbmsg.Platform
{
    /// <summary>
    /// The sim link (shared-memory file or mailbox line) cannot be set up: a file of the wrong size, a
    /// missing file, a port another process holds. The message names the file or port and what was
    /// expected, so a command line can print it as it is.
    /// </summary>
    public sealed class SimLinkException : IOException
    {
        /// <summary>Creates the exception with a message that says what is wrong and with what.</summary>
        public SimLinkException(string message)
            : base(message)
        {
        }

        /// <summary>Creates the exception around the system error that caused it.</summary>
        public SimLinkException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }
}
