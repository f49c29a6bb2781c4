using System.IO;

namespace NfGate
{
    public enum GateSeverity
    {
        Warning,
        Error,
    }

    /// <summary>One finding of the gate: a compiler diagnostic (CSxxxx) or a gate rule (NFxxx).</summary>
    public sealed record GateDiagnostic(SourceLocation Location, GateSeverity Severity, string Id, string Message)
    {
        public static GateDiagnostic Error(SourceLocation location, string id, string message) =>
            new(location, GateSeverity.Error, id, message);

        /// <summary>The file's path relative to <paramref name="repoRoot"/>, with '/' separators.</summary>
        public string RelativePath(string repoRoot) => Path.GetRelativePath(repoRoot, Location.FilePath).Replace('\\', '/');

        /// <summary>The `path:line:col: error ID: message` form editors and CI logs understand.</summary>
        public string Format(string repoRoot)
        {
            string severity = Severity == GateSeverity.Error ? "error" : "warning";
            return $"{RelativePath(repoRoot)}:{Location.Line}:{Location.Column}: {severity} {Id}: {Message}";
        }
    }
}
