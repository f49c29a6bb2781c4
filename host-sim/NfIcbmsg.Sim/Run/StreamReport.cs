namespace NfIcbmsg.Sim.Run
{
    /// <summary>One received pattern stream, as reported (JSON) by `run`.</summary>
    public sealed record StreamReport(string Endpoint, int Stream, int Messages, int Failed, long Bytes, double? AllocatedBytesPerMessage, string? FirstError)
    {
        public static StreamReport From(StreamTally tally)
        {
            return new StreamReport(tally.Endpoint, tally.Stream, tally.Messages, tally.Failed, tally.Bytes, tally.AllocatedBytesPerMessage, tally.FirstError);
        }
    }
}
