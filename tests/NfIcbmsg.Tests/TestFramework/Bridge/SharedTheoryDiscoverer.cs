using System.Collections.Generic;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace NfIcbmsg.Tests.Bridge
{
    /// <summary>Creates <see cref="SharedTheoryTestCase"/>s for the rows of a <see cref="SharedTheoryAttribute"/> theory.</summary>
    public sealed class SharedTheoryDiscoverer : TheoryDiscoverer
    {
        /// <summary>Called by xunit.</summary>
        public SharedTheoryDiscoverer(IMessageSink diagnosticMessageSink)
            : base(diagnosticMessageSink)
        {
        }

        /// <inheritdoc />
        protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow)
        {
            return new IXunitTestCase[]
            {
                new SharedTheoryTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, dataRow),
            };
        }

        /// <inheritdoc />
        protected override IEnumerable<IXunitTestCase> CreateTestCasesForTheory(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute)
        {
            // Reached only when theory pre-enumeration is switched off: all rows then run as one case.
            return new IXunitTestCase[]
            {
                new SharedTheoryAllRowsTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod),
            };
        }
    }
}
