using System.IO;
using System.Net;
using System.Net.Sockets;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Platform;
using NfIcbmsg.Sim.Link;
using NfIcbmsg.Sim.Tests.Support;
using Xunit;

namespace NfIcbmsg.Sim.Tests.Cli
{
    /// <summary>Every bad input ends with a clear message and a non-zero exit, within a bound: nothing hangs.</summary>
    public sealed class BadInputTests
    {
        private const int ProcessTimeoutMs = 20000;

        [Fact]
        public void AShortSharedFileIsRefusedNamingBothSizes()
        {
            using TempDirectory temp = new TempDirectory();
            string shm = temp.File("short.shm");
            File.WriteAllBytes(shm, new byte[100]);
            SimResult result = SimProcess.Run(ProcessTimeoutMs, "run", "--board", Repository.LocalBoard, "--shm", shm, "--mode", "sink", "--port-base", PortBases.Next().ToString());
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains("has 100 bytes", result.Error);
            Assert.Contains("needs exactly 34816", result.Error);
            Assert.Equal(100, new FileInfo(shm).Length);
        }

        [Fact]
        public void AForeignSharedFileIsRefusedByInspect()
        {
            using TempDirectory temp = new TempDirectory();
            string shm = temp.File("foreign.shm");
            File.WriteAllBytes(shm, new byte[65536]);
            SimResult result = SimProcess.Run(ProcessTimeoutMs, "inspect", "--board", Repository.LocalBoard, "--shm", shm);
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains("has 65536 bytes", result.Error);
            Assert.Contains("needs exactly 34816", result.Error);
        }

        [Fact]
        public void AMissingSharedFileIsAnErrorForInspectAndIsNotCreated()
        {
            using TempDirectory temp = new TempDirectory();
            string shm = temp.File("missing.shm");
            SimResult result = SimProcess.Run(ProcessTimeoutMs, "inspect", "--board", Repository.LocalBoard, "--shm", shm);
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains("does not exist", result.Error);
            Assert.False(File.Exists(shm));
        }

        [Fact]
        public void APortInUseNamesThePortAndChannel()
        {
            using TempDirectory temp = new TempDirectory();
            int portBase = PortBases.Next();
            using Socket squatter = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            squatter.Bind(new IPEndPoint(IPAddress.Loopback, portBase + 1));
            SimResult result = SimProcess.Run(ProcessTimeoutMs, "run", "--board", Repository.LocalBoard, "--shm", temp.File("ipc0.shm"), "--mode", "sink", "--port-base", portBase.ToString());
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains($"127.0.0.1:{portBase + 1}", result.Error);
            Assert.Contains("channel 1", result.Error);
            Assert.Contains("already in use", result.Error);
        }

        [Fact]
        public void AMissingPeerIsAClearErrorAfterTheTimeout()
        {
            using TempDirectory temp = new TempDirectory();
            SimResult result = SimProcess.Run(ProcessTimeoutMs, "run", "--board", Repository.LocalBoard, "--shm", temp.File("ipc0.shm"), "--mode", "source", "--timeout", "800", "--port-base", PortBases.Next().ToString());
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("no peer bonded within 800 ms", result.Error);
        }

        [Theory]
        [InlineData("misaligned", "RingIndexInvalid")]
        [InlineData("not-magic", "MagicInvalid")]
        public void APeerWritingGarbageIntoItsRingIsRejectedAndReported(string garbage, string reason)
        {
            using TempDirectory temp = new TempDirectory();
            string shm = temp.File("ipc0.shm");
            BoardSide remote = BoardSide.Load(Repository.RemoteBoard, "ipc0");
            using (MappedFileMemory memory = MappedFileMemory.OpenOrCreate(shm, remote.Config.WindowBase, (int)remote.Config.WindowLength))
            {
                // The remote's tx ring (docs geometry, no cache alignment): rd_idx @0, wr_idx @4, data @8.
                RegionLayout ring = RegionLayout.Compute(remote.Config.TxRegionAddress, remote.Config.TxRegionSize, remote.Config.TxBlocks, remote.Config.RxBlocks, 0);
                int offset = (int)(ring.Begin - memory.BaseAddress);
                if (garbage == "misaligned")
                {
                    memory.WriteWord(offset + 4, 6);
                }
                else
                {
                    memory.Write(offset + 8, new byte[] { 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 }, 0, 7);
                    memory.WriteWord(offset + 4, 8);
                }
            }

            SimResult result = SimProcess.Run(ProcessTimeoutMs, "run", "--board", Repository.LocalBoard, "--shm", shm, "--mode", "sink", "--timeout", "1000", "--port-base", PortBases.Next().ToString(), "--json");
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("failed validation", result.Error);
            Assert.Contains(reason, result.Error);
            Assert.True(result.Json.GetProperty("statistics").GetProperty("rejectedByReason").GetProperty(reason).GetInt32() > 0, result.ToString());
        }

        [Theory]
        [InlineData("--instance", "ipc9", "no enabled IPC instance 'ipc9'")]
        [InlineData("--size", "4", "below 8 bytes")]
        [InlineData("--size", "64-8", "MIN <= MAX")]
        [InlineData("--size", "4096", "exceeds the 1596 bytes")]
        public void BadOptionsStopBeforeAnythingStarts(string option, string value, string message)
        {
            using TempDirectory temp = new TempDirectory();
            string shm = temp.File("ipc0.shm");
            SimResult result = SimProcess.Run(ProcessTimeoutMs, "run", "--board", Repository.LocalBoard, "--shm", shm, "--mode", "source", "--port-base", PortBases.Next().ToString(), option, value);
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains(message, result.Error);
        }
    }
}
