using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;

namespace NfGate
{
    /// <summary>What to check: the repository, the API surfaces, the configurations and the projects.</summary>
    public sealed class GateOptions
    {
        public const string Usage =
            "usage: NfGate [--repo DIR] [--surface DIR] [--configuration Debug|Release]... [project.nfproj ...]\n" +
            "       NfGate --sources [--repo DIR]   list what each firmware project compiles (for tests/nfclr.sh)\n" +
            "       NfGate --conform DIR [--repo DIR]   check each hand-written surface against DIR/<assembly>.dll\n" +
            "  --repo DIR           repository root (default: the current directory)\n" +
            "  --surface DIR        nanoFramework API surfaces (default: <repo>/firmware/nf-surface)\n" +
            "  --configuration C    configuration to check; repeatable (default: Debug and Release)\n" +
            "  project.nfproj       projects to check, relative to the current directory or the repo\n" +
            "                       (default: every *.nfproj under <repo>/firmware)";

        public required string RepoRoot { get; init; }

        public required string SurfaceRoot { get; init; }

        public IReadOnlyList<string> Configurations { get; init; } = ["Debug", "Release"];

        /// <summary>Full paths of the projects to check; empty means every *.nfproj under firmware/.</summary>
        public IReadOnlyList<string> Projects { get; init; } = [];

        public static GateOptions ForRepository(string repoRoot, params string[] projects)
        {
            string root = Path.GetFullPath(repoRoot);
            List<string> resolved = new List<string>();
            foreach (string project in projects)
            {
                resolved.Add(Path.GetFullPath(Path.Combine(root, project)));
            }

            return new GateOptions { RepoRoot = root, SurfaceRoot = Path.Combine(root, "firmware", "nf-surface"), Projects = resolved };
        }

        /// <summary>Parses the command line; on a usage error returns null and sets <paramref name="error"/>.</summary>
        public static GateOptions? Parse(IReadOnlyList<string> args, [NotNullWhen(false)] out string? error)
        {
            error = null;
            string repo = Directory.GetCurrentDirectory();
            string? surface = null;
            List<string> configurations = new List<string>();
            List<string> projects = new List<string>();
            for (int i = 0; i < args.Count; i++)
            {
                string arg = args[i];
                if (arg is "--repo" or "--surface" or "--configuration")
                {
                    if (i + 1 >= args.Count)
                    {
                        error = $"{arg} needs a value";
                        return null;
                    }

                    string value = args[++i];
                    if (arg == "--repo")
                    {
                        repo = value;
                    }
                    else if (arg == "--surface")
                    {
                        surface = value;
                    }
                    else if (value is "Debug" or "Release")
                    {
                        configurations.Add(value);
                    }
                    else
                    {
                        error = $"unknown configuration '{value}' (Debug or Release)";
                        return null;
                    }
                }
                else if (arg.StartsWith('-'))
                {
                    error = $"unknown option '{arg}'";
                    return null;
                }
                else
                {
                    projects.Add(arg);
                }
            }

            string root = Path.GetFullPath(repo);
            return new GateOptions
            {
                RepoRoot = root,
                SurfaceRoot = Path.GetFullPath(surface ?? Path.Combine(root, "firmware", "nf-surface")),
                Configurations = configurations.Count > 0 ? configurations : ["Debug", "Release"],
                Projects = projects.ConvertAll(p => ResolveProject(p, root)),
            };
        }

        // Relative to the current directory if it exists there, else relative to the repository.
        private static string ResolveProject(string path, string root)
        {
            string fromCurrent = Path.GetFullPath(path);
            return File.Exists(fromCurrent) ? fromCurrent : Path.GetFullPath(Path.Combine(root, path));
        }
    }
}
