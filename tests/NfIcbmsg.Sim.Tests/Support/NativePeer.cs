using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace NfIcbmsg.Sim.Tests.Support
{
    /// <summary>
    /// The C peer (firmware/NativePeer's nf-sim-link): built once per test run with CMake and Ninja
    /// into firmware/NativePeer/build/release (tests/run.sh builds it there first, so this finds it
    /// current), or taken from NF_SIM_LINK when that names a binary.
    /// </summary>
    public static class NativePeer
    {
        private static readonly Lazy<string> s_built = new Lazy<string>(Build, LazyThreadSafetyMode.ExecutionAndPublication);

        public static string Binary => s_built.Value;

        public static SimProcess Start(params string[] args)
        {
            return SimProcess.StartProgram(Binary, args);
        }

        private static string Build()
        {
            string? given = Environment.GetEnvironmentVariable("NF_SIM_LINK");
            if (!string.IsNullOrEmpty(given))
            {
                return File.Exists(given) ? given : throw new InvalidOperationException("NF_SIM_LINK names " + given + ", which does not exist");
            }

            string source = Path.Combine(Repository.Root, "firmware", "NativePeer");
            string build = Path.Combine(source, "build", "release");
            Run("cmake", "-S", source, "-B", build, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release");
            Run("cmake", "--build", build, "--target", "nf-sim-link");
            return Path.Combine(build, "nf-sim-link");
        }

        private static void Run(string file, params string[] args)
        {
            ProcessStartInfo info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            using Process process = Process.Start(info) ?? throw new InvalidOperationException("cannot start " + file);
            string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            if (!process.WaitForExit(300000) || process.ExitCode != 0)
            {
                throw new InvalidOperationException(file + " " + string.Join(" ", args) + " failed (gcc, cmake and ninja are needed):\n" + output);
            }
        }
    }
}
