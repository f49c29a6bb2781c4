using System.IO;
using System.Linq;
using NfGate;
using Xunit;

namespace NfGate.Tests;

/// <summary>Project files that would not build the way they read fail the gate at the offending line.</summary>
public sealed class ProjectFileTests
{
    [Fact]
    public void SourceNotListedInTheSharedProjectIsReported()
    {
        using var fixture = new FixtureRepo();
        fixture.Write("firmware/Shared/Sub/Extra.cs", "namespace Small { internal static class Extra { } }\n");

        GateResult result = fixture.Run();

        fixture.AssertError(result, RuleIds.UnlistedSource, "firmware/Shared/Sub/Extra.cs", 1, 1);
        Assert.Contains(result.AllDiagnostics, d => d.Id == RuleIds.UnlistedSource && d.Message.Contains(@"$(MSBuildThisFileDirectory)Sub\Extra.cs"));
    }

    [Fact]
    public void SourceNotListedInTheProjectIsReported()
    {
        using var fixture = new FixtureRepo();
        fixture.Write("firmware/Small/Extra.cs", "namespace Small { internal static class Extra { } }\n");

        fixture.AssertError(fixture.Run(), RuleIds.UnlistedSource, "firmware/Small/Extra.cs", 1, 1);
    }

    [Fact]
    public void SourcesOfANestedProjectAndOfBinAreNotThisProjects()
    {
        using var fixture = new FixtureRepo();
        fixture.Write("firmware/Shared/Other/Other.projitems", FixtureFiles.Projitems.Replace("Clean.cs", "Own.cs").Replace("Injected.cs", "Own.cs"));
        fixture.Write("firmware/Shared/Other/Own.cs", "namespace Other { }\n");
        fixture.Write("firmware/Small/obj/Generated.cs", "namespace Small { }\n");

        fixture.AssertPassed(fixture.Run());
    }

    [Fact]
    public void UnknownPackageIsReportedAtItsPackagesConfigLine()
    {
        using var fixture = new FixtureRepo();
        fixture.Edit(FixtureRepo.PackagesConfigPath, "</packages>", "  <package id=\"Contoso.Widgets\" version=\"2.0.0\" targetFramework=\"netnano1.0\" />\n</packages>");
        SourceLocation expected = fixture.ElementLocation(FixtureRepo.PackagesConfigPath, "<package id=\"Contoso.Widgets\"");

        fixture.AssertError(fixture.Run(), RuleIds.UnknownPackage, FixtureRepo.PackagesConfigPath, expected.Line, expected.Column);
    }

    [Fact]
    public void PackagePinnedToAnotherVersionThanItsSurfaceIsReported()
    {
        using var fixture = new FixtureRepo();
        fixture.Edit(FixtureRepo.PackagesConfigPath, "id=\"nanoFramework.CoreLibrary\" version=\"1.17.11\"", "id=\"nanoFramework.CoreLibrary\" version=\"1.17.5\"");
        SourceLocation pin = fixture.ElementLocation(FixtureRepo.PackagesConfigPath, "<package id=\"nanoFramework.CoreLibrary\"");
        SourceLocation reference = fixture.ElementLocation(FixtureRepo.ProjectPath, "<Reference Include=\"mscorlib,");

        GateResult result = fixture.Run();

        fixture.AssertError(result, RuleIds.PackageVersionMismatch, FixtureRepo.PackagesConfigPath, pin.Line, pin.Column);
        fixture.AssertError(result, RuleIds.ReferenceMismatch, FixtureRepo.ProjectPath, reference.Line, reference.Column);
    }

    [Fact]
    public void HintPathIntoAnotherPackageVersionIsReported()
    {
        using var fixture = new FixtureRepo();
        fixture.Edit(FixtureRepo.ProjectPath, @"nanoFramework.Runtime.Native.1.7.11\lib", @"nanoFramework.Runtime.Native.1.7.9\lib");
        SourceLocation reference = fixture.ElementLocation(FixtureRepo.ProjectPath, "<Reference Include=\"nanoFramework.Runtime.Native,");

        GateResult result = fixture.Run();

        fixture.AssertError(result, RuleIds.ReferenceMismatch, FixtureRepo.ProjectPath, reference.Line, reference.Column);
        Assert.Contains(result.AllDiagnostics, d => d.Message.Contains("packages.config:4 pins nanoFramework.Runtime.Native 1.7.11"));
    }

    [Fact]
    public void MissingReferenceMakesItsApiUnavailable()
    {
        using var fixture = new FixtureRepo();
        fixture.Edit(FixtureRepo.ProjectPath, "<Reference Include=\"nanoFramework.Runtime.Native,", "<Reference Include=\"nanoFramework.Runtime.Native.Missing,");
        fixture.Edit(FixtureRepo.ProjectPath, @"lib\nanoFramework.Runtime.Native.dll", @"lib\nanoFramework.Runtime.Native.Missing.dll");
        SourceLocation reference = fixture.ElementLocation(FixtureRepo.ProjectPath, "<Reference Include=\"nanoFramework.Runtime.Native.Missing,");

        GateResult result = fixture.Run();

        fixture.AssertError(result, RuleIds.ReferenceMismatch, FixtureRepo.ProjectPath, reference.Line, reference.Column);
        Assert.Contains(result.AllDiagnostics, d => d.Id == "CS0103" && d.Message.Contains("'Environment'"));
    }

    [Fact]
    public void MissingSharedImportIsReportedAtTheImport()
    {
        using var fixture = new FixtureRepo();
        fixture.Edit(FixtureRepo.ProjectPath, @"..\Shared\Small.projitems", @"..\Tests\Missing.projitems");
        SourceLocation import = fixture.ElementLocation(FixtureRepo.ProjectPath, @"<Import Project=""..\Tests\Missing.projitems""");

        fixture.AssertError(fixture.Run(), RuleIds.ImportMissing, FixtureRepo.ProjectPath, import.Line, import.Column);
    }

    [Fact]
    public void MissingCompileItemIsReportedWhereItIsListed()
    {
        using var fixture = new FixtureRepo();
        File.Delete(Path.Combine(fixture.Root, FixtureRepo.InjectedPath));
        SourceLocation item = fixture.ElementLocation(FixtureRepo.ProjitemsPath, "<Compile Include=\"$(MSBuildThisFileDirectory)Injected.cs\"");

        fixture.AssertError(fixture.Run(), RuleIds.CompileItemMissing, FixtureRepo.ProjitemsPath, item.Line, item.Column);
    }

    [Fact]
    public void FileListedTwiceIsReported()
    {
        using var fixture = new FixtureRepo();
        fixture.Edit(FixtureRepo.ProjectPath, @"<Import Project=""..\Shared\Small.projitems"" Label=""Shared"" />", @"<Import Project=""..\Shared\Small.projitems"" Label=""Shared"" />
          <ItemGroup><Compile Include=""..\Shared\Clean.cs"" /></ItemGroup>");
        SourceLocation item = fixture.ElementLocation(FixtureRepo.ProjectPath, @"<Compile Include=""..\Shared\Clean.cs""");

        fixture.AssertError(fixture.Run(), RuleIds.DuplicateCompileItem, FixtureRepo.ProjectPath, item.Line, item.Column);
    }

    [Fact]
    public void ReferenceToADesktopProjectIsReported()
    {
        using var fixture = new FixtureRepo();
        fixture.Write("host/Desk.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        fixture.Edit(FixtureRepo.ProjectPath, "<None Include=\"packages.config\" />", @"<ProjectReference Include=""..\..\host\Desk.csproj"" />");
        SourceLocation reference = fixture.ElementLocation(FixtureRepo.ProjectPath, "<ProjectReference");

        fixture.AssertError(fixture.Run(), RuleIds.ProjectReferenceInvalid, FixtureRepo.ProjectPath, reference.Line, reference.Column);
    }

    [Fact]
    public void ReferencedProjectIsCompiledFirstAndItsTypesAreVisible()
    {
        using var fixture = new FixtureRepo();
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
        using var fixture = new FixtureRepo();
        fixture.Edit(FixtureRepo.ProjectPath, "<LangVersion>9.0</LangVersion>", "<LangVersion>10.0</LangVersion>");
        SourceLocation property = fixture.ElementLocation(FixtureRepo.ProjectPath, "<LangVersion>");

        fixture.AssertError(fixture.Run(), RuleIds.LanguageVersion, FixtureRepo.ProjectPath, property.Line, property.Column);
    }

    [Fact]
    public void OverflowCheckingProjectIsReported()
    {
        using var fixture = new FixtureRepo();
        fixture.Edit(FixtureRepo.ProjectPath, "<LangVersion>9.0</LangVersion>", "<LangVersion>9.0</LangVersion>\n    <CheckForOverflowUnderflow>true</CheckForOverflowUnderflow>");
        SourceLocation property = fixture.ElementLocation(FixtureRepo.ProjectPath, "<CheckForOverflowUnderflow>");

        fixture.AssertError(fixture.Run(), RuleIds.Checked, FixtureRepo.ProjectPath, property.Line, property.Column);
    }

    [Fact]
    public void MalformedProjectFileIsReported()
    {
        using var fixture = new FixtureRepo();
        fixture.Edit(FixtureRepo.ProjectPath, "</Project>", "</Projekt>");

        GateResult result = fixture.Run();

        Assert.Contains(result.AllDiagnostics, d => d.Id == RuleIds.ProjectUnreadable && d.RelativePath(fixture.Root) == FixtureRepo.ProjectPath);
        Assert.True(result.HasErrors);
    }
}
