using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using NfIcbmsg.Packaging.Tests.Support;
using Xunit;

namespace NfIcbmsg.Packaging.Tests
{
    /// <summary>The host libraries' packages as `dotnet pack nf-host.slnf` makes them, opened as zip files.</summary>
    public class HostPackageTests
    {
        private static string V => Repository.Version;

        [Fact]
        public void Pack_MakesTheLibrariesAndTheToolWithSymbolsAndNothingElse()
        {
            string[] expected =
            {
                $"NfIcbmsg.{V}.nupkg", $"NfIcbmsg.{V}.snupkg",
                $"NfIcbmsg.Devicetree.{V}.nupkg", $"NfIcbmsg.Devicetree.{V}.snupkg",
                $"nf-sim.{V}.nupkg", $"nf-sim.{V}.snupkg",
            };
            Assert.Equal(expected.OrderBy(f => f, StringComparer.Ordinal), HostPackages.Files);
        }

        [Theory]
        [InlineData("NfIcbmsg")]
        [InlineData("NfIcbmsg.Devicetree")]
        public void Library_CarriesAssemblyDocsReadmeAndLicence(string id)
        {
            string package = $"{id}.{V}.nupkg";
            IReadOnlyList<string> entries = HostPackages.Entries(package);
            Assert.Contains($"lib/net10.0/{id}.dll", entries);
            Assert.Contains($"lib/net10.0/{id}.xml", entries);
            Assert.Contains("README.md", entries);
            Assert.DoesNotContain(entries, e => e.EndsWith(".pdb", StringComparison.Ordinal));
            Assert.Contains($"lib/net10.0/{id}.pdb", HostPackages.Entries($"{id}.{V}.snupkg"));

            Nuspec nuspec = HostPackages.ReadNuspec(package, id);
            Assert.Equal(id, nuspec.Id);
            Assert.Equal(V, nuspec.Value("version"));
            Assert.Equal("expression", nuspec.Attribute("license", "type"));
            Assert.Equal("MIT", nuspec.Value("license"));
            Assert.Equal("README.md", nuspec.Value("readme"));
            Assert.False(string.IsNullOrWhiteSpace(nuspec.Value("description")));
            Assert.Equal(File.ReadAllText(Repository.Full("docs/package-readme.md")), Encoding.UTF8.GetString(HostPackages.Read(package, "README.md")));

            string docs = Encoding.UTF8.GetString(HostPackages.Read(package, $"lib/net10.0/{id}.xml"));
            Assert.Contains($"<name>{id}</name>", docs);
            Assert.Contains("<member name=\"T:", docs);

            Assert.Equal(V, InformationalVersion(HostPackages.Read(package, $"lib/net10.0/{id}.dll")));
        }

        [Fact]
        public void Devicetree_DependsOnTheProtocolPackageOfTheSameVersion()
        {
            Assert.Empty(HostPackages.ReadNuspec($"NfIcbmsg.{V}.nupkg", "NfIcbmsg").Dependencies);
            Nuspec devicetree = HostPackages.ReadNuspec($"NfIcbmsg.Devicetree.{V}.nupkg", "NfIcbmsg.Devicetree");
            Assert.Equal(new[] { new Dependency("NfIcbmsg", V) }, devicetree.Dependencies);
        }

        /// <summary>The assembly's AssemblyInformationalVersion: what nf-sim prints for --version, no commit suffix.</summary>
        internal static string? InformationalVersion(byte[] assembly)
        {
            using PEReader pe = new(new MemoryStream(assembly));
            MetadataReader reader = pe.GetMetadataReader();
            foreach (CustomAttributeHandle handle in reader.GetAssemblyDefinition().GetCustomAttributes())
            {
                CustomAttribute attribute = reader.GetCustomAttribute(handle);
                MemberReference constructor = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
                TypeReference type = reader.GetTypeReference((TypeReferenceHandle)constructor.Parent);
                if (reader.GetString(type.Name) == "AssemblyInformationalVersionAttribute")
                {
                    BlobReader value = reader.GetBlobReader(attribute.Value);
                    value.ReadUInt16(); // prolog
                    return value.ReadSerializedString();
                }
            }

            return null;
        }
    }
}
