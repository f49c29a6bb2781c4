using nanoFramework.TestFramework;

namespace NfIcbmsg.Tests.Bridge.Specimens
{
    /// <summary>
    /// Shared-style tests that pass, fail and skip on purpose, for the bridge's own tests to run
    /// directly. Excluded from discovery, so they never show up as real tests.
    /// </summary>
    [TestClass]
    [ExcludedFromBridge]
    public class BridgeSpecimenTests
    {
        /// <summary>What Setup, the tests and Cleanup did, in order.</summary>
        public static string Log = string.Empty;

        private readonly int _constructed = 42;

        [Setup]
        public void Setup()
        {
            Log += "setup;";
        }

        [TestMethod]
        public void Passes()
        {
            Log += "passes;";
            Assert.IsTrue(true);
        }

        [TestMethod]
        public void FailsOnPurpose()
        {
            Log += "fails;";
            Assert.AreEqual(4, 2 + 3);
        }

        [TestMethod]
        public void SkipsOnPurpose()
        {
            Assert.SkipTest("not on this platform");
        }

        [TestMethod]
        public static void WritesOutput()
        {
            OutputHelper.WriteLine("hello from a shared test");
        }

        [TestMethod]
        public void RunsOnAFreshInstance()
        {
            Assert.AreEqual(42, _constructed);
        }

        [TestMethod]
        [DataRow(1, 2, 3)]
        [DataRow(5, 6, 12)]
        public void Adds(int left, int right, int sum)
        {
            Assert.AreEqual(sum, left + right);
        }

        [DataRow("text", true)]
        public void RowOnly(string text, bool flag)
        {
            Assert.AreEqual("text", text);
            Assert.IsTrue(flag);
        }

        public void NotATest()
        {
        }

        [Cleanup]
        public void Cleanup()
        {
            Log += "cleanup;";
        }
    }
}
