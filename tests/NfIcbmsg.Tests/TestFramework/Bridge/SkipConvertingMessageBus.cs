using System.Threading;
using nanoFramework.TestFramework;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace NfIcbmsg.Tests.Bridge
{
    /// <summary>
    /// Passes every message on, except that a test failed by exactly <see cref="SkipTestException"/>
    /// becomes a skipped test whose reason is the exception's message. <see cref="Correct"/> then moves
    /// those tests from the failed to the skipped count of the run summary.
    /// </summary>
    public sealed class SkipConvertingMessageBus : IMessageBus
    {
        private static readonly string s_skipTypeName = typeof(SkipTestException).FullName!;
        private readonly IMessageBus _inner;
        private int _skipped;

        /// <summary>Wraps <paramref name="inner"/>, which stays owned by the caller.</summary>
        public SkipConvertingMessageBus(IMessageBus inner)
        {
            _inner = inner;
        }

        /// <summary>Tests converted so far.</summary>
        public int Skipped
        {
            get { return Volatile.Read(ref _skipped); }
        }

        /// <inheritdoc />
        public bool QueueMessage(IMessageSinkMessage message)
        {
            if (message is ITestFailed failed && failed.ExceptionTypes.Length > 0 && failed.ExceptionTypes[0] == s_skipTypeName)
            {
                Interlocked.Increment(ref _skipped);
                return _inner.QueueMessage(new TestSkipped(failed.Test, failed.Messages[0]));
            }

            return _inner.QueueMessage(message);
        }

        /// <summary>The summary with the converted tests counted as skipped instead of failed.</summary>
        public RunSummary Correct(RunSummary summary)
        {
            int skipped = Skipped;
            summary.Failed -= skipped;
            summary.Skipped += skipped;
            return summary;
        }

        /// <summary>Nothing to release: the inner bus belongs to the caller.</summary>
        public void Dispose()
        {
        }
    }
}
