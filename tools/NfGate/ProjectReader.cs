using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace NfGate
{
    /// <summary>
    /// Reads an .nfproj the way MSBuild would for the C# compiler: properties first (the project and its shared
    /// imports, in order), then Compile / Reference / ProjectReference items. The nanoFramework build-system imports
    /// (NFProjectSystem.*.props/targets, NuGet targets) are not available here; what they contribute to compilation
    /// (LangVersion 9.0, DEBUG;TRACE or TRACE, NANOFRAMEWORK_1_0) is applied by this reader instead.
    /// </summary>
    public sealed class ProjectReader
    {
        private readonly List<GateDiagnostic> _diagnostics;
        private readonly MsBuildProperties _properties = new();
        private readonly Dictionary<XElement, (XElement Root, string Path)> _importedProjects = [];
        private readonly NfProject _project;

        private ProjectReader(NfProject project, List<GateDiagnostic> diagnostics)
        {
            _project = project;
            _diagnostics = diagnostics;
        }

        /// <summary>Returns null (with a diagnostic) when the project file cannot be read at all.</summary>
        public static NfProject? Read(string projectPath, string configuration, List<GateDiagnostic> diagnostics) =>
            new ProjectReader(new NfProject(projectPath, configuration), diagnostics).ReadProject(projectPath, configuration);

        private NfProject? ReadProject(string projectPath, string configuration)
        {
            XElement? root = LoadXml(projectPath, SourceLocation.StartOf(projectPath));
            if (root == null)
            {
                return null;
            }

            SetGlobalProperties(projectPath, configuration);
            EvaluateProperties(root, projectPath);
            EvaluateItems(root, projectPath);

            ApplyProperties();
            return _project;
        }

        private void SetGlobalProperties(string projectPath, string configuration)
        {
            _properties["Configuration"] = configuration;
            _properties["Platform"] = "AnyCPU";
            _properties["MSBuildProjectFullPath"] = projectPath;
            _properties["MSBuildProjectDirectory"] = Folder(projectPath);
            _properties["MSBuildProjectFile"] = Path.GetFileName(projectPath);
            _properties["MSBuildProjectName"] = Path.GetFileNameWithoutExtension(projectPath);
            _properties["MSBuildProjectExtension"] = Path.GetExtension(projectPath);

            // The Visual Studio 2022 MSBuild that the nanoFramework extension builds with.
            _properties["MSBuildVersion"] = "17.0";

            // NFProjectSystem.Default.props, imported before the project's own properties.
            _properties["LangVersion"] = "9.0";
            _properties["DefineConstants"] = configuration == "Debug" ? "DEBUG;TRACE" : "TRACE";
        }

        private void SetThisFile(string path)
        {
            _properties["MSBuildThisFileFullPath"] = path;
            _properties["MSBuildThisFile"] = Path.GetFileName(path);
            _properties["MSBuildThisFileDirectory"] = Path.GetDirectoryName(path) + Path.DirectorySeparatorChar;
        }

        // Pass 1: properties and shared imports, in document order.
        private void EvaluateProperties(XElement root, string path)
        {
            foreach (XElement element in root.Elements())
            {
                SetThisFile(path);
                switch (element.Name.LocalName)
                {
                    case "PropertyGroup" when ConditionHolds(element, path):
                        foreach (XElement property in element.Elements().Where(p => ConditionHolds(p, path)))
                        {
                            string value = Expand(property.Value.Trim(), property, path);
                            _properties[property.Name.LocalName] = value;
                            _project.PropertyLocations[property.Name.LocalName] = XmlLocations.Of(property, path);
                        }

                        break;
                    case "Import":
                        EvaluateImport(element, path);
                        break;
                    case "Choose":
                        Report(element, path, RuleIds.UnsupportedMsBuild, "<Choose> is not evaluated by the gate; use conditioned PropertyGroup/ItemGroup elements");
                        break;
                }
            }
        }

        private void EvaluateImport(XElement element, string path)
        {
            string target = Expand((string?)element.Attribute("Project") ?? "", element, path);

            // Only shared projects add sources; the other imports are the nanoFramework and NuGet build system.
            if (!target.EndsWith(".projitems", StringComparison.OrdinalIgnoreCase) || !ConditionHolds(element, path))
            {
                return;
            }

            string fullPath = Path.GetFullPath(Path.Combine(Folder(path), target.Replace('\\', '/')));
            if (!File.Exists(fullPath))
            {
                Report(element, path, RuleIds.ImportMissing, $"imports shared project '{target}', which does not exist (looked for {fullPath})");
                return;
            }

            if (_project.SharedImports.Contains(fullPath))
            {
                return; // MSBuild skips a repeated import, and so do we.
            }

            _project.SharedImports.Add(fullPath);
            XElement? imported = LoadXml(fullPath, XmlLocations.Of(element, path));
            if (imported != null)
            {
                _importedProjects[element] = (imported, fullPath);
                EvaluateProperties(imported, fullPath);
            }
        }

        // Pass 2: items, with the final property values, in document order (an import's items at the import).
        private void EvaluateItems(XElement root, string path)
        {
            foreach (XElement element in root.Elements())
            {
                SetThisFile(path);
                if (_importedProjects.TryGetValue(element, out (XElement Root, string Path) imported))
                {
                    EvaluateItems(imported.Root, imported.Path);
                }
                else if (element.Name.LocalName == "ItemGroup" && ConditionHolds(element, path))
                {
                    EvaluateItemGroup(element, path);
                }
            }
        }

        private void EvaluateItemGroup(XElement group, string path)
        {
            foreach (XElement item in group.Elements().Where(e => ConditionHolds(e, path)))
            {
                switch (item.Name.LocalName)
                {
                    case "Compile":
                        EvaluateCompile(item, path);
                        break;
                    case "Reference":
                        string? hintPath = item.Elements().FirstOrDefault(e => e.Name.LocalName == "HintPath")?.Value.Trim();
                        _project.References.Add(new AssemblyReference(
                            Expand((string?)item.Attribute("Include") ?? "", item, path),
                            hintPath == null ? null : Expand(hintPath, item, path),
                            XmlLocations.Of(item, path)));
                        break;
                    case "ProjectReference":
                        string include = Expand((string?)item.Attribute("Include") ?? "", item, path);
                        _project.ProjectReferences.Add(new ProjectReferenceItem(ProjectRelative(include), XmlLocations.Of(item, path)));
                        break;
                }
            }
        }

        private void EvaluateCompile(XElement item, string path)
        {
            SourceLocation location = XmlLocations.Of(item, path);
            foreach (string removed in SplitItems(Expand((string?)item.Attribute("Remove") ?? "", item, path)))
            {
                _project.CompileItems.RemoveAll(c => c.FullPath == ProjectRelative(removed));
            }

            foreach (string include in SplitItems(Expand((string?)item.Attribute("Include") ?? "", item, path)))
            {
                if (include.IndexOfAny(['*', '?']) >= 0)
                {
                    Report(item, path, RuleIds.UnsupportedMsBuild, $"wildcard Compile item '{include}': the nanoFramework project system lists every file explicitly; list each file");
                    continue;
                }

                string fullPath = ProjectRelative(include);
                _project.ListedSources.Add(new CompileItem(fullPath, location));
                if (!File.Exists(fullPath))
                {
                    Report(item, path, RuleIds.CompileItemMissing, $"Compile item '{include}' does not exist (looked for {fullPath}; names are case-sensitive on Linux)");
                }
                else if (_project.CompileItems.Any(c => c.FullPath == fullPath))
                {
                    Report(item, path, RuleIds.DuplicateCompileItem, $"Compile item '{include}' is already listed; the compiler would see the file twice");
                }
                else
                {
                    _project.CompileItems.Add(new CompileItem(fullPath, location));
                }
            }
        }

        private void ApplyProperties()
        {
            string assemblyName = _properties["AssemblyName"];
            _project.AssemblyName = assemblyName.Length > 0 ? assemblyName : _properties["MSBuildProjectName"];
            string outputType = _properties["OutputType"];
            _project.OutputType = outputType.Length > 0 ? outputType : "Library";
            _project.LangVersion = _properties["LangVersion"];

            // NFProjectSystem.CSharp.targets appends NANOFRAMEWORK_1_0 to whatever the project defines.
            _project.PreprocessorSymbols = SplitList(_properties["DefineConstants"]).Append("NANOFRAMEWORK_1_0").Distinct().ToList();
            _project.NoWarn = SplitList(_properties["NoWarn"]).ToList();
            _project.AllowUnsafeBlocks = IsTrue("AllowUnsafeBlocks");
            _project.TreatWarningsAsErrors = IsTrue("TreatWarningsAsErrors");
            _project.CheckForOverflowUnderflow = IsTrue("CheckForOverflowUnderflow");
            _project.GeneratesDocumentation = _properties["DocumentationFile"].Length > 0;
        }

        private bool IsTrue(string property) => string.Equals(_properties[property], "true", StringComparison.OrdinalIgnoreCase);

        // Relative item paths resolve against the project directory, also in imported files (MSBuild semantics).
        private string ProjectRelative(string include) =>
            Path.GetFullPath(Path.Combine(_project.Directory, include.Replace('\\', '/')));

        private static IEnumerable<string> SplitItems(string value) =>
            value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        private static IEnumerable<string> SplitList(string value) =>
            value.Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        private bool ConditionHolds(XElement element, string path)
        {
            string? condition = (string?)element.Attribute("Condition");
            try
            {
                return MsBuildCondition.Evaluate(condition, _properties, Folder(path));
            }
            catch (UnsupportedMsBuildException e)
            {
                Report(element, path, RuleIds.UnsupportedMsBuild, e.Message);
                return false;
            }
        }

        private string Expand(string text, XElement element, string path)
        {
            try
            {
                return _properties.Expand(text);
            }
            catch (UnsupportedMsBuildException e)
            {
                Report(element, path, RuleIds.UnsupportedMsBuild, e.Message);
                return "";
            }
        }

        // A project file's folder: its path is always a full file path.
        private static string Folder(string path) => Path.GetDirectoryName(path) ?? throw new ArgumentException(path + " has no folder", nameof(path));

        // The root element, or null (reported) when the file cannot be read or parsed.
        private XElement? LoadXml(string path, SourceLocation referencedFrom)
        {
            try
            {
                return XmlLocations.Load(path).Root ?? throw new XmlException("no root element");
            }
            catch (XmlException e)
            {
                _diagnostics.Add(GateDiagnostic.Error(new SourceLocation(path, e.LineNumber, e.LinePosition), RuleIds.ProjectUnreadable, $"not well-formed XML: {e.Message}"));
            }
            catch (IOException e)
            {
                _diagnostics.Add(GateDiagnostic.Error(referencedFrom, RuleIds.ProjectUnreadable, $"cannot read {path}: {e.Message}"));
            }

            return null;
        }

        private void Report(XElement element, string path, string id, string message) =>
            _diagnostics.Add(GateDiagnostic.Error(XmlLocations.Of(element, path), id, message));
    }
}
