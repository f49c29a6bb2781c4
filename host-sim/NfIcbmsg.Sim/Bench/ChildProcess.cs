using System;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using System.Threading.Tasks;

namespace NfIcbmsg.Sim.Bench
{
    /// <summary>Another nf-sim process (the same executable, whichever way this one was started), its output collected, its life bounded.</summary>
    public sealed class ChildProcess : IDisposable
    {
        private readonly Process _process;
        private readonly Task<string> _output;
        private readonly Task<string> _error;

        private ChildProcess(Process process, string commandLine)
        {
            _process = process;
            CommandLine = commandLine;
            _output = process.StandardOutput.ReadToEndAsync();
            _error = process.StandardError.ReadToEndAsync();
        }

        public string CommandLine { get; }

        public bool HasExited => _process.HasExited;

        /// <summary>Starts `nf-sim ARGS`.</summary>
        public static ChildProcess Start(params string[] args)
        {
            string processPath = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this process is unknown");
            ProcessStartInfo info = new ProcessStartInfo(processPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            // Under `dotnet nf-sim.dll` the process is the dotnet host: name the entry assembly too.
            if (Path.GetFileNameWithoutExtension(processPath) == "dotnet")
            {
                info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
            }

            foreach (string arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            Process process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {processPath}");
            return new ChildProcess(process, "nf-sim " + string.Join(" ", args));
        }

        /// <summary>Waits up to <paramref name="timeoutMs"/> for the exit, killing the child after that. Returns (exit code or null when killed, stdout, stderr).</summary>
        public (int? ExitCode, string Output, string Error) Wait(int timeoutMs)
        {
            int? code = null;
            if (_process.WaitForExit(timeoutMs))
            {
                code = _process.ExitCode;
            }
            else
            {
                _process.Kill(true);
                _process.WaitForExit();
            }

            return (code, _output.Result, _error.Result);
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }
    }
}
