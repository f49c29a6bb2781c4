using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace NfIcbmsg.Sim.Tests.Support
{
    /// <summary>One run of the C peer with its output captured (the counterpart of <see cref="SimProcess"/>).</summary>
    public sealed class NativeProcess : IDisposable
    {
        private readonly Process _process;
        private readonly Task<string> _output;
        private readonly Task<string> _error;

        private NativeProcess(Process process)
        {
            _process = process;
            _output = process.StandardOutput.ReadToEndAsync();
            _error = process.StandardError.ReadToEndAsync();
        }

        public static NativeProcess Start(string binary, params string[] args)
        {
            ProcessStartInfo info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Repository.Root };
            foreach (string arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            return new NativeProcess(Process.Start(info));
        }

        /// <summary>Exit code (null when killed at the timeout), stdout, stderr.</summary>
        public (int? ExitCode, string Output, string Error) Wait(int timeoutMs)
        {
            bool exited = _process.WaitForExit(timeoutMs);
            if (!exited)
            {
                _process.Kill(true);
                _process.WaitForExit();
            }

            return (exited ? _process.ExitCode : null, _output.Result, _error.Result);
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
