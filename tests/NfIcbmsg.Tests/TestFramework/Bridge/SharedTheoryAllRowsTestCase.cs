using System;
using System.Threading;
using System.Threading.Tasks;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace NfIcbmsg.Tests.Bridge
{
    /// <summary>The whole bridge theory as one case (pre-enumeration off); each row is still reported, skips converted.</summary>
    public sealed class SharedTheoryAllRowsTestCase : XunitTheoryTestCase
    {
        /// <summary>For the xunit deserializer only.</summary>
        [Obsolete("Called by the xunit deserializer only.")]
        public SharedTheoryAllRowsTestCase()
        {
        }

        /// <summary>Creates the case for the whole theory.</summary>
        public SharedTheoryAllRowsTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
            : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
        {
        }

        /// <inheritdoc />
        public override async Task<RunSummary> RunAsync(IMessageSink diagnosticMessageSink, IMessageBus messageBus, object[] constructorArguments, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
        {
            SkipConvertingMessageBus bus = new SkipConvertingMessageBus(messageBus);
            return bus.Correct(await base.RunAsync(diagnosticMessageSink, bus, constructorArguments, aggregator, cancellationTokenSource));
        }
    }
}
