using System;
using System.IO;
using System.Threading;

namespace nanoFramework.TestFramework
{
    /// <summary>
    /// Test output. The device writes it to the console; the host sends it to the output of the test
    /// case that is running (captured by the bridge), or to the console outside a bridged test.
    /// </summary>
    public static class OutputHelper
    {
        // AsyncLocal rather than ThreadStatic: output of threads a test starts still reaches that test.
        private static readonly AsyncLocal<TextWriter?> s_currentCapture = new AsyncLocal<TextWriter?>();

        /// <summary>Writes text without a line end.</summary>
        public static void Write(string message)
        {
            TextWriter? capture = s_currentCapture.Value;
            if (capture == null)
            {
                Console.Write(message);
                return;
            }

            lock (capture)
            {
                capture.Write(message);
            }
        }

        /// <summary>Writes a line.</summary>
        public static void WriteLine(string message)
        {
            Write(message + Environment.NewLine);
        }

        /// <summary>Routes this logical flow's output into <paramref name="capture"/> (null to stop).</summary>
        internal static void CaptureInto(TextWriter? capture)
        {
            s_currentCapture.Value = capture;
        }
    }
}
