using System.Threading;
using NfIcbmsg.Sim.Traffic;

namespace NfIcbmsg.Sim.Run
{
    /// <summary>Sends <see cref="RunOptions.Count"/> pattern messages; when the peer echoes, verifies every echo.</summary>
    public sealed class SourceApp : EndpointApp
    {
        private readonly StreamVerifier _echoes;
        private int _sent;

        public SourceApp(string name, byte stream, RunOptions options)
            : base(name, stream, options)
        {
            _echoes = new StreamVerifier(name, options.Check);
        }

        public int Sent => Volatile.Read(ref _sent);

        /// <summary>Sent everything; echoes, if any came, all came back intact.</summary>
        public override bool Verified => Error == null && Sent == Options.Count && _echoes.Failed == 0 && (_echoes.Messages == 0 || _echoes.Messages == Sent);

        public override void Run()
        {
            byte[] message = new byte[Options.Size.Max];
            for (uint sequence = 0; sequence < Options.Count && !Options.Stop.IsCancellationRequested; sequence++)
            {
                int length = Options.Size.LengthOf(sequence);
                MessagePattern.Fill(message, sequence, Stream, length);
                SendStatus status = TxSender.Send(BoundEndpoint, message, length, Options.TimeoutMs, Options.ZeroCopy);
                if (status != SendStatus.Sent)
                {
                    Fail($"message {sequence} of {Options.Count}: {TxSender.Describe(status, Options.TimeoutMs)}");
                    return;
                }

                Interlocked.Increment(ref _sent);
            }
        }

        /// <summary>
        /// Every release is in, so a peer that echoes before it releases (as `run --mode echo` does)
        /// has delivered every echo already; a peer that releases first gets the timeout to catch up.
        /// No echo at all means the peer is a sink.
        /// </summary>
        public override void Finish()
        {
            if (_echoes.Messages > 0 && !Progress.WaitUntil(() => _echoes.Messages >= Sent, () => _echoes.Messages, Options.TimeoutMs))
            {
                Fail($"{_echoes.Messages} of {Sent} echoes came back");
            }

            if (_echoes.Messages > Sent)
            {
                Fail($"{_echoes.Messages} echoes for {Sent} messages sent");
            }
        }

        public override EndpointReport Report()
        {
            return BaseReport() with
            {
                Sent = Sent,
                Received = _echoes.Messages,
                Failed = _echoes.Failed,
                Echoes = _echoes.Messages,
                Error = Error ?? _echoes.FirstError,
            };
        }

        protected override void OnReceived(RxBuffer buffer)
        {
            _echoes.Accept(CopyOut(buffer), Stream);
        }
    }
}
