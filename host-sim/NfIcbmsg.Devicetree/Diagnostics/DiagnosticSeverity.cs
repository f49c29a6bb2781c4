namespace NfIcbmsg.Devicetree.Diagnostics
{
    /// <summary>An error makes a board unusable (the tools refuse it); a warning names something Zephyr accepts but that is probably not meant.</summary>
    public enum DiagnosticSeverity
    {
        Warning,
        Error,
    }
}
