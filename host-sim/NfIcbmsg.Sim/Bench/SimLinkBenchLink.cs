using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using NfIcbmsg.Hal;
using NfIcbmsg.Sim.Link;
using NfIcbmsg.Sim.Run;

namespace NfIcbmsg.Sim.Bench
{
    /// <summary>
    /// Side A in this process over the sim link, side B a child `nf-sim run` on a fresh temp file
    /// and a free port base, with a pair of board files of the bench geometry written for both.
    /// </summary>
    public sealed class SimLinkBenchLink : BenchLink
    {
        private DirectoryInfo? _directory;
        private SimLinkSide? _side;
        private ChildProcess? _child;
        private int _idleMs;

        private SimLinkSide Side => _side ?? throw new InvalidOperationException("the link has not started");

        private ChildProcess Child => _child ?? throw new InvalidOperationException("the link has not started");

        public SimLinkBenchLink()
            : base("sim-link")
        {
        }

        public override ISharedMemory Memory => Side.Memory;

        public override void Start(RunMode receiverMode, IReadOnlyList<string> names, int idleMs)
        {
            _idleMs = idleMs;
            DirectoryInfo directory = Directory.CreateTempSubdirectory("nf-sim-bench-");
            _directory = directory;
            int portBase = FreePortBase.Find(2);
            (string _, string boardB) = BenchGeometry.WriteBoards(directory.FullName, portBase);
            string shm = Path.Combine(directory.FullName, "bench.shm");
            _side = SimLinkSide.Attach(BenchGeometry.SideA(), shm, portBase);
            Sender = _side.Instance;
            Endpoints = names.Select(n => new BenchEndpoint(n)).ToArray();
            foreach (BenchEndpoint endpoint in Endpoints)
            {
                Sender.RegisterEndpoint(endpoint.Config);
            }

            Sender.Open();
            RunOptions options = ReceiverOptions(receiverMode, names, idleMs);
            _child = ChildProcess.Start(
                "run", "--board", boardB, "--instance", "bench", "--shm", shm,
                "--mode", receiverMode.ToString().ToLowerInvariant(), "--endpoint", string.Join(",", names),
                "--count", "0", "--idle", Invariant(options.IdleMs), "--check", "header", "--timeout", Invariant(options.TimeoutMs), "--json");
            bool bound = Progress.WaitUntil(() => Endpoints.All(e => e.IsBound) || Child.HasExited, () => 0, SetupTimeoutMs);
            if (!bound || !Endpoints.All(e => e.IsBound))
            {
                (int? code, string _, string error) = Child.Wait(1000);
                throw new BenchException($"`{Child.CommandLine}` did not bind within {SetupTimeoutMs} ms (exit {code?.ToString(CultureInfo.InvariantCulture) ?? "none: killed"}): {error.Trim()}");
            }
        }

        public override RunReport Finish()
        {
            (int? code, string output, string error) = Child.Wait(_idleMs + SetupTimeoutMs + ReceiverTimeoutMs);
            try
            {
                RunReport report = JsonSerializer.Deserialize<RunReport>(output, JsonReport.Options) ?? throw new JsonException("the report is null");
                return code == null ? report with { Verified = false, Error = "killed after its time ran out" } : report;
            }
            catch (JsonException)
            {
                return new RunReport { Verified = false, Error = $"`{Child.CommandLine}` exited {code?.ToString(CultureInfo.InvariantCulture) ?? "(killed)"} without a report: {error.Trim()}" };
            }
        }

        public override void Dispose()
        {
            _child?.Dispose();
            _side?.Dispose();
            try
            {
                _directory?.Delete(true);
            }
            catch (IOException)
            {
                // A temp directory left behind is harmless.
            }
        }

        private static string Invariant(int value)
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }
    }
}
