using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NfGate
{
    /// <summary>
    /// `NfGate --sources [--repo DIR]`: what each firmware project compiles, read exactly as the gate reads it, for tools
    /// that build the device code with the real nanoFramework toolchain (tests/nfclr.sh). One block per project:
    /// <c>project PATH ASSEMBLY OUTPUTTYPE</c>, then <c>source FULLPATH</c> for each Compile item (shared imports
    /// included) and <c>reference PATH</c> for each ProjectReference; paths are relative to the repository.
    /// </summary>
    public static class SourceListing
    {
        /// <summary>Writes the listing; returns 0, or 1 when a project could not be read (the reason goes to <paramref name="error"/>).</summary>
        public static int Write(string repoRoot, TextWriter output, TextWriter error)
        {
            string firmware = Path.Combine(repoRoot, "firmware");
            List<string> projects = Directory.Exists(firmware)
                ? Directory.EnumerateFiles(firmware, "*.nfproj", SearchOption.AllDirectories)
                    .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                    .Order(StringComparer.Ordinal)
                    .ToList()
                : [];
            if (projects.Count == 0)
            {
                error.WriteLine($"nf-gate: no *.nfproj under {firmware}");
                return 1;
            }

            foreach (string path in projects)
            {
                List<GateDiagnostic> diagnostics = new List<GateDiagnostic>();
                NfProject? project = ProjectReader.Read(path, "Release", diagnostics);
                if (project == null || diagnostics.Any(d => d.Severity == GateSeverity.Error))
                {
                    error.WriteLine($"nf-gate: cannot read {Path.GetRelativePath(repoRoot, path)}; run .ci/nf-gate for the details");
                    return 1;
                }

                output.WriteLine($"project {Relative(repoRoot, path)} {project.AssemblyName} {project.OutputType}");
                foreach (CompileItem item in project.CompileItems)
                {
                    output.WriteLine($"source {Relative(repoRoot, item.FullPath)}");
                }

                foreach (ProjectReferenceItem reference in project.ProjectReferences)
                {
                    output.WriteLine($"reference {Relative(repoRoot, reference.FullPath)}");
                }
            }

            return 0;
        }

        private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
    }
}
