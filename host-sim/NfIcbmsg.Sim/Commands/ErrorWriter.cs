using System.CommandLine;
using System.IO;

namespace NfIcbmsg.Sim.Commands
{
    /// <summary>
    /// The one way nf-sim writes to stderr: errors ("error: WHAT"), the board reader's diagnostics, progress,
    /// events and the live status line. Everything goes to the invocation's error stream (Console.Error unless a
    /// caller, such as a test, passes its own), so stdout carries only the report a script reads. No other
    /// file of the simulator touches stderr (a test checks it).
    /// </summary>
    public sealed class ErrorWriter
    {
        private readonly TextWriter _stream;

        public ErrorWriter(TextWriter stream)
        {
            _stream = stream;
        }

        /// <summary>The error stream of this invocation.</summary>
        public static ErrorWriter For(ParseResult parse)
        {
            return new ErrorWriter(parse.InvocationConfiguration.Error);
        }

        /// <summary>The process's stderr, for callers outside a command invocation.</summary>
        public static ErrorWriter Process
        {
            get { return new ErrorWriter(System.Console.Error); }
        }

        /// <summary>The stream itself, for a writer that rewrites its line in place (the run's status line).</summary>
        public TextWriter Stream
        {
            get { return _stream; }
        }

        /// <summary>Writes "error: <paramref name="problem"/>".</summary>
        public void Error(string problem)
        {
            _stream.WriteLine("error: " + problem);
        }

        /// <summary>Writes "error: <paramref name="problem"/>" and returns <paramref name="exitCode"/>, for <c>return errors.Fail(...)</c>.</summary>
        public int Fail(int exitCode, string problem)
        {
            Error(problem);
            return exitCode;
        }

        /// <summary>Writes a line that carries its own form: a diagnostic ("file:line:col: error: ..."), progress, an event.</summary>
        public void Line(string text)
        {
            _stream.WriteLine(text);
        }
    }
}
