using System;
using System.Linq;
using System.Reflection;
using Xunit;

namespace NfIcbmsg.Tests.Host
{
    /// <summary>
    /// IpcStatistics keeps one counter per RejectReason in an array of ReasonCount (the device has no
    /// Enum.GetValues): a reason added without growing the array would throw on the receive thread,
    /// a gap or a surplus would make Rejected lie. The host has reflection, so it ties the two.
    /// </summary>
    public sealed class RejectReasonCountTests
    {
        [Fact]
        public void ReasonCountIsExactlyTheRejectReasonValues()
        {
            int[] values = Enum.GetValues<RejectReason>().Select(r => (int)r).OrderBy(v => v).ToArray();
            Assert.Equal(Enumerable.Range(0, IpcStatistics.ReasonCount).ToArray(), values);
        }

        [Fact]
        public void EveryReasonIsCountedOnItsOwn()
        {
            MethodInfo countRejected = typeof(IpcStatistics).GetMethod("CountRejected", BindingFlags.Instance | BindingFlags.NonPublic)
                ?? throw new InvalidOperationException("IpcStatistics.CountRejected(RejectReason) not found");
            foreach (RejectReason reason in Enum.GetValues<RejectReason>())
            {
                IpcStatistics statistics = new IpcStatistics();
                countRejected.Invoke(statistics, new object[] { reason });
                Assert.True(statistics.RejectedFor(reason) == 1, reason + " counted once");
                Assert.True(statistics.Rejected == 1, reason + " is the only reject in the total");
                Assert.All(Enum.GetValues<RejectReason>().Where(other => other != reason), other => Assert.Equal(0, statistics.RejectedFor(other)));
            }
        }
    }
}
