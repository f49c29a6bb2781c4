using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace NfGate
{
    /// <summary>One &lt;package id version [developmentDependency]/&gt; line of a packages.config.</summary>
    public sealed record PackageEntry(string Id, string Version, bool DevelopmentDependency, SourceLocation Location);

    /// <summary>Reads the packages.config beside a project (nanoFramework projects use packages.config, not PackageReference).</summary>
    public static class PackagesConfig
    {
        public const string FileName = "packages.config";

        /// <summary>The entries, or null when the file does not exist. Malformed entries are reported and skipped.</summary>
        public static IReadOnlyList<PackageEntry>? Read(string projectDirectory, List<GateDiagnostic> diagnostics)
        {
            string path = Path.Combine(projectDirectory, FileName);
            if (!File.Exists(path))
            {
                return null;
            }

            XDocument document;
            try
            {
                document = XmlLocations.Load(path);
            }
            catch (XmlException e)
            {
                diagnostics.Add(GateDiagnostic.Error(new SourceLocation(path, e.LineNumber, e.LinePosition), RuleIds.PackagesConfigInvalid, $"not well-formed XML: {e.Message}"));
                return [];
            }

            List<PackageEntry> entries = new List<PackageEntry>();
            foreach (XElement element in (document.Root?.Elements() ?? []).Where(e => e.Name.LocalName == "package"))
            {
                SourceLocation location = XmlLocations.Of(element, path);
                string? id = (string?)element.Attribute("id");
                string? version = (string?)element.Attribute("version");
                if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(version))
                {
                    diagnostics.Add(GateDiagnostic.Error(location, RuleIds.PackagesConfigInvalid, "a <package> needs both an id and a version"));
                    continue;
                }

                if (entries.Any(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase)))
                {
                    diagnostics.Add(GateDiagnostic.Error(location, RuleIds.PackagesConfigInvalid, $"package '{id}' is listed twice"));
                    continue;
                }

                bool development = string.Equals((string?)element.Attribute("developmentDependency"), "true", StringComparison.OrdinalIgnoreCase);
                entries.Add(new PackageEntry(id, version, development, location));
            }

            return entries;
        }
    }
}
