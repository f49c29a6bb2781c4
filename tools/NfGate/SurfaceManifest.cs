using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace NfGate
{
    /// <summary>
    /// firmware/nf-surface/&lt;PackageId&gt;/surface.json: which package version the surface describes, the
    /// assembly it compiles to (the real assembly name), the packages it builds on, and any further assemblies the
    /// package ships that device code references but never calls (e.g. nanoFramework.UnitTestLauncher). With
    /// <c>"served": true</c> the folder holds no declarations: the package is served by NuGet, and the gate compiles
    /// against its real assembly (restored with the gate, see <see cref="SurfaceCompiler"/>).
    /// </summary>
    public sealed record SurfaceManifest(
        string PackageId,
        string Version,
        string AssemblyName,
        IReadOnlyList<string> Dependencies,
        IReadOnlyList<string> OtherAssemblies,
        string Directory,
        bool Served = false)
    {
        public const string FileName = "surface.json";

        public string ManifestPath => Path.Combine(Directory, FileName);

        public bool ShipsAssembly(string assemblyName) =>
            string.Equals(AssemblyName, assemblyName, StringComparison.OrdinalIgnoreCase)
            || OtherAssemblies.Contains(assemblyName, StringComparer.OrdinalIgnoreCase);

        /// <summary>Reads the manifest of one surface folder; problems are reported and give null.</summary>
        public static SurfaceManifest? Load(string directory, List<GateDiagnostic> diagnostics)
        {
            string path = Path.Combine(directory, FileName);
            string folderName = Path.GetFileName(directory);
            try
            {
                ManifestJson? json = JsonSerializer.Deserialize<ManifestJson>(File.ReadAllText(path), s_jsonOptions);
                if (json?.Package == null || json.Package != folderName || string.IsNullOrEmpty(json.Version) || string.IsNullOrEmpty(json.Assembly))
                {
                    diagnostics.Add(GateDiagnostic.Error(SourceLocation.StartOf(path), RuleIds.SurfaceInvalid,
                        $"needs \"package\": \"{folderName}\" (the folder name), \"version\" and \"assembly\""));
                    return null;
                }

                return new SurfaceManifest(json.Package, json.Version, json.Assembly, json.Dependencies ?? [], json.OtherAssemblies ?? [], directory, json.Served);
            }
            catch (Exception e) when (e is IOException or JsonException)
            {
                diagnostics.Add(GateDiagnostic.Error(SourceLocation.StartOf(path), RuleIds.SurfaceInvalid, $"cannot read the surface manifest: {e.Message}"));
                return null;
            }
        }

        private static readonly JsonSerializerOptions s_jsonOptions = new() { PropertyNameCaseInsensitive = true };

        private sealed class ManifestJson
        {
            public string? Package { get; set; }

            public string? Version { get; set; }

            public string? Assembly { get; set; }

            public List<string>? Dependencies { get; set; }

            public List<string>? OtherAssemblies { get; set; }

            public bool Served { get; set; }
        }
    }
}
