using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace NfIcbmsg.Sim.Tests.Support
{
    /// <summary>A real `nf-sim` process (the nf-sim.dll built beside the tests), killed when it outlives its bound.</summary>
    public sealed class SimProcess : IDisposable
    {
        private readonly Process _process;
        private readonly Task<string> _output;
        private readonly Task<string> _error;

        private SimProcess(Process process)
        {
            _process = process;
            _output = process.StandardOutput.ReadToEndAsync();
            _error = process.StandardError.ReadToEndAsync();
        }

        public static SimProcess Start(params string[] args)
        {
            string[] all = new string[args.Length + 1];
            all[0] = Path.Combine(AppContext.BaseDirectory, "nf-sim.dll");
            args.CopyTo(all, 1);
            return StartProgram("dotnet", all);
        }

        /// <summary>Starts another program (the C peer, nf-sim-link) in the repository root, captured the same way.</summary>
        public static SimProcess StartProgram(string file, params string[] args)
        {
            ProcessStartInfo info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Repository.Root };
            foreach (string arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            return new SimProcess(Process.Start(info));
        }

        /// <summary>Runs `nf-sim ARGS` to its end (at most <paramref name="timeoutMs"/>).</summary>
        public static SimResult Run(int timeoutMs, params string[] args)
        {
            using SimProcess process = Start(args);
            return process.Wait(timeoutMs);
        }

        /// <summary>Waits for the exit; a process still running after <paramref name="timeoutMs"/> is killed and reported as hung.</summary>
        public SimResult Wait(int timeoutMs)
        {
            bool exited = _process.WaitForExit(timeoutMs);
            if (!exited)
            {
                _process.Kill(true);
                _process.WaitForExit();
            }

            return new SimResult(exited ? _process.ExitCode : null, _output.Result, _error.Result);
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
