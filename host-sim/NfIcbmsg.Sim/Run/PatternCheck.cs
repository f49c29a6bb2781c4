namespace NfIcbmsg.Sim.Run
{
    /// <summary>How much of each received pattern message a receiver checks.</summary>
    public enum PatternCheck
    {
        /// <summary>Every byte (<see cref="Traffic.MessagePattern.Verify"/>).</summary>
        Full,

        /// <summary>Only the header: sequence, stream and length; for benchmarks, whose senders stamp one template.</summary>
        Header,
    }
}
