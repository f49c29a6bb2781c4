using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace NfGate;

/// <summary>
/// Runs the gate: for each configuration and each project (referenced projects first), read the project,
/// resolve its packages to API surfaces, compile, scan for forbidden constructs, and check for unlisted sources.
/// </summary>
public sealed class Gate
{
    private static readonly HashSet<string> SupportedLangVersions = ["9", "9.0"];

    private readonly GateOptions _options;
    private readonly SurfaceCompiler _surfaces;
    private readonly List<ProjectResult> _results = [];
    private readonly HashSet<string> _checkedProjectFiles = new(StringComparer.Ordinal);

    /// <param name="surfaces">Compiled surfaces to reuse (tests share one); by default compiled from the options.</param>
    public Gate(GateOptions options, SurfaceCompiler surfaces = null)
    {
        _options = options;
        _surfaces = surfaces ?? new SurfaceCompiler(options.SurfaceRoot);
    }

    public GateResult Run()
    {
        Stopwatch stopwatch = Stopwatch.StartNew();
        IReadOnlyList<string> projects = _options.Projects.Count > 0 ? _options.Projects : DiscoverProjects();
        foreach (string configuration in _options.Configurations)
        {
            var run = new ConfigurationRun(this, configuration);
            foreach (string project in projects)
            {
                run.Process(project);
            }
        }

        return new GateResult(_options.RepoRoot, _results, _surfaces.Diagnostics, stopwatch.Elapsed);
    }

    private List<string> DiscoverProjects()
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
            ResultFor(firmware).Add([GateDiagnostic.Error(SourceLocation.StartOf(firmware), RuleIds.ProjectUnreadable, "no *.nfproj found under this folder")]);
        }

        return found;
    }

    private ProjectResult ResultFor(string projectPath)
    {
        ProjectResult result = _results.FirstOrDefault(r => r.ProjectPath == projectPath);
        if (result == null)
        {
            result = new ProjectResult(projectPath);
            _results.Add(result);
        }

        return result;
    }

    /// <summary>One configuration: each project is compiled once, after the projects it references.</summary>
    private sealed class ConfigurationRun(Gate gate, string configuration)
    {
        private readonly Dictionary<string, CompiledProject> _compiled = new(StringComparer.Ordinal);
        private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);

        public CompiledProject Process(string projectPath)
        {
            if (_compiled.TryGetValue(projectPath, out CompiledProject done))
            {
                return done;
            }

            _inProgress.Add(projectPath);
            var diagnostics = new List<GateDiagnostic>();
            CompiledProject compiled = null;
            NfProject project = null;
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
                List<MetadataReference> references = ReferenceResolver.Resolve(project, gate._surfaces, diagnostics);
                references.AddRange(ReferencedProjects(project, diagnostics));
                CheckProjectProperties(project, diagnostics);
                compiled = ProjectCompiler.Compile(project, references, diagnostics);
                ForbiddenConstructScanner.Scan(compiled.Compilation, diagnostics);
                UnlistedSourceCheck.Check(project, gate._checkedProjectFiles, diagnostics);
            }

            // Recorded after the referenced projects, so they come first in the report.
            ProjectResult result = gate.ResultFor(projectPath);
            result.Configurations.Add(configuration);
            result.CountFiles(project?.CompileItems.Count ?? 0);
            result.Add(diagnostics);
            _inProgress.Remove(projectPath);
            _compiled[projectPath] = compiled;
            return compiled;
        }

        private IEnumerable<MetadataReference> ReferencedProjects(NfProject project, List<GateDiagnostic> diagnostics)
        {
            foreach (ProjectReferenceItem reference in project.ProjectReferences)
            {
                string problem = !reference.FullPath.EndsWith(".nfproj", StringComparison.OrdinalIgnoreCase) ? "is not a nanoFramework project (.nfproj); a device project can only reference those"
                    : !File.Exists(reference.FullPath) ? "does not exist"
                    : _inProgress.Contains(reference.FullPath) ? "references this project back (a cycle)"
                    : null;
                if (problem != null)
                {
                    diagnostics.Add(GateDiagnostic.Error(reference.DeclaredAt, RuleIds.ProjectReferenceInvalid, $"project reference {reference.FullPath} {problem}"));
                    continue;
                }

                CompiledProject dependency = Process(reference.FullPath);
                if (dependency != null)
                {
                    yield return dependency.Compilation.ToMetadataReference();
                }
            }
        }

        private static void CheckProjectProperties(NfProject project, List<GateDiagnostic> diagnostics)
        {
            if (!SupportedLangVersions.Contains(project.LangVersion))
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
