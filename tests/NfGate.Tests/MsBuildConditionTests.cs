using System.IO;
using NfGate;
using Xunit;

namespace NfGate.Tests
{
    public sealed class MsBuildConditionTests
    {
        private static readonly MsBuildProperties s_properties = CreateProperties();

        [Theory]
        [InlineData("", true)]
        [InlineData(" '$(Configuration)' == '' ", false)]
        [InlineData("'$(Configuration)|$(Platform)' == 'debug|AnyCPU'", true)]
        [InlineData("'$(Configuration)' != 'Debug'", false)]
        [InlineData("'$(TF_BUILD)' == 'True' or '$(Configuration)' == 'Debug'", true)]
        [InlineData("'$(Configuration)' == 'Debug' and !('$(Platform)' == 'AnyCPU')", false)]
        [InlineData("'$(MSBuildVersion)' < '16.0'", false)]
        [InlineData("'$(MSBuildVersion)' >= '16'", true)]
        [InlineData("true", true)]
        public void EvaluatesLikeMsBuild(string condition, bool expected)
        {
            Assert.Equal(expected, MsBuildCondition.Evaluate(condition, s_properties, Path.GetTempPath()));
        }

        [Fact]
        public void ShortCircuitSkipsTheOperandThatCannotBeEvaluated()
        {
            // MSBuild evaluates the right side of `or` only when the left is false; '' < '16.0' would be an error.
            Assert.True(MsBuildCondition.Evaluate("'$(Unset)' == '' Or '$(Unset)' < '16.0'", s_properties, Path.GetTempPath()));
            Assert.Throws<UnsupportedMsBuildException>(() => MsBuildCondition.Evaluate("'$(Unset)' != '' Or '$(Unset)' < '16.0'", s_properties, Path.GetTempPath()));
        }

        [Fact]
        public void ExistsLooksRelativeToTheFile()
        {
            string directory = Directory.CreateTempSubdirectory("nfgate-exists").FullName;
            File.WriteAllText(Path.Combine(directory, "here.props"), "<Project />");
            try
            {
                Assert.True(MsBuildCondition.Evaluate(@"Exists('.\here.props')", s_properties, directory));
                Assert.False(MsBuildCondition.Evaluate("Exists('$(Unset)missing.props')", s_properties, directory));
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        [Fact]
        public void PropertyFunctionsAreReportedNotGuessed()
        {
            UnsupportedMsBuildException error = Assert.Throws<UnsupportedMsBuildException>(() => MsBuildCondition.Evaluate("'$([System.DateTime]::Now)' == ''", s_properties, Path.GetTempPath()));
            Assert.Contains("property functions", error.Message);
        }

        private static MsBuildProperties CreateProperties()
        {
            MsBuildProperties properties = new MsBuildProperties();
            properties["Configuration"] = "Debug";
            properties["Platform"] = "AnyCPU";
            properties["MSBuildVersion"] = "17.0";
            return properties;
        }
    }
}
