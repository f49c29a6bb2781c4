using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;

namespace NfIcbmsg.Packaging.Tests.Support
{
    /// <summary>
    /// The host packages as `dotnet pack nf-host.slnf --no-build` makes them from the build this test run uses (its own
    /// configuration), once per run, into a temporary folder: exactly what .ci/run packs, minus the rebuild.
    /// </summary>
    public static class HostPackages
    {
        private static readonly Lazy<string> s_folder = new(Pack);

        /// <summary>The folder holding every .nupkg and .snupkg of the pack.</summary>
        public static string Folder => s_folder.Value;

        /// <summary>The files (*.nupkg, *.snupkg) the pack produced, by name.</summary>
        public static IReadOnlyList<string> Files => Directory.EnumerateFiles(Folder).Select(f => Path.GetFileName(f)).OrderBy(f => f, StringComparer.Ordinal).ToList();

        /// <summary>Entry names of a package, '/' separated.</summary>
        public static IReadOnlyList<string> Entries(string fileName)
        {
            using ZipArchive zip = ZipFile.OpenRead(Path.Combine(Folder, fileName));
            return zip.Entries.Select(e => e.FullName).ToList();
        }

        public static byte[] Read(string fileName, string entry)
        {
            using ZipArchive zip = ZipFile.OpenRead(Path.Combine(Folder, fileName));
            ZipArchiveEntry found = zip.GetEntry(entry) ?? throw new FileNotFoundException($"{fileName} has no entry {entry}");
            using Stream stream = found.Open();
            using MemoryStream copy = new();
            stream.CopyTo(copy);
            return copy.ToArray();
        }

        public static Nuspec ReadNuspec(string fileName, string id)
        {
            using MemoryStream stream = new(Read(fileName, id + ".nuspec"));
            return Nuspec.Parse(fileName, stream);
        }

        private static string Pack()
        {
            string configuration = typeof(HostPackages).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            string output = Path.Combine(Path.GetTempPath(), "nf-icbmsg-packages-" + Guid.NewGuid().ToString("N"));
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(output);
            ProcessStartInfo info = new(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                WorkingDirectory = Repository.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string arg in new[] { "pack", "nf-host.slnf", "-c", configuration, "--no-build", "--no-restore", "-o", output, "-nologo" })
            {
                info.ArgumentList.Add(arg);
            }

            // The test host's MSBuild settings belong to the build that started it, not to this child build.
            foreach (string name in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                info.Environment.Remove(name);
            }

            using Process process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + info.FileName);
            System.Threading.Tasks.Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            System.Threading.Tasks.Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(300_000))
            {
                process.Kill(true);
                throw new TimeoutException("dotnet pack nf-host.slnf did not finish within 5 minutes");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack nf-host.slnf -c {configuration} --no-build exited with {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
            }

            return output;
        }

        private static void Remove(string folder)
        {
            try
            {
                Directory.Delete(folder, true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless; failing the run over it is not.
            }
        }
    }
}
