using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NfGate;
using Xunit;

namespace NfGate.Tests
{
    /// <summary>
    /// The gate compiles against the real nanoFramework mscorlib (served by NuGet), and SurfaceConformance, which
    /// holds the hand-written surfaces to the real assemblies, finds what a surface declares wrongly. The real
    /// mscorlib of package nanoFramework.CoreLibrary 1.17.11 stands in for "the real assembly" here; tests/nfclr.sh
    /// runs the same check of every hand-written surface against nfclr's libraries.
    /// </summary>
    public sealed class SurfaceConformanceTests
    {
        [Fact]
        public void TheGateUsesTheRealMscorlibOfTheServedPackage()
        {
            MetadataReference? reference = Repository.Surfaces.GetReference("nanoFramework.CoreLibrary");
            Assert.True(reference != null, string.Join("\n", Repository.Surfaces.Diagnostics.Select(d => d.Format(Repository.Root))));
            IAssemblySymbol mscorlib = Load(reference);
            Assert.Equal("mscorlib", mscorlib.Identity.Name);
            Assert.Equal(new Version(1, 17, 11, 0), mscorlib.Identity.Version);

            // The real assembly declares the generic delegates the runtime cannot run: only the scan (NF002) stops them.
            Assert.NotNull(mscorlib.GetTypeByMetadataName("System.Action`1"));
            Assert.NotNull(mscorlib.GetTypeByMetadataName("System.Func`2"));
            Assert.Null(mscorlib.GetTypeByMetadataName("System.Collections.Generic.List`1"));
        }

        [Fact]
        public void DeclarationsThatMatchTheRealAssemblyPass()
        {
            SurfaceConformance.Comparison comparison = CompareWithRealMscorlib(@"
namespace System
{
    public sealed class String
    {
        private String() { }
        public int Length => throw null;
        public string Substring(int startIndex) => throw null;
        public static bool IsNullOrEmpty(string value) => throw null;
    }
}");
            Assert.True(comparison.Mismatches.Count == 0, string.Join("\n", comparison.Mismatches));
            Assert.True(comparison.Members >= 3, $"only {comparison.Members} members compared");
        }

        [Fact]
        public void MissingAndMisshapedDeclarationsAreEachNamed()
        {
            SurfaceConformance.Comparison comparison = CompareWithRealMscorlib(@"
namespace System
{
    public sealed class String
    {
        private String() { }
        public string Replace(string oldValue, string newValue) => throw null;
        public int Length { get => throw null; set { } }
        public static string Substring(int startIndex) => throw null;
    }

    public class NotInNanoFramework
    {
        private NotInNanoFramework() { }
    }
}");
            string all = string.Join("\n", comparison.Mismatches);
            Assert.Contains("System.String.Replace(System.String, System.String): not in", all);
            Assert.Contains("System.String.Length: is readable writable here, but readable in", all);
            Assert.Contains("System.String.set_Length(System.Int32): not in", all);
            Assert.Contains("System.String.Substring(System.Int32): is static here, but an instance member in", all);
            Assert.Contains("System.NotInNanoFramework: not in", all);
            Assert.True(comparison.Mismatches.Count == 5, all);
        }

        // The fixture compiled on its own (with stubs of the core types it needs, which match the real ones), then
        // compared with the real mscorlib.
        private static SurfaceConformance.Comparison CompareWithRealMscorlib(string source)
        {
            string stubs = @"namespace System { public class Object { } public abstract class ValueType { } public struct Void { }
            public struct Int32 { } public struct Boolean { } public abstract class Attribute { } public abstract class Enum : ValueType { } }";
            CSharpCompilation surface = CSharpCompilation.Create("surface",
                [CSharpSyntaxTree.ParseText(stubs), CSharpSyntaxTree.ParseText(source)],
                options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            MetadataReference? mscorlib = Repository.Surfaces.GetReference("nanoFramework.CoreLibrary");
            Assert.NotNull(mscorlib);
            IAssemblySymbol real = Load(mscorlib);
            return SurfaceConformance.Compare(surface.Assembly, real, "mscorlib 1.17.11");
        }

        private static IAssemblySymbol Load(MetadataReference reference)
        {
            CSharpCompilation compilation = CSharpCompilation.Create("probe", references: [reference]);
            IAssemblySymbol? assembly = (IAssemblySymbol?)compilation.GetAssemblyOrModuleSymbol(reference);
            Assert.NotNull(assembly);
            return assembly;
        }
    }
}
