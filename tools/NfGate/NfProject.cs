using System.Collections.Generic;
using System.IO;

namespace NfGate
{
    /// <summary>A source file a project compiles, and the project file (nfproj or projitems) that lists it.</summary>
    public sealed record CompileItem(string FullPath, SourceLocation DeclaredAt);

    /// <summary>A &lt;Reference Include="Name, Version=..."&gt; item with its HintPath.</summary>
    public sealed record AssemblyReference(string Include, string? HintPath, SourceLocation DeclaredAt)
    {
        /// <summary>The simple assembly name: the part of Include before the first comma.</summary>
        public string AssemblyName => Include.Split(',')[0].Trim();
    }

    /// <summary>A &lt;ProjectReference&gt; item, resolved to a full path.</summary>
    public sealed record ProjectReferenceItem(string FullPath, SourceLocation DeclaredAt);

    /// <summary>What the gate needs of one .nfproj, evaluated for one configuration.</summary>
    public sealed class NfProject
    {
        public NfProject(string filePath, string configuration)
        {
            FilePath = filePath;
            Configuration = configuration;
        }

        public string FilePath { get; }

        public string Directory => Path.GetDirectoryName(FilePath) ?? throw new System.InvalidOperationException(FilePath + " has no folder");

        public string Configuration { get; }

        public string AssemblyName { get; set; } = string.Empty;

        public string OutputType { get; set; } = string.Empty;

        public string LangVersion { get; set; } = string.Empty;

        public IReadOnlyList<string> PreprocessorSymbols { get; set; } = [];

        public bool AllowUnsafeBlocks { get; set; }

        public bool TreatWarningsAsErrors { get; set; }

        public bool CheckForOverflowUnderflow { get; set; }

        public bool GeneratesDocumentation { get; set; }

        public IReadOnlyList<string> NoWarn { get; set; } = [];

        /// <summary>Where each property of interest was last set (for error locations).</summary>
        public Dictionary<string, SourceLocation> PropertyLocations { get; } = new(System.StringComparer.OrdinalIgnoreCase);

        public List<CompileItem> CompileItems { get; } = [];

        /// <summary>Every Compile include as written, also those that are missing or listed twice.</summary>
        public List<CompileItem> ListedSources { get; } = [];

        /// <summary>Full paths of the imported shared projects (.projitems), in import order.</summary>
        public List<string> SharedImports { get; } = [];

        public List<AssemblyReference> References { get; } = [];

        public List<ProjectReferenceItem> ProjectReferences { get; } = [];

        public SourceLocation LocationOf(string property) =>
            PropertyLocations.TryGetValue(property, out SourceLocation? location) ? location : SourceLocation.StartOf(FilePath);
    }
}
