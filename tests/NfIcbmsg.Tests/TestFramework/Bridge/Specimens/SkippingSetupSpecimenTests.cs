using nanoFramework.TestFramework;

namespace NfIcbmsg.Tests.Bridge.Specimens
{
    /// <summary>A class whose [Setup] skips: every case of it is skipped.</summary>
    [TestClass]
    [ExcludedFromBridge]
    public class SkippingSetupSpecimenTests
    {
        [Setup]
        public void Setup()
        {
            Assert.SkipTest("no hardware");
        }

        [TestMethod]
        public void WouldFail()
        {
            Assert.IsTrue(false);
        }
    }
}
