using System;

namespace NfIcbmsg.Tests.Bridge
{
    /// <summary>How a shared test ended.</summary>
    public enum SharedTestOutcome
    {
        /// <summary>Returned normally.</summary>
        Passed,

        /// <summary>Threw anything but <c>SkipTestException</c>.</summary>
        Failed,

        /// <summary>Threw exactly <c>SkipTestException</c> (itself or from its [Setup]).</summary>
        Skipped,
    }

    /// <summary>The outcome of one shared test case, with what made it fail or skip and what it printed.</summary>
    public sealed class SharedTestResult
    {
        /// <summary>Creates a result.</summary>
        public SharedTestResult(SharedTestOutcome outcome, Exception? exception, string output)
        {
            Outcome = outcome;
            Exception = exception;
            Output = output ?? string.Empty;
        }

        /// <summary>Passed, failed or skipped.</summary>
        public SharedTestOutcome Outcome { get; }

        /// <summary>The failure or the skip (null when passed).</summary>
        public Exception? Exception { get; }

        /// <summary>Everything the test wrote through <c>OutputHelper</c>.</summary>
        public string Output { get; }
    }
}
