using NfIcbmsg.Devicetree.Diagnostics;
using NfIcbmsg.Devicetree.Syntax;
using NfIcbmsg.Devicetree.Tree;

namespace NfIcbmsg.Devicetree.Boards
{
    /// <summary>Reads, models and validates a board file in one call. Never throws for bad input: a file
    /// that cannot be read comes back with no tree and its one fatal error.</summary>
    public static class BoardLoader
    {
        public static BoardFile Load(string path, ReadLimits? limits = null)
        {
            return Load(path, path, limits);
        }

        /// <summary>Loads <paramref name="path"/>, naming it <paramref name="displayPath"/> in the model and in every message.</summary>
        public static BoardFile Load(string path, string displayPath, ReadLimits? limits = null)
        {
            return Read(() => DevicetreeReader.ReadFile(path, displayPath, limits), displayPath);
        }

        /// <summary>Loads <paramref name="path"/> on top of <see cref="ReadOptions.Bases"/>, resolving #include &lt;...&gt; in its include directories.</summary>
        public static BoardFile Load(string path, string displayPath, ReadOptions options)
        {
            return Read(() => DevicetreeReader.ReadFile(path, displayPath, options), displayPath);
        }

        public static BoardFile LoadText(string text, string path, ReadLimits? limits = null)
        {
            return Read(() => DevicetreeReader.ReadText(text, path, limits), path);
        }

        public static BoardFile LoadText(string text, string path, ReadOptions options)
        {
            return Read(() => DevicetreeReader.ReadText(text, path, options), path);
        }

        private static BoardFile Read(System.Func<DtTree> read, string path)
        {
            DtTree tree;
            try
            {
                tree = read();
            }
            catch (DevicetreeException e)
            {
                return Failed(path, e);
            }

            return FromTree(tree);
        }

        private static BoardFile FromTree(DtTree tree)
        {
            BoardFile board = BoardReader.Read(tree);
            BoardValidator.Validate(board);
            return board;
        }

        private static BoardFile Failed(string path, DevicetreeException e)
        {
            BoardFile board = new BoardFile(path, null);
            board.Report(e.Diagnostic);
            return board;
        }
    }
}
