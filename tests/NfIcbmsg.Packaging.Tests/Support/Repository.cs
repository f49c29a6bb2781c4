using System;
using System.IO;
using System.Text.Json;
using NfIcbmsg.Esp32.Tests;

namespace NfIcbmsg.Packaging.Tests.Support
{
    /// <summary>Paths and facts of the checkout these tests run in.</summary>
    public static class Repository
    {
        public static string Root => RepoPaths.Root;

        public static string Firmware => RepoPaths.Firmware;

        public static string VersionFile => Path.Combine(Firmware, "NfIcbmsg", "version.json");

        /// <summary>The one version of every package (version.json's "version").</summary>
        public static string Version
        {
            get
            {
                using JsonDocument json = JsonDocument.Parse(File.ReadAllText(VersionFile));
                return json.RootElement.GetProperty("version").GetString() ?? throw new InvalidOperationException(VersionFile + ": \"version\" is null");
            }
        }

        public static string Full(string relative) => Path.Combine(Root, relative);
    }
}
