using System;
using System.Collections.Generic;

namespace NfIcbmsg.Sim.Run
{
    /// <summary>A snapshot of an instance's <see cref="IpcStatistics"/>, for reports and JSON.</summary>
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

            return new StatisticsReport(s.MessagesSent, s.MessagesReceived, s.BytesSent, s.BytesReceived, s.ControlMessagesSent, s.ControlMessagesReceived, s.DoorbellsRung, s.DoorbellsReceived, s.TxBlocksInUse, s.RxBlocksHeld, s.AllocationWaits, s.AllocationTimeouts, s.CallbackFaults, s.Rejected, reasons);
        }
    }
}
