using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace NfGate
{
    /// <summary>
    /// Hands out each nanoFramework package the firmware uses as a metadata reference. A package NuGet serves here
    /// (its surface.json says <c>"served": true</c>; today nanoFramework.CoreLibrary, i.e. the real mscorlib) is its
    /// real assembly, restored with the gate (NfGate.csproj) and copied next to it under
    /// <c>nf-packages/&lt;PackageId&gt;/&lt;Version&gt;/</c>. The others are compiled in memory from their hand-written
    /// surfaces (firmware/nf-surface/&lt;PackageId&gt;/*.cs), each to an assembly with the real assembly name, once per
    /// instance (thread-safe), after the packages they depend on.
    /// </summary>
    public sealed class SurfaceCompiler
    {
        // Surfaces are written in current C#: only device code is held to C# 9.
        private static readonly CSharpParseOptions s_surfaceParseOptions = new(LanguageVersion.Latest);

        private readonly object _lock = new();
        private readonly Dictionary<string, SurfaceManifest> _manifests = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, MetadataReference?> _compiled = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _inProgress = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<GateDiagnostic> _diagnostics = [];

        public SurfaceCompiler(string surfaceRoot)
        {
            SurfaceRoot = Path.GetFullPath(surfaceRoot);
            if (!Directory.Exists(SurfaceRoot))
            {
                _diagnostics.Add(GateDiagnostic.Error(SourceLocation.StartOf(SurfaceRoot), RuleIds.SurfaceInvalid, "the API surface folder does not exist"));
                return;
            }

            foreach (string directory in Directory.GetDirectories(SurfaceRoot).Order(StringComparer.Ordinal))
            {
                SurfaceManifest? manifest = SurfaceManifest.Load(directory, _diagnostics);
                if (manifest != null)
                {
                    _manifests[manifest.PackageId] = manifest;
                }
            }
        }

        public string SurfaceRoot { get; }

        /// <summary>Problems found in the surfaces themselves (manifests, compile errors), so far.</summary>
        public IReadOnlyList<GateDiagnostic> Diagnostics
        {
            get
            {
                lock (_lock)
                {
                    return _diagnostics.ToList();
                }
            }
        }

        public SurfaceManifest? Find(string packageId) => _manifests.GetValueOrDefault(packageId);

        /// <summary>Every package with a folder under <see cref="SurfaceRoot"/>, by package id.</summary>
        public IReadOnlyList<SurfaceManifest> Manifests => _manifests.Values.OrderBy(m => m.PackageId, StringComparer.Ordinal).ToList();

        /// <summary>The compiled surface of a package, or null if it is unknown or does not compile.</summary>
        public MetadataReference? GetReference(string packageId)
        {
            lock (_lock)
            {
                return Compile(packageId);
            }
        }

        private MetadataReference? Compile(string packageId)
        {
            if (_compiled.TryGetValue(packageId, out MetadataReference? done))
            {
                return done;
            }

            SurfaceManifest? manifest = Find(packageId);
            if (manifest == null || !_inProgress.Add(packageId))
            {
                string problem = manifest == null ? "is not a known surface" : "depends on itself";
                _diagnostics.Add(GateDiagnostic.Error(SourceLocation.StartOf(Path.Combine(SurfaceRoot, packageId)), RuleIds.SurfaceInvalid, $"package '{packageId}' {problem}"));
                return null;
            }

            MetadataReference? reference = manifest.Served ? LoadServed(manifest) : CompileSurface(manifest);
            _inProgress.Remove(packageId);
            _compiled[packageId] = reference;
            return reference;
        }

        /// <summary>Where the real assembly of a served package is expected, next to the running gate.</summary>
        public static string ServedAssemblyPath(SurfaceManifest manifest) =>
            Path.Combine(AppContext.BaseDirectory, "nf-packages", manifest.PackageId, manifest.Version, manifest.AssemblyName + ".dll");

        private MetadataReference? LoadServed(SurfaceManifest manifest)
        {
            string path = ServedAssemblyPath(manifest);
            if (!File.Exists(path))
            {
                _diagnostics.Add(GateDiagnostic.Error(SourceLocation.StartOf(manifest.ManifestPath), RuleIds.SurfaceInvalid,
                    $"package {manifest.PackageId} {manifest.Version} is served by NuGet, but its {manifest.AssemblyName}.dll is not at {path}: tools/NfGate/NfGate.csproj must restore that version"));
                return null;
            }

            if (Directory.EnumerateFiles(manifest.Directory, "*.cs", SearchOption.AllDirectories).Any())
            {
                _diagnostics.Add(GateDiagnostic.Error(SourceLocation.StartOf(manifest.ManifestPath), RuleIds.SurfaceInvalid,
                    $"package {manifest.PackageId} is served (its real assembly is used), so its folder must not declare a surface too"));
                return null;
            }

            return MetadataReference.CreateFromFile(path);
        }

        private MetadataReference? CompileSurface(SurfaceManifest manifest)
        {
            List<MetadataReference> references = new List<MetadataReference>();
            foreach (string dependency in manifest.Dependencies)
            {
                MetadataReference? reference = Compile(dependency);
                if (reference == null)
                {
                    _diagnostics.Add(GateDiagnostic.Error(SourceLocation.StartOf(manifest.ManifestPath), RuleIds.SurfaceInvalid, $"dependency '{dependency}' is unavailable, so this surface is not compiled"));
                    return null;
                }

                references.Add(reference);
            }

            List<SyntaxTree> trees = Directory.GetFiles(manifest.Directory, "*.cs", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(file => CSharpSyntaxTree.ParseText(File.ReadAllText(file), s_surfaceParseOptions, file))
                .ToList();
            CSharpCompilation compilation = CSharpCompilation.Create(
                manifest.AssemblyName,
                trees,
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));

            // The runtime metadata version is what nanoFramework's coreAssembly.rsp passes for mscorlib.
            using MemoryStream image = new MemoryStream();
            EmitResult result = compilation.Emit(image, options: new EmitOptions(runtimeMetadataVersion: "v4.0.30319"));

            // A surface must be clean: its warnings are errors too, or they would hide mistakes in it.
            List<GateDiagnostic> problems = RoslynDiagnostics.Convert(result.Diagnostics, manifest.ManifestPath)
                .Select(d => d with { Severity = GateSeverity.Error })
                .ToList();
            _diagnostics.AddRange(problems);
            return result.Success && problems.Count == 0 ? MetadataReference.CreateFromImage(image.ToArray()) : null;
        }
    }
}
