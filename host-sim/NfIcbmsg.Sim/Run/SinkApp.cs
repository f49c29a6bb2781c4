using System.Linq;

namespace NfIcbmsg.Sim.Run
{
    /// <summary>Verifies the pattern streams a source sends: every byte (or the header), in order, per stream.</summary>
    public sealed class SinkApp : EndpointApp
    {
        private readonly StreamVerifier _verifier;

        public SinkApp(string name, byte stream, RunOptions options)
            : base(name, stream, options)
        {
            _verifier = new StreamVerifier(name, options.Check);
        }

        public override bool Verified => Error == null && _verifier.Failed == 0 && (Options.Count == 0 ? _verifier.Messages > 0 : _verifier.Messages == Options.Count);

        public override void Run()
        {
            string? error = Serve.UntilDone(() => _verifier.Messages, Options);
            if (error != null)
            {
                Fail(error);
            }
        }

        public override EndpointReport Report()
        {
            return BaseReport() with
            {
                Received = _verifier.Messages,
                Failed = _verifier.Failed,
                Streams = _verifier.Streams.Select(StreamReport.From).ToArray(),
                Error = Error ?? _verifier.FirstError,
            };
        }

        protected override void OnReceived(RxBuffer buffer)
        {
            _verifier.Accept(CopyOut(buffer));
        }
    }
}
