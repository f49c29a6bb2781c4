namespace NfIcbmsg.Devicetree.Diagnostics
{
    /// <summary>
    /// One finding about a board file. The text always has the form
    /// <c>file:line:column: severity: node /path, property 'name': what is wrong and what would be valid</c>
    /// so that editors and CI logs can jump to it.
    /// </summary>
    public sealed record Diagnostic(DiagnosticSeverity Severity, SourceLocation Location, string? NodePath, string? Property, string Message)
    {
        public static Diagnostic Error(SourceLocation location, string? nodePath, string? property, string message)
        {
            return new Diagnostic(DiagnosticSeverity.Error, location, nodePath, property, message);
        }

        public static Diagnostic Warning(SourceLocation location, string? nodePath, string? property, string message)
        {
            return new Diagnostic(DiagnosticSeverity.Warning, location, nodePath, property, message);
        }

        public bool IsError
        {
            get { return Severity == DiagnosticSeverity.Error; }
        }

        /// <summary>The subject part: "node /ipc/ipc0, property 'tx-blocks'" (either part may be absent).</summary>
        public string? Subject
        {
            get
            {
                string? node = NodePath == null ? null : "node " + NodePath;
                string? property = Property == null ? null : "property '" + Property + "'";
                if (node != null && property != null)
                {
                    return node + ", " + property;
                }

                return node ?? property;
            }
        }

        public override string ToString()
        {
            string severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
            string? subject = Subject;
            return Location + ": " + severity + ": " + (subject == null ? string.Empty : subject + ": ") + Message;
        }
    }
}
