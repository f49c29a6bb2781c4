using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace NfIcbmsg.Packaging.Tests.Support
{
    /// <summary>A nanoFramework project (.nfproj) as far as packing it matters, with its packages.config beside it.</summary>
    public sealed class NfProject
    {
        private static readonly XNamespace s_msb = "http://schemas.microsoft.com/developer/msbuild/2003";

        private NfProject(string path, XDocument document)
        {
            Path = path;
            Directory = System.IO.Path.GetDirectoryName(path) ?? throw new ArgumentException(path + " has no folder", nameof(path));
            Properties = document.Descendants(s_msb + "PropertyGroup").Elements()
                .GroupBy(e => e.Name.LocalName)
                .ToDictionary(g => g.Key, g => g.Last().Value.Trim());
            ProjectReferences = document.Descendants(s_msb + "ProjectReference")
                .Select(e => System.IO.Path.GetFullPath(System.IO.Path.Combine(Directory, XmlValues.Required(e, "Include").Replace('\\', '/'))))
                .ToList();
            HintPaths = document.Descendants(s_msb + "HintPath").Select(e => e.Value.Trim().Replace('\\', '/')).ToList();
            string config = System.IO.Path.Combine(Directory, "packages.config");
            Packages = File.Exists(config)
                ? XmlValues.Root(XDocument.Load(config), config).Elements("package").Select(p => new PackageEntry(
                    XmlValues.Required(p, "id"),
                    XmlValues.Required(p, "version"),
                    string.Equals(p.Attribute("developmentDependency")?.Value, "true", StringComparison.OrdinalIgnoreCase))).ToList()
                : new List<PackageEntry>();
        }

        public string Path { get; }

        public string Directory { get; }

        public IReadOnlyDictionary<string, string> Properties { get; }

        public string AssemblyName => Properties["AssemblyName"];

        public bool IsLibrary => Properties.GetValueOrDefault("OutputType") == "Library" && Properties.GetValueOrDefault("IsTestProject") != "true";

        /// <summary>The XML documentation file of a Release build, relative to the project folder, with '/'.</summary>
        public string? ReleaseDocumentationFile => Properties.GetValueOrDefault("DocumentationFile")?.Replace("$(Configuration)", "Release").Replace('\\', '/');

        public IReadOnlyList<string> ProjectReferences { get; }

        public IReadOnlyList<string> HintPaths { get; }

        public IReadOnlyList<PackageEntry> Packages { get; }

        public static NfProject Load(string path) => new(System.IO.Path.GetFullPath(path), XDocument.Load(path));

        /// <summary>Every .nfproj under firmware/.</summary>
        public static IReadOnlyList<NfProject> All(string firmware) =>
            System.IO.Directory.EnumerateFiles(firmware, "*.nfproj", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal).Select(Load).ToList();
    }

    /// <summary>One line of a packages.config.</summary>
    public sealed record PackageEntry(string Id, string Version, bool DevelopmentOnly);
}
