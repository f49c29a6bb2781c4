using System;
using System.IO;
using NfIcbmsg.Devicetree;
using NfIcbmsg.Devicetree.Boards;

namespace NfIcbmsg.Sim.Boards
{
    /// <summary>
    /// The simulator board (boards/sim: local.overlay, remote.overlay and their include) ships beside nf-sim, so
    /// that demo, run, inspect and boards show/check work where no checkout is: an installed .NET tool. A board
    /// path the user names is looked up as given first, then in the checkout above the current directory, and
    /// only then among these copies; a checkout's own file always wins over the shipped copy.
    /// </summary>
    public static class BundledBoards
    {
        /// <summary>The shipped board files, named as in a checkout.</summary>
        public static readonly string[] Files = { "boards/sim/local.overlay", "boards/sim/remote.overlay" };

        /// <summary>How messages name a shipped copy ("(nf-sim)/boards/sim/local.overlay:12:3"), so that nobody mistakes it for a file of their own.</summary>
        public const string Prefix = "(nf-sim)/";

        /// <summary>
        /// The file to read for <paramref name="path"/>: the path itself when it exists; else the same relative path
        /// in the checkout found upward from the current directory; else the copy shipped beside nf-sim when
        /// <paramref name="path"/> names one of <see cref="Files"/>. Null when none exists. <paramref name="bundled"/>
        /// says whether the shipped copy was chosen.
        /// </summary>
        public static string? Resolve(string path, out bool bundled)
        {
            bundled = false;
            if (File.Exists(path))
            {
                return path;
            }

            if (!Path.IsPathRooted(path))
            {
                BoardCatalog? checkout = BoardCatalog.Locate(Directory.GetCurrentDirectory());
                if (checkout != null && File.Exists(checkout.Full(path)))
                {
                    return checkout.Full(path);
                }
            }

            string name = path.Replace('\\', '/');
            string shipped = Path.Combine(AppContext.BaseDirectory, name);
            if (Array.IndexOf(Files, name) >= 0 && File.Exists(shipped))
            {
                bundled = true;
                return shipped;
            }

            return null;
        }

        /// <summary>
        /// Loads <paramref name="path"/> as <see cref="Resolve"/> finds it, naming it as the user did (after
        /// <see cref="Prefix"/> for a shipped copy). A path found nowhere is loaded as given, so that the reader
        /// reports it missing in its usual words.
        /// </summary>
        public static BoardFile Load(string path)
        {
            return Load(path, ReadOptions.None);
        }

        /// <summary>As <see cref="Load(string)"/>, read on top of the base devicetrees and include directories of <paramref name="options"/>.</summary>
        public static BoardFile Load(string path, ReadOptions options)
        {
            string? file = Resolve(path, out bool bundled);
            return file == null ? BoardLoader.Load(path, path, options) : BoardLoader.Load(file, bundled ? Prefix + path : path, options);
        }

        /// <summary>The message for a command that needs a checkout (board listing, generation) when none was found.</summary>
        public static string NeedsCheckout(string command)
        {
            return $"{command} works on a checkout of nf-icbmsg (a directory holding boards/ and firmware/), and none was found at or above {Directory.GetCurrentDirectory()}: "
                + "run it inside the checkout or pass --repo DIR. Outside a checkout nf-sim carries only the simulator board ("
                + string.Join(", ", Files) + "), which demo, run, inspect and boards show/check accept by these names.";
        }
    }
}
