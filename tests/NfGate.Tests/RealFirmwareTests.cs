using System.IO;
using System.Linq;
using NfGate;
using Xunit;

namespace NfGate.Tests
{
    /// <summary>The repository's own nanoFramework projects pass the gate, and the clean fixture does too.</summary>
    public sealed class RealFirmwareTests
    {
        [Fact]
        public void ProtocolLibraryProjectPasses()
        {
            GateResult result = RunOnRepository("firmware/NfIcbmsg/NfIcbmsg.nfproj");

            AssertPassed(result);
            ProjectResult library = Assert.Single(result.Projects);
            Assert.True(library.FileCount > 1, "the library compiles its shared protocol sources");
            Assert.Equal(["Debug", "Release"], library.Configurations);
        }

        [Fact]
        public void AllFirmwareProjectsPass()
        {
            GateResult result = RunOnRepository();

            AssertPassed(result);
            Assert.Contains(result.Projects, p => p.ProjectPath.EndsWith("NFUnitTest.nfproj"));
            Assert.Contains(result.Projects, p => p.ProjectPath.EndsWith("NfIcbmsg.nfproj"));
        }

        [Fact]
        public void EverySurfaceCompiles()
        {
            foreach (string directory in Directory.GetDirectories(Repository.SurfaceRoot))
            {
                Assert.NotNull(Repository.Surfaces.GetReference(Path.GetFileName(directory)));
            }

            Assert.Empty(Repository.Surfaces.Diagnostics);
        }

        [Fact]
        public void CleanFixturePassesInBothConfigurations()
        {
            using FixtureRepo fixture = new FixtureRepo();

            GateResult result = fixture.Run("Debug", "Release");

            fixture.AssertPassed(result);
            Assert.Equal(2, result.Projects.Single().FileCount);
        }

        private static GateResult RunOnRepository(params string[] projects) =>
            new Gate(GateOptions.ForRepository(Repository.Root, projects), Repository.Surfaces).Run();

        private static void AssertPassed(GateResult result) =>
            Assert.False(result.HasErrors, string.Join("\n", result.AllDiagnostics.Select(d => d.Format(result.RepoRoot))));
    }
}
