using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace NfGate
{
    /// <summary>Turns compiler diagnostics into gate diagnostics (errors and warnings; hidden and info are dropped).</summary>
    public static class RoslynDiagnostics
    {
        public static IEnumerable<GateDiagnostic> Convert(IEnumerable<Diagnostic> diagnostics, string fallbackPath)
        {
            foreach (Diagnostic diagnostic in diagnostics)
            {
                if (diagnostic.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning)
                {
                    GateSeverity severity = diagnostic.Severity == DiagnosticSeverity.Error ? GateSeverity.Error : GateSeverity.Warning;
                    yield return new GateDiagnostic(LocationOf(diagnostic.Location, fallbackPath), severity, diagnostic.Id, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        public static SourceLocation LocationOf(Location location, string fallbackPath)
        {
            if (!location.IsInSource)
            {
                return SourceLocation.StartOf(fallbackPath);
            }

            FileLinePositionSpan span = location.GetLineSpan();
            return new SourceLocation(span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1);
        }
    }
}
