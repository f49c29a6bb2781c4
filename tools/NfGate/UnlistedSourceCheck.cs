using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NfGate
{
    /// <summary>
    /// Every .cs file in the folder of an .nfproj or a shared .projitems must be listed by that file: the nanoFramework
    /// project system has no globs, so an unlisted file silently does not build on the device, while an SDK-style
    /// host project that globs its own folder may still compile it. Subfolders that hold a project of their own,
    /// bin and obj are not this project's.
    /// </summary>
    public static class UnlistedSourceCheck
    {
        private static readonly string[] s_projectPatterns = ["*.nfproj", "*.csproj", "*.projitems", "*.shproj"];

        /// <param name="checkedProjectFiles">Project files already checked in this run (shared projects are imported by several projects).</param>
        public static void Check(NfProject project, ISet<string> checkedProjectFiles, List<GateDiagnostic> diagnostics)
        {
            foreach (string projectFile in project.SharedImports.Prepend(project.FilePath))
            {
                if (!checkedProjectFiles.Add(projectFile))
                {
                    continue;
                }

                string directory = Path.GetDirectoryName(projectFile) ?? throw new ArgumentException(projectFile + " has no folder");
                HashSet<string> listed = project.ListedSources.Where(i => i.DeclaredAt.FilePath == projectFile).Select(i => i.FullPath).ToHashSet(StringComparer.Ordinal);
                foreach (string file in SourcesIn(directory, isProjectRoot: true).Where(f => !listed.Contains(f)))
                {
                    string relative = Path.GetRelativePath(directory, file).Replace('/', '\\');
                    string include = projectFile.EndsWith(".projitems", StringComparison.OrdinalIgnoreCase) ? "$(MSBuildThisFileDirectory)" + relative : relative;
                    diagnostics.Add(GateDiagnostic.Error(SourceLocation.StartOf(file), RuleIds.UnlistedSource,
                        $"not listed in {Path.GetFileName(projectFile)}, so it does not build on the device; add <Compile Include=\"{include}\" /> or move the file"));
                }
            }
        }

        private static IEnumerable<string> SourcesIn(string directory, bool isProjectRoot)
        {
            if (!isProjectRoot && s_projectPatterns.Any(pattern => Directory.EnumerateFiles(directory, pattern).Any()))
            {
                yield break;
            }

            foreach (string file in Directory.EnumerateFiles(directory, "*.cs").Order(StringComparer.Ordinal))
            {
                yield return file;
            }

            foreach (string subdirectory in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
            {
                string name = Path.GetFileName(subdirectory);
                if (name is "bin" or "obj" || name.StartsWith('.'))
                {
                    continue;
                }

                foreach (string file in SourcesIn(subdirectory, isProjectRoot: false))
                {
                    yield return file;
                }
            }
        }
    }
}
