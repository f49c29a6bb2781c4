using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace NfGate
{
    /// <summary>
    /// Checks a project's packages.config against the known surfaces and its &lt;Reference&gt; items against
    /// packages.config, and returns the surfaces the project compiles against (its referenced assemblies, as
    /// MSBuild passes them to the compiler; a package in packages.config that no Reference names adds nothing).
    /// </summary>
    public static class ReferenceResolver
    {
        // ..\packages\<id>.<version>\lib\[<tfm>\]<assembly>.dll|exe, after '\' became '/'.
        private static readonly Regex s_hintPathPattern = new(
            @"(?:^|/)packages/(?<folder>[^/]+)/lib/(?:[^/]+/)*(?<file>[^/]+)\.(?:dll|exe)$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <param name="solutions">Where the solutions listing the project restore packages (HintPaths must point there).</param>
        public static List<MetadataReference> Resolve(NfProject project, SurfaceCompiler surfaces, SolutionIndex solutions, List<GateDiagnostic> diagnostics)
        {
            List<MetadataReference> references = new List<MetadataReference>();
            IReadOnlyList<PackageEntry>? packages = PackagesConfig.Read(project.Directory, diagnostics);
            if (packages == null)
            {
                if (project.References.Count > 0)
                {
                    diagnostics.Add(GateDiagnostic.Error(project.References[0].DeclaredAt, RuleIds.PackagesConfigInvalid,
                        $"the project references '{project.References[0].AssemblyName}' but has no {PackagesConfig.FileName} beside it"));
                }

                return references;
            }

            foreach (PackageEntry package in packages)
            {
                CheckPackage(package, surfaces, diagnostics);
            }

            foreach (AssemblyReference reference in project.References)
            {
                CheckPackagesFolder(project, reference, solutions, diagnostics);
                MetadataReference? resolved = ResolveReference(reference, packages, surfaces, diagnostics);
                if (resolved != null && !references.Contains(resolved))
                {
                    references.Add(resolved);
                }
            }

            return references;
        }

        private static void CheckPackage(PackageEntry package, SurfaceCompiler surfaces, List<GateDiagnostic> diagnostics)
        {
            SurfaceManifest? manifest = surfaces.Find(package.Id);
            if (manifest == null)
            {
                // Build-time tools (Nerdbank.GitVersioning, StyleCop.MSBuild) add no API.
                if (!package.DevelopmentDependency)
                {
                    diagnostics.Add(GateDiagnostic.Error(package.Location, RuleIds.UnknownPackage,
                        $"unknown package '{package.Id}' {package.Version}: there is no API surface {Path.GetFileName(surfaces.SurfaceRoot)}/{package.Id}/, so device code cannot be checked against it; add one (see the README there) or mark a build-only tool developmentDependency=\"true\""));
                }
            }
            else if (package.Version != manifest.Version)
            {
                diagnostics.Add(GateDiagnostic.Error(package.Location, RuleIds.PackageVersionMismatch,
                    $"package '{package.Id}' is pinned to {package.Version}, but its API surface describes {manifest.Version} ({manifest.ManifestPath}); pin {manifest.Version} or update the surface"));
            }
        }

        private static MetadataReference? ResolveReference(AssemblyReference reference, IReadOnlyList<PackageEntry> packages, SurfaceCompiler surfaces, List<GateDiagnostic> diagnostics)
        {
            string name = reference.AssemblyName;
            Match match = reference.HintPath == null ? Match.Empty : s_hintPathPattern.Match(reference.HintPath.Replace('\\', '/'));
            if (!match.Success)
            {
                Report(reference, diagnostics, $"Reference '{name}' has HintPath '{reference.HintPath}'; a nanoFramework reference names the assembly inside its package: ..\\packages\\<id>.<version>\\lib\\{name}.dll");
                return null;
            }

            string folder = match.Groups["folder"].Value;
            PackageEntry? package = packages.FirstOrDefault(p => string.Equals(folder, $"{p.Id}.{p.Version}", StringComparison.OrdinalIgnoreCase));
            if (package == null)
            {
                PackageEntry? sameId = packages.FirstOrDefault(p => folder.StartsWith(p.Id + ".", StringComparison.OrdinalIgnoreCase));
                Report(reference, diagnostics, sameId == null
                    ? $"Reference '{name}' points into package folder '{folder}', but {PackagesConfig.FileName} lists no such package"
                    : $"Reference '{name}' points into package folder '{folder}', but {PackagesConfig.FileName}:{sameId.Location.Line} pins {sameId.Id} {sameId.Version}; update the HintPath");
                return null;
            }

            string file = match.Groups["file"].Value;
            if (!string.Equals(file, name, StringComparison.OrdinalIgnoreCase))
            {
                Report(reference, diagnostics, $"Reference '{name}' has a HintPath to '{file}'; the Include and the HintPath must name the same assembly");
                return null;
            }

            SurfaceManifest? manifest = surfaces.Find(package.Id);
            if (manifest == null)
            {
                return null; // Reported once for packages.config.
            }

            if (!manifest.ShipsAssembly(name))
            {
                Report(reference, diagnostics, $"package '{package.Id}' ships no assembly '{name}' (its surface declares '{string.Join("', '", manifest.OtherAssemblies.Prepend(manifest.AssemblyName))}')");
                return null;
            }

            // The other assemblies of a package (e.g. the test launcher exe) have no API that device code calls.
            return string.Equals(name, manifest.AssemblyName, StringComparison.OrdinalIgnoreCase) ? surfaces.GetReference(package.Id) : null;
        }

        // A warning, not an error: the gate compiles without the package files, but Visual Studio would not find
        // them after restoring into the solution's packages folder.
        private static void CheckPackagesFolder(NfProject project, AssemblyReference reference, SolutionIndex solutions, List<GateDiagnostic> diagnostics)
        {
            string hintPath = reference.HintPath?.Replace('\\', '/') ?? "";
            int packages = hintPath.IndexOf("packages/", StringComparison.OrdinalIgnoreCase);
            if (packages < 0 || (packages > 0 && hintPath[packages - 1] != '/'))
            {
                return; // Not a packages-folder path: reported by ResolveReference.
            }

            string folder = Path.GetFullPath(Path.Combine(project.Directory, hintPath.Substring(0, packages + "packages".Length)));
            foreach (string solution in solutions.SolutionsListing(project.FilePath))
            {
                string solutionDirectory = Path.GetDirectoryName(solution) ?? throw new ArgumentException(solution + " has no folder");
                string expected = Path.Combine(solutionDirectory, "packages");
                if (folder != expected)
                {
                    string found = Path.GetRelativePath(solutionDirectory, folder).Replace('\\', '/');
                    diagnostics.Add(new GateDiagnostic(reference.DeclaredAt, GateSeverity.Warning, RuleIds.PackagesFolder,
                        $"HintPath '{reference.HintPath}' points into {found}/, but {Path.GetFileName(solution)} lists this project and Visual Studio restores its packages into packages/ beside it (paths relative to the solution)"));
                }
            }
        }

        private static void Report(AssemblyReference reference, List<GateDiagnostic> diagnostics, string message) =>
            diagnostics.Add(GateDiagnostic.Error(reference.DeclaredAt, RuleIds.ReferenceMismatch, message));
    }
}
