using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace NfIcbmsg.Packaging.Tests.Support
{
    /// <summary>A .nuspec: its metadata elements, dependencies and (for a hand-written one) its file list.</summary>
    public sealed class Nuspec
    {
        private Nuspec(string path, XDocument document)
        {
            Path = path;
            XElement root = XmlValues.Root(document, path);
            XElement metadata = root.Elements().Single(e => e.Name.LocalName == "metadata");
            Metadata = metadata;
            Dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
                .Select(e => new Dependency(XmlValues.Required(e, "id"), e.Attribute("version")?.Value))
                .ToList();
            Files = root.Elements().Where(e => e.Name.LocalName == "files").Elements()
                .Select(e => new NuspecFile(XmlValues.Required(e, "src").Replace('\\', '/'), e.Attribute("target")?.Value.Replace('\\', '/')))
                .ToList();
        }

        public string Path { get; }

        public XElement Metadata { get; }

        public IReadOnlyList<Dependency> Dependencies { get; }

        public IReadOnlyList<NuspecFile> Files { get; }

        public string Id => Value("id") ?? throw new System.InvalidOperationException(Path + " has no <id>");

        /// <summary>The text of a metadata element, or null.</summary>
        public string? Value(string name) => Metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim();

        /// <summary>An attribute of a metadata element, or null.</summary>
        public string? Attribute(string element, string attribute) => Metadata.Elements().FirstOrDefault(e => e.Name.LocalName == element)?.Attribute(attribute)?.Value;

        public static Nuspec Load(string path) => new(path, XDocument.Load(path));

        public static Nuspec Parse(string path, Stream stream) => new(path, XDocument.Load(stream));
    }

    /// <summary>A dependency of a package.</summary>
    public sealed record Dependency(string Id, string? Version);

    /// <summary>A &lt;file src target&gt; entry, separators as '/'.</summary>
    public sealed record NuspecFile(string Source, string? Target);
}
