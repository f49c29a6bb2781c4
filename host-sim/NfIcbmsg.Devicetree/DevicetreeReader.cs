using System.Collections.Generic;
using NfIcbmsg.Devicetree.Diagnostics;
using NfIcbmsg.Devicetree.Syntax;
using NfIcbmsg.Devicetree.Tree;

namespace NfIcbmsg.Devicetree
{
    /// <summary>
    /// Reads a board file (a Zephyr-style devicetree overlay) into a merged tree. Throws
    /// <see cref="Diagnostics.DevicetreeException"/> with file:line:column for anything it cannot read;
    /// non-fatal findings (duplicate properties, skipped includes) are in <see cref="DtTree.Diagnostics"/>.
    /// With <see cref="ReadOptions.Bases"/>, the base trees are read first and the overlay is applied on top,
    /// sharing one macro table, as Zephyr's build concatenates them into one preprocessor pass.
    /// </summary>
    public static class DevicetreeReader
    {
        public static DtTree ReadFile(string path, ReadLimits? limits = null)
        {
            return ReadFile(path, path, limits);
        }

        /// <summary>Reads <paramref name="path"/>; messages and the tree name it <paramref name="displayPath"/> (e.g. relative to the repository).</summary>
        public static DtTree ReadFile(string path, string displayPath, ReadLimits? limits = null)
        {
            return ReadFile(path, displayPath, new ReadOptions { Limits = limits ?? ReadLimits.Default });
        }

        public static DtTree ReadFile(string path, string displayPath, ReadOptions options)
        {
            return Read(options, displayPath, source => source.PushRootFile(path, displayPath));
        }

        /// <summary>Reads text as if it were the file <paramref name="displayPath"/> (includes resolve beside that path).</summary>
        public static DtTree ReadText(string text, string displayPath, ReadLimits? limits = null)
        {
            return ReadText(text, displayPath, new ReadOptions { Limits = limits ?? ReadLimits.Default });
        }

        public static DtTree ReadText(string text, string displayPath, ReadOptions options)
        {
            return Read(options, displayPath, source => source.PushRootText(text, displayPath));
        }

        private static DtTree Read(ReadOptions options, string path, System.Action<SourceStack> pushOverlay)
        {
            MacroTable macros = new MacroTable();
            List<Diagnostic> warnings = new List<Diagnostic>();
            List<DocumentSyntax> documents = new List<DocumentSyntax>();
            foreach (string basePath in options.Bases)
            {
                documents.Add(Parse(options, macros, warnings, source => source.PushRootFile(basePath, basePath)));
            }

            documents.Add(Parse(options, macros, warnings, pushOverlay));
            DtTree tree = TreeMerger.Merge(documents, path, options.HasBase);
            foreach (Diagnostic warning in warnings)
            {
                tree.Report(warning);
            }

            return tree;
        }

        private static DocumentSyntax Parse(ReadOptions options, MacroTable macros, List<Diagnostic> warnings, System.Action<SourceStack> push)
        {
            SourceStack source = new SourceStack(options.Limits, options.IncludeDirectories, options.HasBase, warnings);
            push(source);
            Lexer lexer = new Lexer(source, macros);
            return new Parser(lexer, options.Limits).ParseDocument();
        }
    }
}
