using System;
using System.IO;
using System.Threading.Tasks;
using NfIcbmsg.Devicetree.Boards;
using Xunit;

namespace NfIcbmsg.Devicetree.Tests
{
    /// <summary>Where the checkout and the fixtures are, and a bound on how long a read may take.</summary>
    public static class TestSupport
    {
        private static readonly Lazy<string> s_root = new Lazy<string>(() =>
        {
            BoardCatalog? catalog = BoardCatalog.Locate(AppContext.BaseDirectory);
            Assert.True(catalog != null, "cannot find the repository root (boards/ and firmware/) above " + AppContext.BaseDirectory);
            return catalog.RepositoryRoot;
        });

        public static string RepositoryRoot
        {
            get { return s_root.Value; }
        }

        public static BoardCatalog Catalog
        {
            get { return BoardCatalog.At(RepositoryRoot); }
        }

        /// <summary>Our own Zephyr-style overlays (Fixtures/Zephyr, see its README): part of the repository, always there.</summary>
        public static string ZephyrFixturesDirectory
        {
            get { return Path.Combine(RepositoryRoot, "tests", "NfIcbmsg.Devicetree.Tests", "Fixtures", "Zephyr"); }
        }

        public static string ZephyrFixture(string name)
        {
            string path = Path.Combine(ZephyrFixturesDirectory, name);
            Assert.True(File.Exists(path), "fixture missing: " + path);
            return path;
        }

        /// <summary>
        /// Zephyr's own copies of the samples, when something lays them beside the clone (the project's CI does);
        /// null on a user's machine. Only the optional <see cref="BesideRepositoryTests"/> look at them.
        /// </summary>
        public static string? ZephyrSamplesBesideRepository
        {
            get
            {
                string samples = ZephyrSamplesPathBeside(RepositoryRoot);
                return Directory.Exists(samples) ? samples : null;
            }
        }

        /// <summary>Where the project's CI lays Zephyr's sample overlays beside a checkout at <paramref name="root"/>.</summary>
        public static string ZephyrSamplesPathBeside(string root)
        {
            return Path.GetFullPath(Path.Combine(root, "..", "shared", "dts-samples"));
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
