using nanoFramework.TestFramework;

namespace NfIcbmsg.Tests.Bridge.Specimens
{
    /// <summary>A class whose [Cleanup] fails: its otherwise passing case fails.</summary>
    [TestClass]
    [ExcludedFromBridge]
    public class FailingCleanupSpecimenTests
    {
        [TestMethod]
        public void Passes()
        {
        }

        [Cleanup]
        public void Cleanup()
        {
            Assert.IsNull(new object());
        }
    }
}
