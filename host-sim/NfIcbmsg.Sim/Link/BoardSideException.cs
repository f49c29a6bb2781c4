using System;

namespace NfIcbmsg.Sim.Link
{
    /// <summary>A board file cannot give the requested side: unreadable, invalid, or without that instance.</summary>
    public sealed class BoardSideException : Exception
    {
        public BoardSideException(string message)
            : base(message)
        {
        }
    }
}
