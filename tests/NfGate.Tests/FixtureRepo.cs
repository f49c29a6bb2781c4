using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NfGate;
using Xunit;
using Xunit.Sdk;

namespace NfGate.Tests
{
    /// <summary>
    /// A throw-away repository with one small nanoFramework project: firmware/Small/Small.nfproj imports the shared
    /// project firmware/Shared/Small.projitems, which lists Clean.cs (portable code that must pass) and Injected.cs
    /// (what a test puts there). Checked against the real API surfaces.
    /// </summary>
    internal sealed class FixtureRepo : IDisposable
    {
        public const string ProjectPath = "firmware/Small/Small.nfproj";
        public const string PackagesConfigPath = "firmware/Small/packages.config";
        public const string ProjitemsPath = "firmware/Shared/Small.projitems";
        public const string CleanPath = "firmware/Shared/Clean.cs";
        public const string InjectedPath = "firmware/Shared/Injected.cs";

        public FixtureRepo()
        {
            Root = Path.Combine(Path.GetTempPath(), "nfgate-" + Guid.NewGuid().ToString("N"));
            Write(ProjectPath, FixtureFiles.Project);
            Write(PackagesConfigPath, FixtureFiles.PackagesConfig);
            Write(ProjitemsPath, FixtureFiles.Projitems);
            Write(CleanPath, FixtureFiles.Clean);
            Write(InjectedPath, FixtureFiles.EmptyInjected);
        }

        public string Root { get; }

        public void Write(string relativePath, string text)
        {
            string path = FullPath(relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        /// <summary>Replaces text that must occur in the file (so a changed fixture cannot make a test vacuous).</summary>
        public void Edit(string relativePath, string oldText, string newText)
        {
            string text = File.ReadAllText(FullPath(relativePath));
            Assert.Contains(oldText, text);
            File.WriteAllText(FullPath(relativePath), text.Replace(oldText, newText, StringComparison.Ordinal));
        }

        /// <summary>Where an XML element starting with <paramref name="elementStart"/> ("&lt;Name ...") is: the column of its name, as XmlReader reports it.</summary>
        private SourceLocation ElementLocation(string relativePath, string elementStart)
        {
            string[] lines = File.ReadAllLines(FullPath(relativePath));
            int index = Array.FindIndex(lines, l => l.Contains(elementStart, StringComparison.Ordinal));
            Assert.True(index >= 0, $"'{elementStart}' is not in {relativePath}");
            return new SourceLocation(FullPath(relativePath), index + 1, lines[index].IndexOf(elementStart, StringComparison.Ordinal) + 2);
        }

        public GateResult Run(params string[] configurations)
        {
            GateOptions options = new GateOptions
            {
                RepoRoot = Root,
                SurfaceRoot = Repository.SurfaceRoot,
                Configurations = configurations.Length > 0 ? configurations : ["Debug"],
            };
            return new Gate(options, Repository.Surfaces).Run();
        }

        /// <summary>Asserts a finding with exactly this rule id at exactly this place; on failure lists what the gate did report.</summary>
        public void AssertError(GateResult result, string id, string relativePath, int line, int column, GateSeverity severity = GateSeverity.Error)
        {
            bool found = result.AllDiagnostics.Any(d =>
                d.Severity == severity && d.Id == id && d.RelativePath(Root) == relativePath && d.Location.Line == line && d.Location.Column == column);
            if (!found)
            {
                throw new XunitException($"expected {severity} {id} at {relativePath}:{line}:{column}; the gate reported:\n{Describe(result)}");
            }

            Assert.Equal(severity == GateSeverity.Error, result.HasErrors);
        }

        /// <summary>Asserts a finding with this rule id at the XML element that starts with <paramref name="elementStart"/>.</summary>
        public void AssertErrorAtElement(GateResult result, string id, string relativePath, string elementStart, GateSeverity severity = GateSeverity.Error)
        {
            SourceLocation element = ElementLocation(relativePath, elementStart);
            AssertError(result, id, relativePath, element.Line, element.Column, severity);
        }

        public void AssertPassed(GateResult result)
        {
            if (result.HasErrors)
            {
                throw new XunitException($"expected the gate to pass; it reported:\n{Describe(result)}");
            }
        }

        public string Describe(GateResult result)
        {
            List<string> lines = result.AllDiagnostics.Select(d => "  " + d.Format(Root)).ToList();
            return lines.Count == 0 ? "  (nothing)" : string.Join("\n", lines);
        }

        public void Dispose()
        {
            if (Directory.Exists(Root))
            {
                Directory.Delete(Root, recursive: true);
            }
        }

        private string FullPath(string relativePath) => Path.Combine(Root, relativePath);
    }
}
