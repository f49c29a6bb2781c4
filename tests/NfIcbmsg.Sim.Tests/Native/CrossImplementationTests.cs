using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using NfIcbmsg.Sim.Tests.Support;
using Xunit;

namespace NfIcbmsg.Sim.Tests.Native
{
    /// <summary>
    /// The C peer (nf-sim-link) against the C# one (nf-sim run) over a real temp file and real UDP
    /// lines: both roles, both start orders, 1 and 3 endpoints, copying and zero-copy sends both
    /// ways, each side's largest message, dcache alignment 0 and 32, the nRF5340 geometries and a
    /// plain ICMsg instance in detect mode. Both processes check every message they receive against
    /// the shared traffic pattern; each case passes only when both exit 0 having verified everything.
    /// </summary>
    [Collection(NativeCollection.Name)]
    public sealed class CrossImplementationTests
    {
        private const int ProcessTimeoutMs = 40000;

        /// <summary>One case: which side runs C, the modes, and the options both sides share or not.</summary>
        public sealed record Case(string Name, string Board, string Instance, bool CIsLocal, string CMode, string CsMode, bool CFirst,
            int Endpoints = 1, bool CZeroCopy = false, bool CsZeroCopy = false, string Size = "8-256", int Count = 60, int Dcache = -1)
        {
            public override string ToString() => Name;
        }

        public static TheoryData<Case> Cases()
        {
            return new TheoryData<Case>
            {
                new Case("c-follower-source/cs-echo, c first", "sim", "ipc0", true, "source", "echo", true),
                new Case("c-initiator-source/cs-echo, cs first, zero-copy both", "sim", "ipc0", false, "source", "echo", false, CZeroCopy: true, CsZeroCopy: true),
                new Case("cs-source/c-echo, 3 endpoints, c zero-copy", "sim", "ipc0", false, "echo", "source", false, Endpoints: 3, CZeroCopy: true),
                new Case("c-source/cs-sink, 3 endpoints, c first, zero-copy", "sim", "ipc0", true, "source", "sink", true, Endpoints: 3, CZeroCopy: true, Size: "8-1500"),
                new Case("cs-source/c-sink, 3 endpoints, cs zero-copy", "sim", "ipc1", true, "sink", "source", false, Endpoints: 3, CsZeroCopy: true, Size: "8-1800"),
                new Case("largest message of the follower (1596), c sends", "sim", "ipc0", true, "source", "sink", false, Size: "1596", Count: 20),
                new Case("largest message of the initiator (1532), cs sends", "sim", "ipc0", true, "sink", "source", true, Size: "1532", Count: 20),
                new Case("largest message of the initiator (1532), c sends", "sim", "ipc0", false, "source", "sink", true, Size: "1532", Count: 20),
                new Case("largest message of the follower (1596), cs sends", "sim", "ipc0", false, "sink", "source", false, Size: "1596", Count: 20),
                new Case("cs ping/c echo", "sim", "ipc1", false, "echo", "ping", true, Size: "16"),
                new Case("c ping/cs echo", "sim", "ipc1", true, "ping", "echo", false, Size: "16"),
                new Case("dcache-alignment 32, c initiator echo", "sim", "ipc0", false, "echo", "source", true, Endpoints: 3, Dcache: 32),
                new Case("dcache-alignment 32, c follower source zero-copy", "sim", "ipc0", true, "source", "echo", false, CZeroCopy: true, Dcache: 32),
                new Case("nrf5340 ipc0, c on cpunet", "nrf5340dk", "ipc0", false, "echo", "source", true, Size: "8-4000"),
                new Case("nrf5340 ipc1, c on cpuapp, 3 endpoints", "nrf5340dk", "ipc1", true, "source", "echo", false, Endpoints: 3, Size: "8-600"),
                new Case("plain ICMsg detect, c echo", "sim", "ipc2", false, "echo", "source", true, Size: "8-128"),
                new Case("plain ICMsg detect, c source, cs first", "sim", "ipc2", true, "source", "echo", false, Size: "8-128"),
            };
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void BothSidesVerifyEverything(Case c)
        {
            using TempDirectory temp = new TempDirectory();
            string shm = temp.File(c.Instance + ".shm");
            string portBase = PortBases.Next().ToString();
            (string local, string remote) = Boards(c.Board);
            string csBoard = c.CIsLocal ? remote : local;
            if (c.Dcache >= 0)
            {
                csBoard = WithDcache(temp, csBoard, c.Instance, c.Dcache);
            }

            string endpoints = string.Join(",", Enumerable.Range(0, c.Endpoints).Select(i => "ep" + i));
            string[] shared = { "--instance", c.Instance, "--shm", shm, "--port-base", portBase, "--endpoint", endpoints, "--timeout", "10000" };
            string[] cArgs = shared.Concat(new[] { "--board", c.CIsLocal ? local : remote, "--mode", c.CMode })
                .Concat(Traffic(c, c.CMode, c.CZeroCopy)).Concat(c.Dcache >= 0 ? new[] { "--dcache-alignment", c.Dcache.ToString() } : Array.Empty<string>()).ToArray();
            string[] csArgs = new[] { "run" }.Concat(shared).Concat(new[] { "--board", csBoard, "--mode", c.CsMode, "--json" })
                .Concat(Traffic(c, c.CsMode, c.CsZeroCopy)).ToArray();

            SimProcess? native = null;
            SimProcess? managed = null;
            try
            {
                if (c.CFirst)
                {
                    native = NativePeer.Start(cArgs);
                    Thread.Sleep(200);
                    managed = SimProcess.Start(csArgs);
                }
                else
                {
                    managed = SimProcess.Start(csArgs);
                    Thread.Sleep(800); // the managed side starts slower: let it really be first
                    native = NativePeer.Start(cArgs);
                }

                SimResult cResult = native.Wait(ProcessTimeoutMs);
                SimResult csResult = managed.Wait(ProcessTimeoutMs);
                string both = "C:\n" + cResult.Output + cResult.Error + "\nC#:\n" + csResult;
                Assert.True(cResult.ExitCode == 0, both);
                Assert.True(csResult.ExitCode == 0, both);
                Assert.Contains("verified in", cResult.Output);
                Assert.Contains("rejected 0", cResult.Output);
                JsonElement report = csResult.Json;
                Assert.True(report.GetProperty("verified").GetBoolean(), both);
                Assert.Equal(0, report.GetProperty("statistics").GetProperty("rejected").GetInt32());
                JsonElement[] eps = report.GetProperty("endpoints").EnumerateArray().ToArray();
                Assert.Equal(c.Endpoints, eps.Length);
                int expected = c.Count;
                foreach (JsonElement e in eps)
                {
                    int moved = c.CsMode is "source" or "ping" ? e.GetProperty("sent").GetInt32() : e.GetProperty("received").GetInt32();
                    Assert.Equal(expected, moved);
                }

                // The C side's table: one verified row per endpoint with the same count.
                string[] rows = cResult.Output.Split('\n').Where(l => l.StartsWith("ep", StringComparison.Ordinal) && !l.Contains("round trip", StringComparison.Ordinal)).ToArray();
                Assert.Equal(c.Endpoints, rows.Length);
                Assert.All(rows, r => Assert.Contains(" yes", r));
            }
            finally
            {
                native?.Dispose();
                managed?.Dispose();
            }
        }

        [Fact]
        public void CPeerRefusesASharedFileOfAnotherSize()
        {
            using TempDirectory temp = new TempDirectory();
            string shm = temp.File("wrong.shm");
            File.WriteAllBytes(shm, new byte[100]);
            using SimProcess native = NativePeer.Start("--board", "sim/local", "--instance", "ipc0", "--shm", shm, "--mode", "sink", "--timeout", "500");
            SimResult result = native.Wait(ProcessTimeoutMs);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("has 100 bytes", result.Error);
            Assert.Contains("needs exactly 34816", result.Error);
        }

        private static string[] Traffic(Case c, string mode, bool zeroCopy)
        {
            string[] count = { "--count", c.Count.ToString() };
            string[] size = mode is "source" or "ping" ? new[] { "--size", c.Size } : Array.Empty<string>();
            return count.Concat(size).Concat(zeroCopy ? new[] { "--zero-copy" } : Array.Empty<string>()).ToArray();
        }

        private static (string Local, string Remote) Boards(string board)
        {
            return board == "sim"
                ? (Repository.LocalBoard, Repository.RemoteBoard)
                : (Path.Combine(Repository.Root, "boards", "nrf5340dk", "cpuapp.overlay"), Path.Combine(Repository.Root, "boards", "nrf5340dk", "cpunet.overlay"));
        }

        // The C# side's board with the instance's dcache-alignment overridden (the C side takes
        // --dcache-alignment): the board files themselves carry no cache-aligned instance.
        private static string WithDcache(TempDirectory temp, string board, string instance, int dcache)
        {
            string folder = Path.GetDirectoryName(board)!;
            foreach (string file in Directory.GetFiles(folder))
            {
                File.Copy(file, temp.File(Path.GetFileName(file)), true);
            }

            string copy = temp.File(Path.GetFileName(board));
            File.AppendAllText(copy, "\n&" + instance + " {\n\tdcache-alignment = <" + dcache + ">;\n};\n");
            return copy;
        }
    }

    /// <summary>The cross-implementation cases run one after another (two processes each on a 2-core machine).</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class NativeCollection
    {
        public const string Name = "native peer";
    }
}
