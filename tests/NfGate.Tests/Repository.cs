using System;
using System.IO;
using NfGate;

namespace NfGate.Tests
{
    /// <summary>The repository these tests run in, and one set of compiled API surfaces shared by all tests.</summary>
    internal static class Repository
    {
        private static readonly Lazy<string> s_lazyRoot = new(FindRoot);
        private static readonly Lazy<SurfaceCompiler> s_lazySurfaces = new(() => new SurfaceCompiler(SurfaceRoot));

        public static string Root => s_lazyRoot.Value;

        public static string SurfaceRoot => Path.Combine(Root, "firmware", "nf-surface");

        /// <summary>Compiled once: each surface compiles in a fraction of a second, but the tests run the gate often.</summary>
        public static SurfaceCompiler Surfaces => s_lazySurfaces.Value;

        private static string FindRoot()
        {
            for (string? directory = AppContext.BaseDirectory; directory != null; directory = Path.GetDirectoryName(directory))
            {
                if (Directory.Exists(Path.Combine(directory, "firmware", "nf-surface")) && Directory.Exists(Path.Combine(directory, "tools", "NfGate")))
                {
                    return directory;
                }
            }

            throw new InvalidOperationException($"no repository root (with firmware/nf-surface and tools/NfGate) above {AppContext.BaseDirectory}");
        }
    }
}
