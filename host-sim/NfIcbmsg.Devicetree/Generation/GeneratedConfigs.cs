using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using NfIcbmsg.Devicetree.Boards;

namespace NfIcbmsg.Devicetree.Generation
{
    /// <summary>One generated file: where it goes, its text, and the board file and instance it comes from.</summary>
    public sealed record GeneratedFile(string Path, string Content, string Source, string Instance);

    /// <summary>
    /// The set of generated device configurations and their projitems. The set is: every enabled
    /// instance of every board file whose root says nf,runtime = "nanoframework", plus any generated
    /// file already on disk whose board file and instance still exist (made with an explicit
    /// "generate FILE --instance NAME"). <see cref="Check"/> is the CI gate: it fails, naming the
    /// file, when anything on disk differs from what the board files say now.
    /// </summary>
    public static class GeneratedConfigs
    {
        public const string Folder = "firmware/Boards";
        public const string ProjitemsPath = Folder + "/NfIcbmsg.Boards.projitems";
        public const string SharedGuid = "0F1A9554-A23E-4755-B46E-F1B582519FE4";

        private static readonly Regex s_header = new Regex("^" + Regex.Escape(ConfigGenerator.HeaderPrefix) + @"(\S+), instance (\S+)\. Do not edit:", RegexOptions.CultureInvariant);

        /// <summary>Generates one instance of one board file, or returns null and adds why to <paramref name="problems"/>.</summary>
        public static GeneratedFile? Plan(BoardCatalog catalog, string source, string instanceName, List<string> problems)
        {
            return Plan(catalog, source, instanceName, problems, ReadOptions.None);
        }

        /// <summary>As <see cref="Plan(BoardCatalog, string, string, List{string})"/>, reading the board file with a base devicetree or include directories.</summary>
        public static GeneratedFile? Plan(BoardCatalog catalog, string source, string instanceName, List<string> problems, ReadOptions options)
        {
            if (!File.Exists(catalog.Full(source)))
            {
                problems.Add(source + ": board file not found");
                return null;
            }

            return Generate(BoardLoader.Load(catalog.Full(source), source, options), source, instanceName, problems);
        }

        /// <summary>Everything that should be generated now (see the class summary).</summary>
        public static List<GeneratedFile> PlanAll(BoardCatalog catalog, List<string> problems)
        {
            // Null where an instance yields nothing (its problems say why); dropped at the end.
            List<GeneratedFile?> files = new List<GeneratedFile?>();
            foreach (string source in catalog.BoardFiles())
            {
                BoardFile board = catalog.Load(source);
                if (board.Tree == null)
                {
                    // Unreadable: whether it needs generated code cannot be told, so the check cannot pass.
                    problems.Add(source + ": cannot be read: " + board.Diagnostics[0]);
                    continue;
                }

                if (board.Tree.Root.GetProperty(Bindings.Runtime)?.SingleString() != Bindings.RuntimeNanoFramework)
                {
                    continue;
                }

                foreach (BoardInstance instance in board.EnabledInstances)
                {
                    files.Add(Generate(board, source, instance.Name, problems));
                }
            }

            foreach ((string path, string? source, string? instance) in ExistingFiles(catalog))
            {
                if (files.Any(f => f != null && f.Path == path))
                {
                    continue;
                }

                if (source == null)
                {
                    problems.Add(path + ": has no \"" + ConfigGenerator.HeaderPrefix.Trim() + " ...\" header; a file under " + Folder + " must be generated (delete it or regenerate it)");
                    continue;
                }

                List<string> why = new List<string>();
                // The header names the source and the instance together (one match), so instance is set with source.
                GeneratedFile? file = Plan(catalog, source, instance!, why);
                if (file == null || file.Path != path)
                {
                    problems.Add(path + ": generated from " + source + ", instance " + instance + ", which no longer yields it (" + string.Join("; ", why.Select(w => w.Trim())) + "); delete the file or restore the board");
                    continue;
                }

                files.Add(file);
            }

            return files.OfType<GeneratedFile>().OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        }

        private static GeneratedFile? Generate(BoardFile board, string source, string instanceName, List<string> problems)
        {
            if (board.HasErrors)
            {
                problems.Add(source + ": has errors, nothing generated:");
                problems.AddRange(board.Diagnostics.Where(d => d.IsError).Select(d => "  " + d));
                return null;
            }

            BoardInstance? instance = board.FindInstance(instanceName);
            if (instance == null)
            {
                string known = string.Join(", ", board.EnabledInstances.Select(i => i.Name));
                problems.Add(source + ": no enabled instance named " + instanceName + " (instances: " + (known.Length == 0 ? "none" : known) + ")");
                return null;
            }

            if (!instance.IsComplete)
            {
                problems.Add(source + ": instance " + instanceName + " is incomplete (" + string.Join(", ", instance.MissingFromBase) + " defined in the base devicetree): pass --base build/zephyr/zephyr.dts; nothing generated");
                return null;
            }

            string boardName = BoardCatalog.BoardName(source);
            return new GeneratedFile(ConfigGenerator.OutputPath(boardName, instance.Name), ConfigGenerator.Generate(instance, source), source, instance.Name);
        }

        /// <summary>The projitems listing exactly <paramref name="files"/>.</summary>
        public static string Projitems(IEnumerable<GeneratedFile> files)
        {
            StringBuilder xml = new StringBuilder();
            xml.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
            xml.Append("<Project xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\">\n");
            xml.Append("  <!-- Generated by nf-sim boards generate: the device configurations of the board files. Do not edit. -->\n");
            xml.Append("  <PropertyGroup>\n");
            xml.Append("    <MSBuildAllProjects Condition=\"'$(MSBuildVersion)' == '' Or '$(MSBuildVersion)' &lt; '16.0'\">$(MSBuildAllProjects);$(MSBuildThisFileFullPath)</MSBuildAllProjects>\n");
            xml.Append("    <HasSharedItems>true</HasSharedItems>\n");
            xml.Append("    <SharedGUID>" + SharedGuid + "</SharedGUID>\n");
            xml.Append("  </PropertyGroup>\n");
            xml.Append("  <PropertyGroup Label=\"Configuration\">\n");
            xml.Append("    <Import_RootNamespace>NfIcbmsg.Boards</Import_RootNamespace>\n");
            xml.Append("  </PropertyGroup>\n");
            xml.Append("  <ItemGroup>\n");
            foreach (GeneratedFile file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                string inFolder = file.Path.Substring(Folder.Length + 1).Replace('/', '\\');
                xml.Append("    <Compile Include=\"$(MSBuildThisFileDirectory)" + inFolder + "\" />\n");
            }

            xml.Append("  </ItemGroup>\n");
            xml.Append("</Project>\n");
            return xml.ToString();
        }

        /// <summary>Writes the files and the projitems; returns the paths written or changed.</summary>
        public static List<string> Write(BoardCatalog catalog, IReadOnlyList<GeneratedFile> files)
        {
            List<string> changed = new List<string>();
            foreach (GeneratedFile file in files)
            {
                if (WriteIfChanged(catalog.Full(file.Path), file.Content))
                {
                    changed.Add(file.Path);
                }
            }

            if (WriteIfChanged(catalog.Full(ProjitemsPath), Projitems(files)))
            {
                changed.Add(ProjitemsPath);
            }

            return changed;
        }

        /// <summary>Everything on disk that differs from the board files; empty when current.</summary>
        public static List<string> Check(BoardCatalog catalog)
        {
            List<string> problems = new List<string>();
            List<GeneratedFile> files = PlanAll(catalog, problems);
            foreach (GeneratedFile file in files)
            {
                CompareWithDisk(catalog, file.Path, file.Content, file.Source + ", instance " + file.Instance, problems);
            }

            CompareWithDisk(catalog, ProjitemsPath, Projitems(files), "the generated files", problems);
            return problems;
        }

        private static void CompareWithDisk(BoardCatalog catalog, string path, string expected, string from, List<string> problems)
        {
            string full = catalog.Full(path);
            if (!File.Exists(full))
            {
                problems.Add(path + ": missing; it is generated from " + from + ": run `nf-sim boards generate --all` and commit it");
                return;
            }

            string actual = File.ReadAllText(full).Replace("\r\n", "\n");
            if (actual != expected)
            {
                problems.Add(path + ": not current with " + from + " (first difference at line " + FirstDifferentLine(actual, expected) + "): run `nf-sim boards generate --all` and commit it");
            }
        }

        /// <summary>Generated .cs files on disk with the source and instance their header names (null when it has none).</summary>
        private static IEnumerable<(string Path, string? Source, string? Instance)> ExistingFiles(BoardCatalog catalog)
        {
            string folder = catalog.Full(Folder);
            if (!Directory.Exists(folder))
            {
                yield break;
            }

            foreach (string full in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            {
                string first;
                using (StreamReader reader = new StreamReader(full))
                {
                    first = reader.ReadLine() ?? string.Empty;
                }

                Match match = s_header.Match(first);
                yield return (catalog.Relative(full), match.Success ? match.Groups[1].Value : null, match.Success ? match.Groups[2].Value : null);
            }
        }

        private static bool WriteIfChanged(string full, string content)
        {
            if (File.Exists(full) && File.ReadAllText(full).Replace("\r\n", "\n") == content)
            {
                return false;
            }

            // full is a file path (catalog.Full of a relative path), so it has a directory.
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
            return true;
        }

        private static int FirstDifferentLine(string actual, string expected)
        {
            string[] a = actual.Split('\n');
            string[] b = expected.Split('\n');
            int i = 0;
            while (i < a.Length && i < b.Length && a[i] == b[i])
            {
                i++;
            }

            return i + 1;
        }
    }
}
