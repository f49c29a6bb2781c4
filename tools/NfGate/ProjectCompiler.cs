using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace NfGate
{
    /// <summary>A project compiled by the gate: the compilation (for the scanner and for dependent projects).</summary>
    public sealed record CompiledProject(NfProject Project, CSharpCompilation Compilation);

    /// <summary>
    /// Compiles a project's sources the way the nanoFramework build does: C# 9, no standard library (only the
    /// referenced surfaces), NANOFRAMEWORK_1_0 plus the project's symbols, nullable disabled. It emits to memory,
    /// because some errors (missing members that lowering needs) only show up when the code is emitted.
    /// </summary>
    public static class ProjectCompiler
    {
        public static CompiledProject Compile(NfProject project, IEnumerable<MetadataReference> references, List<GateDiagnostic> diagnostics)
        {
            CSharpParseOptions parseOptions = ParseOptionsFor(project);
            List<SyntaxTree> trees = new List<SyntaxTree>();
            foreach (CompileItem item in project.CompileItems)
            {
                try
                {
                    trees.Add(CSharpSyntaxTree.ParseText(File.ReadAllText(item.FullPath), parseOptions, item.FullPath));
                }
                catch (IOException e)
                {
                    diagnostics.Add(GateDiagnostic.Error(item.DeclaredAt, RuleIds.CompileItemMissing, $"cannot read {item.FullPath}: {e.Message}"));
                }
            }

            CSharpCompilation compilation = CSharpCompilation.Create(project.AssemblyName, trees, references, CompilationOptionsFor(project));
            using MemoryStream output = new MemoryStream();
            EmitResult result = compilation.Emit(output);
            diagnostics.AddRange(RoslynDiagnostics.Convert(result.Diagnostics, project.FilePath));
            return new CompiledProject(project, compilation);
        }

        public static CSharpParseOptions ParseOptionsFor(NfProject project) =>
            new(LanguageVersion.CSharp9,
                project.GeneratesDocumentation ? DocumentationMode.Diagnose : DocumentationMode.None,
                preprocessorSymbols: project.PreprocessorSymbols);

        private static CSharpCompilationOptions CompilationOptionsFor(NfProject project)
        {
            OutputKind kind = string.Equals(project.OutputType, "Exe", StringComparison.OrdinalIgnoreCase) || string.Equals(project.OutputType, "WinExe", StringComparison.OrdinalIgnoreCase)
                ? OutputKind.ConsoleApplication
                : OutputKind.DynamicallyLinkedLibrary;

            // Warning level 4 is what old-style (non-SDK) projects such as .nfproj compile with.
            return new CSharpCompilationOptions(
                kind,
                checkOverflow: project.CheckForOverflowUnderflow,
                allowUnsafe: project.AllowUnsafeBlocks,
                warningLevel: 4,
                generalDiagnosticOption: project.TreatWarningsAsErrors ? ReportDiagnostic.Error : ReportDiagnostic.Default,
                specificDiagnosticOptions: project.NoWarn.Select(NormalizeWarningId).Distinct().ToDictionary(id => id, _ => ReportDiagnostic.Suppress),
                nullableContextOptions: NullableContextOptions.Disable);
        }

        // NoWarn accepts "1591" as well as "CS1591".
        private static string NormalizeWarningId(string id) => id.All(char.IsDigit) ? "CS" + id.PadLeft(4, '0') : id;
    }
}
