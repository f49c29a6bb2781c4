using System.Text.Json;

namespace NfIcbmsg.Sim.Tests.Support
{
    /// <summary>How an nf-sim process ended: exit code (null when it hung and was killed), stdout, stderr.</summary>
    public sealed record SimResult(int? ExitCode, string Output, string Error)
    {
        public JsonElement Json => JsonDocument.Parse(Output).RootElement;

        public override string ToString()
        {
            return $"exit {ExitCode?.ToString() ?? "none (killed)"}\nstdout:\n{Output}\nstderr:\n{Error}";
        }
    }
}
