using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace NfGate
{
    /// <summary>
    /// Which Visual Studio solutions list which projects. Visual Studio restores packages.config packages into
    /// the solution folder's `packages`, so that is where a nanoFramework project's HintPaths must point.
    /// Solutions are looked for at the repository root and under firmware/.
    /// </summary>
    public sealed class SolutionIndex
    {
        // Project("{type}") = "Name", "relative\path.nfproj", "{guid}"
        private static readonly Regex s_projectLine = new(@"^Project\(""\{[^}]+\}""\)\s*=\s*""[^""]*""\s*,\s*""(?<path>[^""]+)""", RegexOptions.Multiline | RegexOptions.CultureInvariant);

        private readonly Dictionary<string, List<string>> _solutionsByProject = new(StringComparer.Ordinal);

        public SolutionIndex(string repoRoot)
        {
            string firmware = Path.Combine(repoRoot, "firmware");
            IEnumerable<string> solutions = Directory.EnumerateFiles(repoRoot, "*.sln");
            if (Directory.Exists(firmware))
            {
                solutions = solutions.Concat(Directory.EnumerateFiles(firmware, "*.sln", SearchOption.AllDirectories));
            }

            foreach (string solution in solutions.Order(StringComparer.Ordinal))
            {
                foreach (Match match in s_projectLine.Matches(File.ReadAllText(solution)))
                {
                    string project = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(solution) ?? throw new ArgumentException(solution + " has no folder"), match.Groups["path"].Value.Replace('\\', '/')));
                    if (!_solutionsByProject.TryGetValue(project, out List<string>? list))
                    {
                        _solutionsByProject[project] = list = [];
                    }

                    list.Add(solution);
                }
            }
        }

        /// <summary>The solutions that list the project (full paths), possibly none.</summary>
        public IReadOnlyList<string> SolutionsListing(string projectPath) =>
            _solutionsByProject.TryGetValue(projectPath, out List<string>? list) ? list : [];
    }
}
