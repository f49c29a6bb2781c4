using System.IO;
using System.Linq;
using NfGate;
using Xunit;

namespace NfGate.Tests
{
    /// <summary>Project files that would not build the way they read fail the gate at the offending line.</summary>
    public sealed class ProjectFileTests
    {
        [Fact]
        public void SourceNotListedInTheSharedProjectIsReported()
        {
            using FixtureRepo fixture = new FixtureRepo();
            fixture.Write("firmware/Shared/Sub/Extra.cs", "namespace Small { internal static class Extra { } }\n");

            GateResult result = fixture.Run();

            fixture.AssertError(result, RuleIds.UnlistedSource, "firmware/Shared/Sub/Extra.cs", 1, 1);
            Assert.Contains(result.AllDiagnostics, d => d.Id == RuleIds.UnlistedSource && d.Message.Contains(@"$(MSBuildThisFileDirectory)Sub\Extra.cs"));
        }

        [Fact]
        public void SourceNotListedInTheProjectIsReported()
        {
            using FixtureRepo fixture = new FixtureRepo();
            fixture.Write("firmware/Small/Extra.cs", "namespace Small { internal static class Extra { } }\n");

            fixture.AssertError(fixture.Run(), RuleIds.UnlistedSource, "firmware/Small/Extra.cs", 1, 1);
        }

        [Fact]
        public void SourcesOfANestedProjectAndOfBinAreNotThisProjects()
        {
            using FixtureRepo fixture = new FixtureRepo();
            fixture.Write("firmware/Shared/Other/Other.projitems", FixtureFiles.Projitems.Replace("Clean.cs", "Own.cs").Replace("Injected.cs", "Own.cs"));
            fixture.Write("firmware/Shared/Other/Own.cs", "namespace Other { }\n");
            fixture.Write("firmware/Small/obj/Generated.cs", "namespace Small { }\n");

            fixture.AssertPassed(fixture.Run());
        }

        [Fact]
        public void UnknownPackageIsReportedAtItsPackagesConfigLine()
        {
            using FixtureRepo fixture = new FixtureRepo();
            fixture.Edit(FixtureRepo.PackagesConfigPath, "</packages>", "  <package id=\"Contoso.Widgets\" version=\"2.0.0\" targetFramework=\"netnano1.0\" />\n</packages>");

            fixture.AssertErrorAtElement(fixture.Run(), RuleIds.UnknownPackage, FixtureRepo.PackagesConfigPath, "<package id=\"Contoso.Widgets\"");
        }

        [Fact]
        public void PackagePinnedToAnotherVersionThanItsSurfaceIsReported()
        {
            using FixtureRepo fixture = new FixtureRepo();
            fixture.Edit(FixtureRepo.PackagesConfigPath, "id=\"nanoFramework.CoreLibrary\" version=\"1.17.11\"", "id=\"nanoFramework.CoreLibrary\" version=\"1.17.5\"");

            GateResult result = fixture.Run();

            fixture.AssertErrorAtElement(result, RuleIds.PackageVersionMismatch, FixtureRepo.PackagesConfigPath, "<package id=\"nanoFramework.CoreLibrary\"");
            fixture.AssertErrorAtElement(result, RuleIds.ReferenceMismatch, FixtureRepo.ProjectPath, "<Reference Include=\"mscorlib,");
        }

        [Fact]
        public void HintPathIntoAnotherPackageVersionIsReported()
        {
            using FixtureRepo fixture = new FixtureRepo();
            fixture.Edit(FixtureRepo.ProjectPath, @"nanoFramework.Runtime.Native.1.7.11\lib", @"nanoFramework.Runtime.Native.1.7.9\lib");

            GateResult result = fixture.Run();

            fixture.AssertErrorAtElement(result, RuleIds.ReferenceMismatch, FixtureRepo.ProjectPath, "<Reference Include=\"nanoFramework.Runtime.Native,");
            Assert.Contains(result.AllDiagnostics, d => d.Message.Contains("packages.config:4 pins nanoFramework.Runtime.Native 1.7.11"));
        }

        [Fact]
        public void HintPathOutsideTheSolutionsPackagesFolderIsAWarning()
        {
            using FixtureRepo fixture = new FixtureRepo();
            fixture.Write("nf.sln", "Project(\"{11A8DD76-328B-46DF-9F39-F559912D0360}\") = \"Small\", \"firmware\\Small\\Small.nfproj\", \"{0F4A6B52-8C1D-4E2F-9A3B-5C6D7E8F9013}\"\nEndProject\n");

            GateResult result = fixture.Run();

            fixture.AssertErrorAtElement(result, RuleIds.PackagesFolder, FixtureRepo.ProjectPath, "<Reference Include=\"mscorlib,", GateSeverity.Warning);
            Assert.Contains(result.AllDiagnostics, d => d.Message.Contains("points into firmware/packages/"));

            fixture.Edit(FixtureRepo.ProjectPath, @"<HintPath>..\packages\", @"<HintPath>..\..\packages\");
            Assert.Empty(fixture.Run().AllDiagnostics);
        }

        [Fact]
        public void MissingReferenceMakesItsApiUnavailable()
        {
            using FixtureRepo fixture = new FixtureRepo();
            fixture.Edit(FixtureRepo.ProjectPath, "<Reference Include=\"nanoFramework.Runtime.Native,", "<Reference Include=\"nanoFramework.Runtime.Native.Missing,");
            fixture.Edit(FixtureRepo.ProjectPath, @"lib\nanoFramework.Runtime.Native.dll", @"lib\nanoFramework.Runtime.Native.Missing.dll");

            GateResult result = fixture.Run();

            fixture.AssertErrorAtElement(result, RuleIds.ReferenceMismatch, FixtureRepo.ProjectPath, "<Reference Include=\"nanoFramework.Runtime.Native.Missing,");
            Assert.Contains(result.AllDiagnostics, d => d.Id == "CS0103" && d.Message.Contains("'Environment'"));
        }

        [Fact]
        public void MissingSharedImportIsReportedAtTheImport()
        {
            using FixtureRepo fixture = new FixtureRepo();
            fixture.Edit(FixtureRepo.ProjectPath, @"..\Shared\Small.projitems", @"..\Tests\Missing.projitems");

            fixture.AssertErrorAtElement(fixture.Run(), RuleIds.ImportMissing, FixtureRepo.ProjectPath, @"<Import Project=""..\Tests\Missing.projitems""");
        }

        [Fact]
        public void MissingCompileItemIsReportedWhereItIsListed()
        {
            using FixtureRepo fixture = new FixtureRepo();
            File.Delete(Path.Combine(fixture.Root, FixtureRepo.InjectedPath));

            fixture.AssertErrorAtElement(fixture.Run(), RuleIds.CompileItemMissing, FixtureRepo.ProjitemsPath, "<Compile Include=\"$(MSBuildThisFileDirectory)Injected.cs\"");
        }

        [Fact]
        public void FileListedTwiceIsReported()
        {
            using FixtureRepo fixture = new FixtureRepo();
            fixture.Edit(FixtureRepo.ProjectPath, @"<Import Project=""..\Shared\Small.projitems"" Label=""Shared"" />", @"<Import Project=""..\Shared\Small.projitems"" Label=""Shared"" />
          <ItemGroup><Compile Include=""..\Shared\Clean.cs"" /></ItemGroup>");

            fixture.AssertErrorAtElement(fixture.Run(), RuleIds.DuplicateCompileItem, FixtureRepo.ProjectPath, @"<Compile Include=""..\Shared\Clean.cs""");
        }

        [Fact]
        public void ReferenceToADesktopProjectIsReported()
        {
            using FixtureRepo fixture = new FixtureRepo();
            fixture.Write("host/Desk.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
            fixture.Edit(FixtureRepo.ProjectPath, "<None Include=\"packages.config\" />", @"<ProjectReference Include=""..\..\host\Desk.csproj"" />");

            fixture.AssertErrorAtElement(fixture.Run(), RuleIds.ProjectReferenceInvalid, FixtureRepo.ProjectPath, "<ProjectReference");
        }

        [Fact]
        public void ReferencedProjectIsCompiledFirstAndItsTypesAreVisible()
        {
            using FixtureRepo fixture = new FixtureRepo();
            fixture.Write("firmware/App/App.nfproj", FixtureFiles.Project
                .Replace("<AssemblyName>Small</AssemblyName>", "<AssemblyName>App</AssemblyName>")
                .Replace(@"<Import Project=""..\Shared\Small.projitems"" Label=""Shared"" />", @"<ItemGroup><Compile Include=""Program.cs"" /><ProjectReference Include=""..\Small\Small.nfproj"" /></ItemGroup>"));
            fixture.Write("firmware/App/packages.config", FixtureFiles.PackagesConfig);
            fixture.Write("firmware/App/Program.cs", "namespace App { internal static class Program { private static int Count(Small.Clean clean) => clean.Count; } }\n");

            GateResult result = fixture.Run();

            fixture.AssertPassed(result);
            Assert.Equal(["Small.nfproj", "App.nfproj"], result.Projects.Select(p => Path.GetFileName(p.ProjectPath)));
        }

        [Fact]
        public void LanguageVersionOtherThanNineIsReported()
        {
            using FixtureRepo fixture = new FixtureRepo();
            fixture.Edit(FixtureRepo.ProjectPath, "<LangVersion>9.0</LangVersion>", "<LangVersion>10.0</LangVersion>");

            fixture.AssertErrorAtElement(fixture.Run(), RuleIds.LanguageVersion, FixtureRepo.ProjectPath, "<LangVersion>");
        }

        [Fact]
        public void OverflowCheckingProjectIsReported()
        {
            using FixtureRepo fixture = new FixtureRepo();
            fixture.Edit(FixtureRepo.ProjectPath, "<LangVersion>9.0</LangVersion>", "<LangVersion>9.0</LangVersion>\n    <CheckForOverflowUnderflow>true</CheckForOverflowUnderflow>");

            fixture.AssertErrorAtElement(fixture.Run(), RuleIds.Checked, FixtureRepo.ProjectPath, "<CheckForOverflowUnderflow>");
        }

        [Fact]
        public void MalformedProjectFileIsReported()
        {
            using FixtureRepo fixture = new FixtureRepo();
            fixture.Edit(FixtureRepo.ProjectPath, "</Project>", "</Projekt>");

            GateResult result = fixture.Run();

            Assert.Contains(result.AllDiagnostics, d => d.Id == RuleIds.ProjectUnreadable && d.RelativePath(fixture.Root) == FixtureRepo.ProjectPath);
            Assert.True(result.HasErrors);
        }
    }
}
