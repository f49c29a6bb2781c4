using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace NfIcbmsg.Devicetree.Boards
{
    /// <summary>
    /// The board files of a checkout: every *.overlay and *.dts below boards/ (*.dtsi are fragments
    /// they include). Paths are reported relative to the repository root with '/' so that messages,
    /// generated headers and CI logs read the same on every machine.
    /// </summary>
    public sealed class BoardCatalog
    {
        public const string BoardsFolder = "boards";

        private BoardCatalog(string root)
        {
            RepositoryRoot = root;
        }

        public string RepositoryRoot { get; }

        public string BoardsDirectory
        {
            get { return Path.Combine(RepositoryRoot, BoardsFolder); }
        }

        /// <summary>Uses <paramref name="root"/> as the repository root.</summary>
        public static BoardCatalog At(string root)
        {
            return new BoardCatalog(Path.GetFullPath(root));
        }

        /// <summary>The nearest directory at or above <paramref name="start"/> holding both boards/ and firmware/, or null.</summary>
        public static BoardCatalog? Locate(string start)
        {
            DirectoryInfo? directory = new DirectoryInfo(Path.GetFullPath(start));
            while (directory != null)
            {
                if (Directory.Exists(Path.Combine(directory.FullName, BoardsFolder)) && Directory.Exists(Path.Combine(directory.FullName, "firmware")))
                {
                    return new BoardCatalog(directory.FullName);
                }

                directory = directory.Parent;
            }

            return null;
        }

        /// <summary>Board files relative to the root ("boards/sim/local.overlay"), sorted.</summary>
        public IReadOnlyList<string> BoardFiles()
        {
            if (!Directory.Exists(BoardsDirectory))
            {
                return new string[0];
            }

            return Directory.EnumerateFiles(BoardsDirectory, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".overlay", StringComparison.Ordinal) || f.EndsWith(".dts", StringComparison.Ordinal))
                .Select(Relative)
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
        }

        public string Full(string relative)
        {
            return Path.GetFullPath(Path.Combine(RepositoryRoot, relative));
        }

        public string Relative(string path)
        {
            return Path.GetRelativePath(RepositoryRoot, Path.GetFullPath(path)).Replace('\\', '/');
        }

        /// <summary>Loads a board file named relative to the root; messages carry the relative path wherever the tool runs.</summary>
        public BoardFile Load(string relative)
        {
            return BoardLoader.Load(Full(relative), relative);
        }

        /// <summary>"boards/esp32_devkitc/appcpu.overlay" -> "Esp32DevkitcAppcpu": the board's name in generated code.</summary>
        public static string BoardName(string relative)
        {
            string path = relative.Replace('\\', '/');
            if (path.StartsWith(BoardsFolder + "/", StringComparison.Ordinal))
            {
                path = path.Substring(BoardsFolder.Length + 1);
            }

            path = Path.ChangeExtension(path, null);
            return Pascal(path);
        }

        /// <summary>"ipc0" -> "Ipc0", "my-board_x" -> "MyBoardX".</summary>
        public static string Pascal(string text)
        {
            StringBuilder name = new StringBuilder();
            bool upper = true;
            foreach (char c in text)
            {
                if (!char.IsLetterOrDigit(c) || c > 127)
                {
                    upper = true;
                    continue;
                }

                name.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }

            if (name.Length == 0 || char.IsDigit(name[0]))
            {
                name.Insert(0, 'B');
            }

            return name.ToString();
        }
    }
}
