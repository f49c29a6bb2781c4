using System;
using System.IO;
using System.Threading.Tasks;
using NfIcbmsg.Devicetree.Boards;
using Xunit;

namespace NfIcbmsg.Devicetree.Tests
{
    /// <summary>Where the checkout and the shared samples are, and a bound on how long a read may take.</summary>
    public static class TestSupport
    {
        private static readonly Lazy<string> Root = new Lazy<string>(() =>
        {
            BoardCatalog catalog = BoardCatalog.Locate(AppContext.BaseDirectory);
            Assert.True(catalog != null, "cannot find the repository root (boards/ and firmware/) above " + AppContext.BaseDirectory);
            return catalog.RepositoryRoot;
        });

        public static string RepositoryRoot
        {
            get { return Root.Value; }
        }

        public static BoardCatalog Catalog
        {
            get { return BoardCatalog.At(RepositoryRoot); }
        }

        /// <summary>shared/dts-samples beside the clone (CI lays a copy of shared/ there). Missing samples fail the tests, not skip them.</summary>
        public static string SamplesDirectory
        {
            get
            {
                string samples = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "dts-samples"));
                Assert.True(Directory.Exists(samples), "the Zephyr samples are expected at " + samples + " (shared/ beside the repository)");
                return samples;
            }
        }

        public static string Sample(string name)
        {
            return Path.Combine(SamplesDirectory, name);
        }

        /// <summary>Runs <paramref name="work"/> and fails the test if it has not finished in time (a hang is a defect too).</summary>
        public static T Bounded<T>(Func<T> work, int seconds = 20)
        {
            Task<T> task = Task.Run(work);
            if (!task.Wait(TimeSpan.FromSeconds(seconds)))
            {
                Assert.Fail("did not finish within " + seconds + " s");
            }

            return task.Result;
        }

        /// <summary>A fresh directory for files a test writes.</summary>
        public static string TempDirectory()
        {
            string path = Path.Combine(Path.GetTempPath(), "nf-dt-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(path);
            return path;
        }
    }
}
