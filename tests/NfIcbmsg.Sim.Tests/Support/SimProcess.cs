using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace NfIcbmsg.Sim.Tests.Support
{
    /// <summary>A real `nf-sim` process (the nf-sim.dll built beside the tests), killed when it outlives its bound.</summary>
    public sealed class SimProcess : IDisposable
    {
        private readonly Process _process;
        private readonly Task<string> _output;
        private readonly StringBuilder _error = new StringBuilder();

        private SimProcess(Process process)
        {
            _process = process;
            _output = process.StandardOutput.ReadToEndAsync();
            process.ErrorDataReceived += (_, line) =>
            {
                if (line.Data != null)
                {
                    lock (_error)
                    {
                        _error.Append(line.Data).Append('\n');
                    }
                }
            };
            process.BeginErrorReadLine();
        }

        /// <summary>What the process wrote to stderr so far (events and status lines arrive while it runs).</summary>
        public string ErrorSoFar
        {
            get
            {
                lock (_error)
                {
                    return _error.ToString();
                }
            }
        }

        /// <summary>Waits until stderr contains <paramref name="text"/>; false when it did not within <paramref name="timeoutMs"/>.</summary>
        public bool WaitForError(string text, int timeoutMs)
        {
            Stopwatch clock = Stopwatch.StartNew();
            while (!ErrorSoFar.Contains(text))
            {
                if (clock.ElapsedMilliseconds > timeoutMs || _process.HasExited)
                {
                    return ErrorSoFar.Contains(text);
                }

                Thread.Sleep(20);
            }

            return true;
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

            return new SimProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start " + info.FileName));
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

            else
            {
                // The parameterless wait also waits for the redirected streams to reach their end.
                _process.WaitForExit();
            }

            return new SimResult(exited ? _process.ExitCode : null, _output.Result, ErrorSoFar);
        }

        /// <summary>Sends the process a signal by name (INT, TERM), as a terminal or a service manager would.</summary>
        public void Signal(string name)
        {
            using Process kill = Process.Start("kill", new[] { "-s", name, _process.Id.ToString() });
            kill.WaitForExit();
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
