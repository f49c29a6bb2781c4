using System.IO;
using NfGate;
using Xunit;

namespace NfGate.Tests
{
    public sealed class ReportAndOptionsTests
    {
        [Fact]
        public void ReportPrintsRelativeLocationsAndAFailedSummary()
        {
            using FixtureRepo fixture = new FixtureRepo();
            fixture.Write("firmware/Shared/Extra.cs", "namespace Small { }\n");
            StringWriter output = new StringWriter();

            Report.Write(fixture.Run(), output);

            string text = output.ToString();
            Assert.Contains("firmware/Shared/Extra.cs:1:1: error NF103: not listed in Small.projitems", text);
            Assert.Contains("nf-gate: FAILED firmware/Small/Small.nfproj: 2 files, 1 error, 0 warnings (Debug)", text);
            Assert.StartsWith("nf-gate: FAILED: 1 project, 1 error in ", text.Trim().Split('\n')[^1]);
        }

        [Fact]
        public void OptionsResolveProjectsAgainstTheRepository()
        {
            string repo = Repository.Root;

            GateOptions? options = GateOptions.Parse(["--repo", repo, "--configuration", "Release", "firmware/NfIcbmsg/NfIcbmsg.nfproj"], out string? error);

            Assert.Null(error);
            Assert.NotNull(options);
            Assert.Equal(["Release"], options.Configurations);
            Assert.Equal(Path.Combine(repo, "firmware", "NfIcbmsg", "NfIcbmsg.nfproj"), Assert.Single(options.Projects));
            Assert.Equal(Path.Combine(repo, "firmware", "nf-surface"), options.SurfaceRoot);
        }

        [Theory]
        [InlineData("--frobnicate")]
        [InlineData("--repo")]
        [InlineData("--configuration", "Fast")]
        public void UsageErrorsAreReported(params string[] args)
        {
            Assert.Null(GateOptions.Parse(args, out string? error));
            Assert.False(string.IsNullOrEmpty(error));
        }
    }
}
