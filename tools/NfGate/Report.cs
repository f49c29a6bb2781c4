using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace NfGate
{
    /// <summary>Prints the findings (path:line:col: error ID: message, paths relative to the repository) and a summary per project.</summary>
    public static class Report
    {
        public static void Write(GateResult result, TextWriter output)
        {
            if (result.SurfaceDiagnostics.Count > 0)
            {
                WriteDiagnostics(result.SurfaceDiagnostics, result.RepoRoot, output);
                output.WriteLine($"nf-gate: API surfaces: {Count(result.SurfaceDiagnostics.Count, "error")}");
            }

            foreach (ProjectResult project in result.Projects)
            {
                WriteDiagnostics(project.Diagnostics, result.RepoRoot, output);
                string path = Path.GetRelativePath(result.RepoRoot, project.ProjectPath).Replace('\\', '/');
                string verdict = project.ErrorCount > 0 ? "FAILED" : "ok";
                output.WriteLine($"nf-gate: {verdict} {path}: {Count(project.FileCount, "file")}, {Count(project.ErrorCount, "error")}, {Count(project.WarningCount, "warning")} ({string.Join(", ", project.Configurations)})");
            }

            string seconds = result.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            string outcome = result.HasErrors ? "FAILED" : "passed";
            output.WriteLine($"nf-gate: {outcome}: {Count(result.Projects.Count, "project")}, {Count(result.ErrorCount, "error")} in {seconds} s");
        }

        private static void WriteDiagnostics(IEnumerable<GateDiagnostic> diagnostics, string repoRoot, TextWriter output)
        {
            foreach (GateDiagnostic diagnostic in diagnostics)
            {
                output.WriteLine(diagnostic.Format(repoRoot));
            }
        }

        private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
    }
}
