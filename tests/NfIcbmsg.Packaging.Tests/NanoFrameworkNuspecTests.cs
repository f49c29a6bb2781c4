using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NfIcbmsg.Esp32.Tests;
using NfIcbmsg.Packaging.Tests.Support;
using Xunit;

namespace NfIcbmsg.Packaging.Tests
{
    /// <summary>
    /// The nanoFramework packages (firmware/*.nuspec) are packed on Windows from what the nanoFramework build tools leave in
    /// bin\Release, so CI cannot build them; it checks instead that each nuspec is laid out as nanoFramework's own library
    /// packages are and agrees with the projects it ships, their packages.config and the native interop sources.
    /// </summary>
    public class NanoFrameworkNuspecTests
    {
        /// <summary>What the nanoFramework build leaves for an assembly and a library package ships in lib\.</summary>
        private static readonly string[] s_assemblyFiles = { ".dll", ".pdb", ".pdbx", ".pe", ".xml" };

        private static readonly Lazy<IReadOnlyList<NfProject>> s_projects = new(() => NfProject.All(Repository.Firmware));

        private static IReadOnlyList<NfProject> Projects => s_projects.Value;

        public static TheoryData<string> NuspecNames() => new(NuspecFiles());

        /// <summary>firmware/*.nuspec, file names only.</summary>
        private static IEnumerable<string> NuspecFiles() =>
            Directory.EnumerateFiles(Repository.Firmware, "*.nuspec").Select(f => Path.GetFileName(f)).OrderBy(p => p, StringComparer.Ordinal);

        [Fact]
        public void EveryLibraryProject_IsShippedByExactlyOneNuspec()
        {
            List<(string Nuspec, NfProject Project)> shipped = NuspecFiles().SelectMany(n => Shipped(Load(n)).Select(p => (n, p))).ToList();
            List<NfProject> libraries = Projects.Where(p => p.IsLibrary).ToList();
            Assert.NotEmpty(libraries);
            foreach (NfProject library in libraries)
            {
                List<string> by = shipped.Where(s => s.Project.Path == library.Path).Select(s => s.Nuspec).ToList();
                Assert.True(by.Count == 1, $"{Relative(library.Path)} is shipped by {by.Count} nuspecs ({string.Join(", ", by)}); every library project belongs to exactly one package");
            }

            foreach ((string nuspec, NfProject project) in shipped)
            {
                Assert.True(project.IsLibrary, $"{nuspec} ships {Relative(project.Path)}, which is not a library project (an application or a test project)");
            }
        }

        [Theory]
        [MemberData(nameof(NuspecNames))]
        public void Metadata_IsComplete(string name)
        {
            Nuspec nuspec = Load(name);
            Assert.False(nuspec.Id.StartsWith("nanoFramework.", StringComparison.OrdinalIgnoreCase), $"{name}: id {nuspec.Id} uses the nanoFramework. prefix, which nanoFramework reserves on nuget.org");
            Assert.Equal(Path.GetFileNameWithoutExtension(name), nuspec.Id);
            Assert.Equal("$version$", nuspec.Value("version"));
            Assert.False(string.IsNullOrWhiteSpace(nuspec.Value("authors")), name + ": no authors");
            Assert.False(string.IsNullOrWhiteSpace(nuspec.Value("description")), name + ": no description");
            Assert.Equal("expression", nuspec.Attribute("license", "type"));
            Assert.Equal("MIT", nuspec.Value("license"));
            Assert.Equal("false", nuspec.Value("requireLicenseAcceptance"));
            string? readme = nuspec.Value("readme")?.Replace('\\', '/');
            NuspecFile? readmeFile = nuspec.Files.SingleOrDefault(f => f.Target == readme);
            Assert.True(readmeFile != null, $"{name}: the readme {readme} is not among the files");
            Assert.True(File.Exists(FromNuspec(readmeFile.Source)), $"{name}: readme source {readmeFile.Source} does not exist");
        }

        [Theory]
        [MemberData(nameof(NuspecNames))]
        public void Lib_HoldsEachAssemblyAsTheBuildToolsLeaveIt(string name)
        {
            Nuspec nuspec = Load(name);
            List<NfProject> shipped = Shipped(nuspec);
            Assert.NotEmpty(shipped);
            List<NuspecFile> expected = new();
            foreach (NfProject project in shipped)
            {
                string bin = Path.GetRelativePath(Repository.Firmware, project.Directory).Replace('\\', '/') + "/bin/Release/";
                expected.AddRange(s_assemblyFiles.Select(ext => new NuspecFile(bin + project.AssemblyName + ext, "lib/" + project.AssemblyName + ext)));
                Assert.True(project.ReleaseDocumentationFile == "bin/Release/" + project.AssemblyName + ".xml", $"{Relative(project.Path)}: DocumentationFile must be bin\\$(Configuration)\\{project.AssemblyName}.xml for the package's lib\\{project.AssemblyName}.xml (it is {project.ReleaseDocumentationFile ?? "not set"})");
            }

            List<NuspecFile> lib = nuspec.Files.Where(f => f.Target != null && f.Target.StartsWith("lib/", StringComparison.Ordinal)).ToList();
            Assert.Equal(Sorted(expected), Sorted(lib));
        }

        [Theory]
        [MemberData(nameof(NuspecNames))]
        public void Dependencies_AreThePackagesConfigsAndTheOwnPackagesReferenced(string name)
        {
            Nuspec nuspec = Load(name);
            List<NfProject> shipped = Shipped(nuspec);
            Dictionary<string, string> expected = new();
            foreach (NfProject project in shipped)
            {
                foreach (PackageEntry package in project.Packages.Where(p => !p.DevelopmentOnly))
                {
                    Assert.True(!expected.TryGetValue(package.Id, out string? other) || other == package.Version, $"{name}: the projects it ships want {package.Id} {other} and {package.Version}");
                    expected[package.Id] = package.Version;
                }

                foreach (string reference in project.ProjectReferences)
                {
                    if (shipped.Any(p => p.Path == reference))
                    {
                        continue;
                    }

                    string? owner = NuspecFiles().FirstOrDefault(n => Shipped(Load(n)).Any(p => p.Path == reference));
                    Assert.True(owner != null, $"{Relative(project.Path)} references {Relative(reference)}, which no package ships");
                    expected[Path.GetFileNameWithoutExtension(owner)] = "[$version$]";
                }
            }

            Assert.Equal(
                expected.Select(e => e.Key + " " + e.Value).OrderBy(e => e, StringComparer.Ordinal),
                nuspec.Dependencies.Select(d => d.Id + " " + d.Version).OrderBy(d => d, StringComparer.Ordinal));
        }

        [Fact]
        public void LibraryProjects_ReferenceThePackagesTheirPackagesConfigPins()
        {
            foreach (NfProject project in Projects.Where(p => p.IsLibrary))
            {
                List<PackageEntry> runtime = project.Packages.Where(p => !p.DevelopmentOnly).ToList();
                foreach (string hint in project.HintPaths)
                {
                    Match folder = Regex.Match(hint, @"packages/(?<folder>[^/]+)/lib/");
                    Assert.True(folder.Success, $"{Relative(project.Path)}: HintPath {hint} is not under packages/<id>.<version>/lib/");
                    Assert.True(runtime.Any(p => p.Id + "." + p.Version == folder.Groups["folder"].Value), $"{Relative(project.Path)}: HintPath {hint} names a package version its packages.config does not pin ({string.Join(", ", runtime.Select(p => p.Id + " " + p.Version))})");
                }

                foreach (PackageEntry package in runtime)
                {
                    Assert.True(project.HintPaths.Any(h => h.Contains("packages/" + package.Id + "." + package.Version + "/", StringComparison.Ordinal)), $"{Relative(project.Path)}: packages.config pins {package.Id} {package.Version} but no reference uses it (a dependency the package would declare for nothing)");
                }
            }
        }

        [Theory]
        [MemberData(nameof(NuspecNames))]
        public void Description_NamesTheFirmwareEachInteropAssemblyNeeds(string name)
        {
            Nuspec nuspec = Load(name);
            string? description = nuspec.Value("description");
            Assert.NotNull(description);
            List<NfProject> interop = Shipped(nuspec).Where(p => NativeVersionOf(p) != null).ToList();
            foreach (NfProject project in interop)
            {
                string cpp = Path.Combine(Repository.Firmware, "Native", project.AssemblyName, project.AssemblyName.Replace('.', '_') + ".cpp");
                Assert.True(File.Exists(cpp), $"{project.AssemblyName} declares a native version but its native sources are not at {Relative(cpp)}");
                (_, string assembly, uint checksum, _, Version native) = NativeSources.AssemblyData(File.ReadAllText(cpp));
                Assert.Equal(project.AssemblyName, assembly);
                Assert.Equal(NativeVersionOf(project), native);
                string statement = $"requires a target with {assembly} v{native} (checksum 0x{checksum:X8})";
                Assert.True(description.Contains(statement, StringComparison.Ordinal), $"{name}: the description must say \"{statement}\" (from {Relative(cpp)}); it says: {description}");
            }

            if (interop.Count == 0)
            {
                Assert.DoesNotContain("requires a target with", description, StringComparison.Ordinal);
            }
        }

        private static Nuspec Load(string name) => Nuspec.Load(Path.Combine(Repository.Firmware, name));

        /// <summary>The projects whose dll the nuspec puts in lib\, found by the folder its bin\Release lies in.</summary>
        private static List<NfProject> Shipped(Nuspec nuspec)
        {
            List<NfProject> shipped = new();
            foreach (NuspecFile file in nuspec.Files.Where(f => f.Target != null && f.Target.StartsWith("lib/", StringComparison.Ordinal) && f.Target.EndsWith(".dll", StringComparison.Ordinal)))
            {
                int bin = file.Source.IndexOf("/bin/Release/", StringComparison.Ordinal);
                Assert.True(bin > 0, $"{Path.GetFileName(nuspec.Path)}: {file.Source} is not a Release build output (<project>/bin/Release/...)");
                string folder = Path.GetFullPath(FromNuspec(file.Source.Substring(0, bin)));
                NfProject? project = Projects.SingleOrDefault(p => p.Directory == folder);
                Assert.True(project != null, $"{Path.GetFileName(nuspec.Path)}: no .nfproj in {Relative(folder)} for {file.Source}");
                shipped.Add(project);
            }

            return shipped;
        }

        /// <summary>[assembly: AssemblyNativeVersion("a.b.c.d")] of the project's AssemblyInfo.cs, or null.</summary>
        private static Version? NativeVersionOf(NfProject project)
        {
            string info = Path.Combine(project.Directory, "Properties", "AssemblyInfo.cs");
            Match match = Regex.Match(File.Exists(info) ? File.ReadAllText(info) : string.Empty, @"^\s*\[assembly:\s*AssemblyNativeVersion\(""(?<v>[0-9.]+)""\)\]", RegexOptions.Multiline);
            return match.Success ? Version.Parse(match.Groups["v"].Value) : null;
        }

        private static string FromNuspec(string source) => Path.Combine(Repository.Firmware, source);

        private static string Relative(string path) => Path.GetRelativePath(Repository.Root, path).Replace('\\', '/');

        private static List<string> Sorted(IEnumerable<NuspecFile> files) => files.Select(f => f.Source + " -> " + f.Target).OrderBy(f => f, StringComparer.Ordinal).ToList();
    }
}
