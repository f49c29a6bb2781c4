using System;
using System.Threading;
using System.Threading.Tasks;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace NfIcbmsg.Tests.Bridge
{
    /// <summary>One row of the bridge theory = one shared test: named after it, skips converted.</summary>
    public sealed class SharedTheoryTestCase : XunitTestCase
    {
        /// <summary>For the xunit deserializer only.</summary>
        [Obsolete("Called by the xunit deserializer only.")]
        public SharedTheoryTestCase()
        {
        }

        /// <summary>Creates the case for one data row.</summary>
        public SharedTheoryTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod, object[] testMethodArguments)
            : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod, testMethodArguments)
        {
        }

        /// <inheritdoc />
        public override async Task<RunSummary> RunAsync(IMessageSink diagnosticMessageSink, IMessageBus messageBus, object[] constructorArguments, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
        {
            SkipConvertingMessageBus bus = new SkipConvertingMessageBus(messageBus);
            return bus.Correct(await base.RunAsync(diagnosticMessageSink, bus, constructorArguments, aggregator, cancellationTokenSource));
        }

        /// <inheritdoc />
        protected override string GetDisplayName(IAttributeInfo factAttribute, string displayName)
        {
            object[] arguments = TestMethodArguments;
            if (arguments != null && arguments.Length == 1 && arguments[0] is SharedTestCase shared)
            {
                return shared.DisplayName;
            }

            return base.GetDisplayName(factAttribute, displayName);
        }
    }
}
