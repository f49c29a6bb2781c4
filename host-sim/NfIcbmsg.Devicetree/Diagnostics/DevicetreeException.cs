using System;

namespace NfIcbmsg.Devicetree.Diagnostics
{
    /// <summary>
    /// A board file that cannot be read at all (syntax, unknown label, include cycle, size bounds).
    /// Reading stops at the first such error: what follows it could not be trusted anyway.
    /// </summary>
    public sealed class DevicetreeException : Exception
    {
        public DevicetreeException(SourceLocation location, string message)
            : this(Diagnostic.Error(location, null, null, message))
        {
        }

        public DevicetreeException(Diagnostic diagnostic)
            : base(diagnostic.ToString())
        {
            Diagnostic = diagnostic;
        }

        public Diagnostic Diagnostic { get; }

        public SourceLocation Location
        {
            get { return Diagnostic.Location; }
        }
    }
}
