using System;
using System.IO;

namespace NfIcbmsg.Esp32.Tests
{
    /// <summary>Locates the repository the tests run from (the folder holding firmware/ and tests/).</summary>
    public static class RepoPaths
    {
        private static readonly Lazy<string> s_root = new(FindRoot);

        public static string Root => s_root.Value;

        public static string Firmware => Path.Combine(Root, "firmware");

        public static string Esp32Project => Path.Combine(Firmware, "Esp32", "NfIcbmsg.Esp32.nfproj");

        public static string NativeModule => Path.Combine(Firmware, "Native", "NfIcbmsg.Esp32");

        public static string Surfaces => Path.Combine(Firmware, "nf-surface");

        public static string ProtocolItems => Path.Combine(Firmware, "Protocol", "NfIcbmsg.Protocol.projitems");

        private static string FindRoot()
        {
            DirectoryInfo? dir = new(AppContext.BaseDirectory);
            while (dir != null)
            {
                if (Directory.Exists(Path.Combine(dir.FullName, "firmware", "Esp32")) &&
                    Directory.Exists(Path.Combine(dir.FullName, "tests")))
                {
                    return dir.FullName;
                }

                dir = dir.Parent;
            }

            throw new InvalidOperationException("repository root (with firmware/Esp32) not found above " + AppContext.BaseDirectory);
        }
    }
}
