namespace NfIcbmsg.Sim.Run
{
    /// <summary>One send through either API: a copying send, or a zero-copy lease written in place and sent.</summary>
    public static class TxSender
    {
        public static SendStatus Send(Endpoint endpoint, byte[] message, int length, int timeoutMs, bool zeroCopy)
        {
            if (!zeroCopy)
            {
                return endpoint.TrySend(message, 0, length, timeoutMs);
            }

            TxLease lease = endpoint.GetTxBuffer(length, timeoutMs);
            if (lease == null)
            {
                return endpoint.IsBound ? SendStatus.NoBuffers : SendStatus.NotBound;
            }

            lease.Write(0, message, 0, length);
            return endpoint.TrySendNoCopy(lease, length);
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
                case SendStatus.RingFull:
                    return "the ICMsg ring is full (the peer stopped reading)";
                default:
                    return status.ToString();
            }
        }
    }
}
