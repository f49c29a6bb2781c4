using System.Diagnostics;
using System.Threading;

namespace NfIcbmsg.Sim.Run
{
    /// <summary>One send through either API: a copying send, or a zero-copy lease written in place and sent.</summary>
    public static class TxSender
    {
        public static SendStatus Send(Endpoint endpoint, byte[] message, int length, int timeoutMs, bool zeroCopy)
        {
            if (!zeroCopy)
            {
                return SendCopy(endpoint, message, length, timeoutMs);
            }

            TxLease lease = endpoint.GetTxBuffer(length, timeoutMs);
            if (!lease.IsActive)
            {
                return endpoint.IsBound ? SendStatus.NoBuffers : SendStatus.NotBound;
            }

            lease.Write(0, message, 0, length);
            return endpoint.TrySendNoCopy(lease, length);
        }

        // An ICMsg send does not wait (icmsg_send returns -ENOMEM on a full ring) and the peer does not
        // ring when it reads, so a full ring is polled until the peer made room or the timeout is up.
        private static SendStatus SendCopy(Endpoint endpoint, byte[] message, int length, int timeoutMs)
        {
            SendStatus status = endpoint.TrySend(message, 0, length, timeoutMs);
            if (status != SendStatus.RingFull || timeoutMs <= 0)
            {
                return status;
            }

            Stopwatch clock = Stopwatch.StartNew();
            SpinWait spin = default;
            while (status == SendStatus.RingFull && clock.ElapsedMilliseconds < timeoutMs)
            {
                spin.SpinOnce(sleep1Threshold: 20);
                status = endpoint.TrySend(message, 0, length, timeoutMs);
            }

            return status;
        }

        /// <summary>What a failed send means for the person reading the error.</summary>
        public static string Describe(SendStatus status, int timeoutMs)
        {
            switch (status)
            {
                case SendStatus.NoBuffers:
                    return $"no free tx block within {timeoutMs} ms (the peer stopped releasing)";
                case SendStatus.NotBound:
                    return "the endpoint is not bound";
                case SendStatus.LinkFault:
                    return "the peer corrupted the read index of this side's tx ring (a link fault; sends resume once it is valid)";
                case SendStatus.RingFull:
                    return timeoutMs > 0 ? $"the ICMsg ring stayed full for {timeoutMs} ms (the peer stopped reading)" : "the ICMsg ring is full (the peer stopped reading)";
                default:
                    return status.ToString();
            }
        }
    }
}
