using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NfIcbmsg.Platform;
using NfIcbmsg.Sim.Tests.Support;
using Xunit;

namespace NfIcbmsg.Sim.Tests.Platform
{
    public sealed class MappedFileMemoryTests : IDisposable
    {
        private const uint Base = 0x20070000;
        private const int Length = 4096;
        private readonly TempDirectory _temp = new TempDirectory();

        public void Dispose()
        {
            _temp.Dispose();
        }

        [Fact]
        public void CreatesAZeroFilledFileOfTheWindowSizeAndLeavesNoTempFile()
        {
            string path = _temp.File("a.shm");
            using (MappedFileMemory memory = MappedFileMemory.OpenOrCreate(path, Base, Length))
            {
                Assert.Equal(Base, memory.BaseAddress);
                Assert.Equal(Length, memory.Length);
            }

            Assert.Equal(Length, new FileInfo(path).Length);
            Assert.All(File.ReadAllBytes(path), b => Assert.Equal(0, b));
            Assert.Equal(new[] { path }, Directory.GetFiles(_temp.Path));
        }

        [Fact]
        public void WordsAreLittleEndianAtTheirWindowOffset()
        {
            string path = _temp.File("le.shm");
            using (MappedFileMemory memory = MappedFileMemory.OpenOrCreate(path, Base, Length))
            {
                memory.WriteWord(8, 0x11223344);
                memory.Write(100, new byte[] { 9, 8, 7 }, 0, 3);
                Assert.Equal(0x11223344u, memory.ReadWord(8));
            }

            byte[] file = File.ReadAllBytes(path);
            Assert.Equal(new byte[] { 0x44, 0x33, 0x22, 0x11 }, file[8..12]);
            Assert.Equal(new byte[] { 9, 8, 7 }, file[100..103]);
        }

        [Fact]
        public void TwoMappingsOfOneFileSeeEachOthersStores()
        {
            string path = _temp.File("shared.shm");
            using MappedFileMemory a = MappedFileMemory.OpenOrCreate(path, Base, Length);
            using MappedFileMemory b = MappedFileMemory.OpenOrCreate(path, Base, Length);
            a.Write(64, new byte[] { 1, 2, 3, 4, 5 }, 0, 5);
            a.Barrier();
            a.WriteWord(60, 5);
            byte[] read = new byte[5];
            Assert.Equal(5u, b.ReadWord(60));
            b.Read(64, read, 0, 5);
            Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, read);
        }

        [Fact]
        public void AnExistingFileIsNotCleared()
        {
            string path = _temp.File("kept.shm");
            using (MappedFileMemory memory = MappedFileMemory.OpenOrCreate(path, Base, Length))
            {
                memory.WriteWord(0, 0xCAFEF00D);
            }

            using MappedFileMemory again = MappedFileMemory.OpenOrCreate(path, Base, Length);
            Assert.Equal(0xCAFEF00Du, again.ReadWord(0));
        }

        [Theory]
        [InlineData(100)]
        [InlineData(1 << 20)]
        public void AFileOfAnotherSizeIsRefusedNamingBothSizes(int size)
        {
            string path = _temp.File("foreign.shm");
            File.WriteAllBytes(path, new byte[size]);
            SimLinkException e = Assert.Throws<SimLinkException>(() => MappedFileMemory.OpenOrCreate(path, Base, Length));
            Assert.Contains(path, e.Message);
            Assert.Contains($"has {size} bytes", e.Message);
            Assert.Contains($"needs exactly {Length}", e.Message);
        }

        [Fact]
        public void OpeningAMissingFileNamesIt()
        {
            string path = _temp.File("missing.shm");
            SimLinkException e = Assert.Throws<SimLinkException>(() => MappedFileMemory.Open(path, Base, Length, true));
            Assert.Contains(path, e.Message);
            Assert.Contains("does not exist", e.Message);
            Assert.False(File.Exists(path));
        }

        [Fact]
        public void CreatingInAMissingDirectoryNamesTheDirectory()
        {
            string path = Path.Combine(_temp.Path, "no", "such", "x.shm");
            SimLinkException e = Assert.Throws<SimLinkException>(() => MappedFileMemory.OpenOrCreate(path, Base, Length));
            Assert.Contains(Path.Combine(_temp.Path, "no", "such"), e.Message);
        }

        [Fact]
        public void AReadOnlyMappingRefusesStoresAndLeavesTheFileAlone()
        {
            string path = _temp.File("ro.shm");
            File.WriteAllBytes(path, Enumerable.Repeat((byte)0x5A, Length).ToArray());
            using (MappedFileMemory memory = MappedFileMemory.Open(path, Base, Length, true))
            {
                Assert.True(memory.IsReadOnly);
                Assert.Equal(0x5A5A5A5Au, memory.ReadWord(4));
                Assert.Throws<InvalidOperationException>(() => memory.WriteWord(4, 0));
                Assert.Throws<InvalidOperationException>(() => memory.Write(4, new byte[1], 0, 1));
            }

            Assert.All(File.ReadAllBytes(path), b => Assert.Equal(0x5A, b));
        }

        [Fact]
        public void AccessesOutsideTheWindowOrMisalignedThrowAtTheSeam()
        {
            using MappedFileMemory memory = MappedFileMemory.OpenOrCreate(_temp.File("bounds.shm"), Base, Length);
            byte[] buffer = new byte[16];
            Assert.Throws<ArgumentOutOfRangeException>(() => memory.ReadWord(Length - 2));
            Assert.Throws<ArgumentOutOfRangeException>(() => memory.ReadWord(2));
            Assert.Throws<ArgumentOutOfRangeException>(() => memory.WriteWord(-4, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => memory.Read(Length - 8, buffer, 0, 16));
            Assert.Throws<ArgumentOutOfRangeException>(() => memory.Write(-1, buffer, 0, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => memory.Flush(Length, 1));
            memory.Read(Length - 16, buffer, 0, 16);
        }

        [Fact]
        public void AccessAfterDisposeThrowsInsteadOfTouchingUnmappedMemory()
        {
            MappedFileMemory memory = MappedFileMemory.OpenOrCreate(_temp.File("gone.shm"), Base, Length);
            memory.Dispose();
            Assert.Throws<ObjectDisposedException>(() => memory.ReadWord(0));
        }

        [Fact]
        public void ConcurrentCreatorsAllMapTheSameOneFile()
        {
            string path = _temp.File("race.shm");
            MappedFileMemory[] sides = new MappedFileMemory[8];
            Parallel.For(0, sides.Length, i => sides[i] = MappedFileMemory.OpenOrCreate(path, Base, Length));
            try
            {
                sides[3].WriteWord(16, 0x01020304);
                Assert.All(sides, s => Assert.Equal(0x01020304u, s.ReadWord(16)));
                Assert.Equal(new[] { path }, Directory.GetFiles(_temp.Path));
            }
            finally
            {
                foreach (MappedFileMemory side in sides)
                {
                    side.Dispose();
                }
            }
        }
    }
}
