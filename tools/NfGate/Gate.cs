using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace NfGate
{
    /// <summary>
    /// Runs the gate: for each configuration and each project (referenced projects first), read the project,
    /// resolve its packages to API surfaces, compile, scan for forbidden constructs, and check for unlisted sources.
    /// </summary>
    public sealed class Gate
    {
        private static readonly HashSet<string> s_supportedLangVersions = ["9", "9.0"];

        private readonly GateOptions _options;
        private readonly SurfaceCompiler _surfaces;

        /// <param name="surfaces">Compiled surfaces to reuse (tests share one); by default compiled from the options.</param>
        public Gate(GateOptions options, SurfaceCompiler? surfaces = null)
        {
            _options = options;
            _surfaces = surfaces ?? new SurfaceCompiler(options.SurfaceRoot);
        }

        public GateResult Run()
        {
            Stopwatch stopwatch = Stopwatch.StartNew();
            List<ProjectResult> results = new List<ProjectResult>();
            IReadOnlyList<string> projects = _options.Projects.Count > 0 ? _options.Projects : DiscoverProjects(results);

            // The configurations are independent: check them in parallel, then merge in the order given.
            SolutionIndex solutions = new SolutionIndex(_options.RepoRoot);
            List<ConfigurationRun> runs = _options.Configurations.Select(configuration => new ConfigurationRun(_surfaces, solutions, configuration)).ToList();
            Parallel.ForEach(runs, run =>
            {
                foreach (string project in projects)
                {
                    run.Process(project);
                }
            });

            foreach (ConfigurationRun run in runs)
            {
                foreach (ProjectOutcome outcome in run.Outcomes)
                {
                    ProjectResult? result = results.FirstOrDefault(r => r.ProjectPath == outcome.ProjectPath);
                    if (result == null)
                    {
                        result = new ProjectResult(outcome.ProjectPath);
                        results.Add(result);
                    }

                    result.Configurations.Add(run.Configuration);
                    result.CountFiles(outcome.FileCount);
                    result.Add(outcome.Diagnostics);
                }
            }

            return new GateResult(_options.RepoRoot, results, _surfaces.Diagnostics, stopwatch.Elapsed);
        }

        private List<string> DiscoverProjects(List<ProjectResult> results)
        {
            string firmware = Path.Combine(_options.RepoRoot, "firmware");
            List<string> found = Directory.Exists(firmware)
                ? Directory.EnumerateFiles(firmware, "*.nfproj", SearchOption.AllDirectories)
                    .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                    .Order(StringComparer.Ordinal)
                    .ToList()
                : [];
            if (found.Count == 0)
            {
                ProjectResult nothing = new ProjectResult(firmware);
                nothing.Add([GateDiagnostic.Error(SourceLocation.StartOf(firmware), RuleIds.ProjectUnreadable, "no *.nfproj found under this folder")]);
                results.Add(nothing);
            }

            return found;
        }

        /// <summary>What checking one project in one configuration found.</summary>
        private sealed record ProjectOutcome(string ProjectPath, int FileCount, List<GateDiagnostic> Diagnostics);

        /// <summary>One configuration: each project is compiled once, after the projects it references.</summary>
        private sealed class ConfigurationRun(SurfaceCompiler surfaces, SolutionIndex solutions, string configuration)
        {
            private readonly Dictionary<string, CompiledProject?> _compiled = new(StringComparer.Ordinal);
            private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);
            private readonly HashSet<string> _checkedProjectFiles = new(StringComparer.Ordinal);

            public string Configuration => configuration;

            /// <summary>The projects in the order they completed: each after the projects it references.</summary>
            public List<ProjectOutcome> Outcomes { get; } = [];

            /// <summary>Compiles <paramref name="projectPath"/> once per run; null when it could not be read.</summary>
            public CompiledProject? Process(string projectPath)
            {
                if (_compiled.TryGetValue(projectPath, out CompiledProject? done))
                {
                    return done;
                }

                _inProgress.Add(projectPath);
                List<GateDiagnostic> diagnostics = new List<GateDiagnostic>();
                CompiledProject? compiled = null;
                NfProject? project = null;
                if (!File.Exists(projectPath))
                {
                    diagnostics.Add(GateDiagnostic.Error(SourceLocation.StartOf(projectPath), RuleIds.ProjectUnreadable, "the project file does not exist"));
                }
                else
                {
                    project = ProjectReader.Read(projectPath, configuration, diagnostics);
                }

                if (project != null)
                {
                    List<MetadataReference> references = ReferenceResolver.Resolve(project, surfaces, solutions, diagnostics);
                    references.AddRange(ReferencedProjects(project, diagnostics));
                    CheckProjectProperties(project, diagnostics);
                    compiled = ProjectCompiler.Compile(project, references, diagnostics);
                    ForbiddenConstructScanner.Scan(compiled.Compilation, diagnostics);
                    UnlistedSourceCheck.Check(project, _checkedProjectFiles, diagnostics);
                }

                // Recorded after the referenced projects, so they come first in the report.
                Outcomes.Add(new ProjectOutcome(projectPath, project?.CompileItems.Count ?? 0, diagnostics));
                _inProgress.Remove(projectPath);
                _compiled[projectPath] = compiled;
                return compiled;
            }

            private IEnumerable<MetadataReference> ReferencedProjects(NfProject project, List<GateDiagnostic> diagnostics)
            {
                foreach (ProjectReferenceItem reference in project.ProjectReferences)
                {
                    string? problem = !reference.FullPath.EndsWith(".nfproj", StringComparison.OrdinalIgnoreCase) ? "is not a nanoFramework project (.nfproj); a device project can only reference those"
                        : !File.Exists(reference.FullPath) ? "does not exist"
                        : _inProgress.Contains(reference.FullPath) ? "references this project back (a cycle)"
                        : null;
                    if (problem != null)
                    {
                        diagnostics.Add(GateDiagnostic.Error(reference.DeclaredAt, RuleIds.ProjectReferenceInvalid, $"project reference {Path.GetRelativePath(project.Directory, reference.FullPath)} {problem}"));
                        continue;
                    }

                    CompiledProject? dependency = Process(reference.FullPath);
                    if (dependency != null)
                    {
                        yield return dependency.Compilation.ToMetadataReference();
                    }
                }
            }

            private static void CheckProjectProperties(NfProject project, List<GateDiagnostic> diagnostics)
            {
                if (!s_supportedLangVersions.Contains(project.LangVersion))
                {
                    diagnostics.Add(GateDiagnostic.Error(project.LocationOf("LangVersion"), RuleIds.LanguageVersion,
                        $"LangVersion '{project.LangVersion}': device code is held to C# 9.0, the nanoFramework default that the gate checks; set 9.0"));
                }

                if (project.CheckForOverflowUnderflow)
                {
                    diagnostics.Add(GateDiagnostic.Error(project.LocationOf("CheckForOverflowUnderflow"), RuleIds.Checked,
                        "CheckForOverflowUnderflow is ignored on nanoFramework (overflow wraps, no OverflowException); check ranges explicitly"));
                }
            }
        }
    }
}
