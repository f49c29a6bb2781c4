using System.Threading;
using nanoFramework.TestFramework;

namespace NfIcbmsg.Tests.Support
{
    /// <summary>
    /// Subscribes to an instance's Error event and counts the reports per <see cref="RejectReason"/>, so a
    /// test can check that every rejected input was both counted in the statistics and reported once.
    /// </summary>
    public sealed class ProtocolRejectRecorder
    {
        private readonly object _sync = new object();
        private readonly int[] _counts = new int[IpcStatistics.ReasonCount];
        private readonly AutoResetEvent _signal = new AutoResetEvent(false);
        private readonly IpcInstance _instance;
        private int _total;
        private string _lastMessage;
        private RejectReason _lastReason;

        /// <summary>Starts recording <paramref name="instance"/>'s Error reports.</summary>
        public ProtocolRejectRecorder(IpcInstance instance)
        {
            _instance = instance;
            instance.Error += OnError;
        }

        /// <summary>Reports so far.</summary>
        public int Total
        {
            get { lock (_sync) { return _total; } }
        }

        /// <summary>The text of the last report.</summary>
        public string LastMessage
        {
            get { lock (_sync) { return _lastMessage; } }
        }

        /// <summary>The reason of the last report.</summary>
        public RejectReason LastReason
        {
            get { lock (_sync) { return _lastReason; } }
        }

        /// <summary>Reports of one reason so far.</summary>
        public int Count(RejectReason reason)
        {
            lock (_sync)
            {
                return _counts[(int)reason];
            }
        }

        /// <summary>Fails unless at least <paramref name="total"/> reports arrived within the bound.</summary>
        public void WaitTotal(int total)
        {
            bool arrived = ProtocolFixtures.Until(delegate { return Total >= total; }, _signal, ProtocolFixtures.WaitMs);
            Assert.IsTrue(arrived, "timed out waiting for " + total.ToString() + " Error report(s); got " + Total.ToString() + Describe());
        }

        /// <summary>
        /// Fails unless exactly <paramref name="expected"/> inputs were rejected for <paramref name="reason"/>
        /// and none for any other reason, both in the statistics and in the Error reports.
        /// </summary>
        public void AssertOnly(RejectReason reason, int expected)
        {
            IpcStatistics statistics = _instance.Statistics;
            string name = ReasonName(reason);
            Assert.AreEqual(expected, statistics.RejectedFor(reason), "statistics: rejected for " + name + Describe());
            Assert.AreEqual(expected, statistics.Rejected, "statistics: rejected in total" + Describe());
            Assert.AreEqual(expected, Count(reason), "Error reports for " + name + Describe());
            Assert.AreEqual(expected, Total, "Error reports in total" + Describe());
        }

        /// <summary>Fails unless the statistics and the Error reports agree, reason by reason.</summary>
        public void AssertConsistent()
        {
            IpcStatistics statistics = _instance.Statistics;
            for (int i = 0; i < IpcStatistics.ReasonCount; i++)
            {
                Assert.AreEqual(statistics.RejectedFor((RejectReason)i), Count((RejectReason)i), "statistics and Error reports for " + ReasonName((RejectReason)i));
            }
        }

        /// <summary>A readable name of a reason (enum.ToString gives the number on nanoFramework).</summary>
        public static string ReasonName(RejectReason reason)
        {
            switch (reason)
            {
                case RejectReason.RingIndexInvalid: return "RingIndexInvalid";
                case RejectReason.PacketLengthInvalid: return "PacketLengthInvalid";
                case RejectReason.PacketTooLong: return "PacketTooLong";
                case RejectReason.MagicInvalid: return "MagicInvalid";
                case RejectReason.ControlMessageTooShort: return "ControlMessageTooShort";
                case RejectReason.ControlMessageUnknown: return "ControlMessageUnknown";
                case RejectReason.EndpointAddressOutOfRange: return "EndpointAddressOutOfRange";
                case RejectReason.EndpointNotReady: return "EndpointNotReady";
                case RejectReason.BlockIndexOutOfRange: return "BlockIndexOutOfRange";
                case RejectReason.BlockSizeInvalid: return "BlockSizeInvalid";
                case RejectReason.BlockInUse: return "BlockInUse";
                case RejectReason.ReleaseOfFreeBlock: return "ReleaseOfFreeBlock";
                case RejectReason.BoundNameInvalid: return "BoundNameInvalid";
                case RejectReason.BoundAddressInUse: return "BoundAddressInUse";
                case RejectReason.ReleaseBoundUnexpected: return "ReleaseBoundUnexpected";
                case RejectReason.NotBonded: return "NotBonded";
                case RejectReason.TxReadIndexInvalid: return "TxReadIndexInvalid";
                default: return "reason " + ((int)reason).ToString();
            }
        }

        private string Describe()
        {
            IpcStatistics statistics = _instance.Statistics;
            string text = " [counted:";
            for (int i = 0; i < IpcStatistics.ReasonCount; i++)
            {
                int count = statistics.RejectedFor((RejectReason)i);
                if (count != 0)
                {
                    text += " " + ReasonName((RejectReason)i) + "=" + count.ToString();
                }
            }

            string last = LastMessage;
            return text + "; last report: " + (last == null ? "none" : ReasonName(LastReason) + " \"" + last + "\"") + "]";
        }

        private void OnError(IpcInstance instance, RejectReason reason, string message)
        {
            lock (_sync)
            {
                _counts[(int)reason]++;
                _total++;
                _lastMessage = message;
                _lastReason = reason;
            }

            _signal.Set();
        }
    }
}
