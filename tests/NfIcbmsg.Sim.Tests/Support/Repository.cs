using System;
using System.IO;

namespace NfIcbmsg.Sim.Tests.Support
{
    /// <summary>Paths in the checkout the tests run from: the sim board files.</summary>
    public static class Repository
    {
        public static readonly string Root = FindRoot();

        /// <summary>Side X of the sim board (lower tx region: the ICBMsg follower).</summary>
        public static string LocalBoard => Path.Combine(Root, "boards", "sim", "local.overlay");

        /// <summary>Side Y of the sim board, the mirror of <see cref="LocalBoard"/> (the initiator).</summary>
        public static string RemoteBoard => Path.Combine(Root, "boards", "sim", "remote.overlay");

        private static string FindRoot()
        {
            DirectoryInfo? directory = new DirectoryInfo(AppContext.BaseDirectory);
            // The test output folder holds a copy of boards/sim too (nf-sim ships it beside itself), so the root is the
            // first folder up that also has firmware/.
            while (directory != null && !(File.Exists(Path.Combine(directory.FullName, "boards", "sim", "local.overlay"))
                && Directory.Exists(Path.Combine(directory.FullName, "firmware"))))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("no checkout (boards/sim/local.overlay and firmware/) above " + AppContext.BaseDirectory);
        }
    }
}
