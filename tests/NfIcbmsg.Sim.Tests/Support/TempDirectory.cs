using System;
using System.IO;

namespace NfIcbmsg.Sim.Tests.Support
{
    /// <summary>A fresh directory per test for shared-memory files, removed afterwards.</summary>
    public sealed class TempDirectory : IDisposable
    {
        public TempDirectory()
        {
            Path = Directory.CreateTempSubdirectory("nf-sim-tests-").FullName;
        }

        public string Path { get; }

        public string File(string name)
        {
            return System.IO.Path.Combine(Path, name);
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, true);
            }
            catch (IOException)
            {
                // Left behind in the temp folder; harmless.
            }
        }
    }
}
