using NfIcbmsg.Devicetree.Syntax;
using NfIcbmsg.Devicetree.Tree;

namespace NfIcbmsg.Devicetree
{
    /// <summary>
    /// Reads a board file (a Zephyr-style devicetree overlay) into a merged tree. Throws
    /// <see cref="Diagnostics.DevicetreeException"/> with file:line:column for anything it cannot read;
    /// non-fatal findings (duplicate properties) are in <see cref="DtTree.Diagnostics"/>.
    /// </summary>
    public static class DevicetreeReader
    {
        public static DtTree ReadFile(string path, ReadLimits limits = null)
        {
            return ReadFile(path, path, limits);
        }

        /// <summary>Reads <paramref name="path"/>; messages and the tree name it <paramref name="displayPath"/> (e.g. relative to the repository).</summary>
        public static DtTree ReadFile(string path, string displayPath, ReadLimits limits = null)
        {
            limits ??= ReadLimits.Default;
            SourceStack source = new SourceStack(limits);
            source.PushRootFile(path, displayPath);
            return Read(source, displayPath, limits);
        }

        /// <summary>Reads text as if it were the file <paramref name="displayPath"/> (includes resolve beside that path).</summary>
        public static DtTree ReadText(string text, string displayPath, ReadLimits limits = null)
        {
            limits ??= ReadLimits.Default;
            SourceStack source = new SourceStack(limits);
            source.PushRootText(text, displayPath);
            return Read(source, displayPath, limits);
        }

        private static DtTree Read(SourceStack source, string path, ReadLimits limits)
        {
            Lexer lexer = new Lexer(source, new MacroTable());
            DocumentSyntax document = new Parser(lexer, limits).ParseDocument();
            return TreeMerger.Merge(document, path);
        }
    }
}
