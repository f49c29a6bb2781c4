using System;
using System.Collections.Generic;
using System.Linq;

namespace NfGate
{
    /// <summary>The findings for one project, merged over the configurations checked (identical findings once).</summary>
    public sealed class ProjectResult(string projectPath)
    {
        private readonly List<GateDiagnostic> _diagnostics = [];
        private readonly HashSet<GateDiagnostic> _seen = [];

        public string ProjectPath { get; } = projectPath;

        /// <summary>The number of source files compiled (the largest over the configurations).</summary>
        public int FileCount { get; private set; }

        public List<string> Configurations { get; } = [];

        public IReadOnlyList<GateDiagnostic> Diagnostics => _diagnostics
            .OrderBy(d => d.Location.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Line)
            .ThenBy(d => d.Location.Column)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();

        public int ErrorCount => _diagnostics.Count(d => d.Severity == GateSeverity.Error);

        public int WarningCount => _diagnostics.Count(d => d.Severity == GateSeverity.Warning);

        internal void Add(IEnumerable<GateDiagnostic> diagnostics)
        {
            foreach (GateDiagnostic diagnostic in diagnostics.Where(_seen.Add))
            {
                _diagnostics.Add(diagnostic);
            }
        }

        internal void CountFiles(int count) => FileCount = Math.Max(FileCount, count);
    }

    /// <summary>Everything one gate run found.</summary>
    public sealed class GateResult(string repoRoot, IReadOnlyList<ProjectResult> projects, IReadOnlyList<GateDiagnostic> surfaceDiagnostics, TimeSpan elapsed)
    {
        public string RepoRoot { get; } = repoRoot;

        /// <summary>The projects checked, each after the projects it references.</summary>
        public IReadOnlyList<ProjectResult> Projects { get; } = projects;

        /// <summary>Problems in the API surfaces themselves.</summary>
        public IReadOnlyList<GateDiagnostic> SurfaceDiagnostics { get; } = surfaceDiagnostics;

        public TimeSpan Elapsed { get; } = elapsed;

        public IEnumerable<GateDiagnostic> AllDiagnostics => SurfaceDiagnostics.Concat(Projects.SelectMany(p => p.Diagnostics));

        public int ErrorCount => AllDiagnostics.Count(d => d.Severity == GateSeverity.Error);

        public bool HasErrors => ErrorCount > 0;
    }
}
