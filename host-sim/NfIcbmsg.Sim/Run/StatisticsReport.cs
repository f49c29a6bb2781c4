using System;
using System.Collections.Generic;

namespace NfIcbmsg.Sim.Run
{
    /// <summary>A snapshot of an instance's <see cref="IpcStatistics"/>, for reports and JSON: take one and print every figure of a report from it.</summary>
    public sealed record StatisticsReport(
        int MessagesSent,
        int MessagesReceived,
        long BytesSent,
        long BytesReceived,
        int ControlMessagesSent,
        int ControlMessagesReceived,
        int DoorbellsRung,
        int DoorbellsReceived,
        int TxBlocksInUse,
        int RxBlocksHeld,
        int AllocationWaits,
        int AllocationTimeouts,
        int CallbackFaults,
        int InternalFaults,
        int IdleRechecks,
        int Rejected,
        IReadOnlyDictionary<string, int> RejectedByReason)
    {
        public static StatisticsReport From(IpcStatistics s)
        {
            Dictionary<string, int> reasons = new Dictionary<string, int>();
            foreach (RejectReason reason in Enum.GetValues<RejectReason>())
            {
                int count = s.RejectedFor(reason);
                if (count > 0)
                {
                    reasons[reason.ToString()] = count;
                }
            }

            // The total is the sum of the very counts listed, so the two can never disagree.
            int rejected = 0;
            foreach (int count in reasons.Values)
            {
                rejected += count;
            }

            return new StatisticsReport(s.MessagesSent, s.MessagesReceived, s.BytesSent, s.BytesReceived, s.ControlMessagesSent, s.ControlMessagesReceived, s.DoorbellsRung, s.DoorbellsReceived, s.TxBlocksInUse, s.RxBlocksHeld, s.AllocationWaits, s.AllocationTimeouts, s.CallbackFaults, s.InternalFaults, s.IdleRechecks, rejected, reasons);
        }
    }
}
