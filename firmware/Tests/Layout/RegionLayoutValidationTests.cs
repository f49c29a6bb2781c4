using System;
using nanoFramework.TestFramework;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Layout
{
    /// <summary>
    /// Region splits Zephyr refuses at build time (docs/protocol.md §6.1): the C# side refuses them too, and the
    /// error names the offending value so that a board file can be fixed from the message alone.
    /// </summary>
    [TestClass]
    public class RegionLayoutValidationTests
    {
        [TestMethod]
        public void BlockCountOutsideOneTo256IsRefused()
        {
            CheckBlockCountOutsideOneTo256IsRefused(0);
            CheckBlockCountOutsideOneTo256IsRefused(257);
            CheckBlockCountOutsideOneTo256IsRefused(-1);
        }

        private static void CheckBlockCountOutsideOneTo256IsRefused(int blocks)
        {
            string error;
            Assert.IsNull(RegionLayout.TryCompute(0x20070000, 0x4000, blocks, 16, 0, out error));
            ErrorText.AssertMentions(error, blocks);

            Assert.IsNull(RegionLayout.TryCompute(0x20070000, 0x4000, 16, blocks, 0, out error), "peer block count");
            ErrorText.AssertMentions(error, blocks);
        }

        [TestMethod]
        public void BlockCountLimitsThemselvesAreAccepted()
        {
            string error;
            Assert.IsNotNull(RegionLayout.TryCompute(0x20070000, 0x4000, 1, 256, 0, out error), error);
            Assert.IsNotNull(RegionLayout.TryCompute(0x20070000, 0x4000, 256, 1, 0, out error), error);
        }

        [TestMethod]
        public void RegionWithoutRoomBeyondTheControlQueueIsRefused()
        {
            CheckRegionWithoutRoomBeyondTheControlQueueIsRefused(400);
            CheckRegionWithoutRoomBeyondTheControlQueueIsRefused(408);
        }

        private static void CheckRegionWithoutRoomBeyondTheControlQueueIsRefused(int size)
        {
            // 16 + 32 blocks need ICMSG_MIN = 408 bytes before the first block.
            string error;
            Assert.IsNull(RegionLayout.TryCompute(0x20070000, size, 16, 32, 0, out error));
            ErrorText.AssertMentions(error, size);
            ErrorText.AssertMentions(error, 408);
        }

        [TestMethod]
        public void BlockSizeBelowFourIsRefused()
        {
            // 256 + 1 blocks: ICMSG_MIN = 24 + 8 * 257 = 2080; 768 bytes left give 3-byte blocks, rounded to 0.
            string error;
            Assert.IsNull(RegionLayout.TryCompute(0x20070000, 2080 + 768, 256, 1, 0, out error));
            Assert.Contains("block size", error);
            ErrorText.AssertMentions(error, 0);
            ErrorText.AssertMentions(error, 256);

            // Four bytes more per block is the smallest legal split.
            RegionLayout smallest = RegionLayout.TryCompute(0x20070000, 2080 + 1024, 256, 1, 0, out error);
            Assert.IsNotNull(smallest, error);
            Assert.AreEqual(4, smallest.BlockSize);
        }

        [TestMethod]
        public void CacheAlignmentThatIsNotAPowerOfTwoIsRefused()
        {
            CheckCacheAlignmentThatIsNotAPowerOfTwoIsRefused(3);
            CheckCacheAlignmentThatIsNotAPowerOfTwoIsRefused(24);
            CheckCacheAlignmentThatIsNotAPowerOfTwoIsRefused(-8);
        }

        private static void CheckCacheAlignmentThatIsNotAPowerOfTwoIsRefused(int alignment)
        {
            string error;
            Assert.IsNull(RegionLayout.TryCompute(0x20070000, 0x800, 16, 32, alignment, out error));
            ErrorText.AssertMentions(error, alignment);
        }

        [TestMethod]
        public void ComputeThrowsTheSameReason()
        {
            string expected;
            RegionLayout.TryCompute(0x20070000, 0x800, 257, 32, 0, out expected);
            string actual = null;
            try
            {
                RegionLayout.Compute(0x20070000, 0x800, 257, 32, 0);
            }
            catch (ArgumentException ex)
            {
                actual = ex.Message;
            }

            Assert.IsNotNull(actual, "Compute must throw ArgumentException");
            Assert.Contains(expected, actual);
        }
    }
}
