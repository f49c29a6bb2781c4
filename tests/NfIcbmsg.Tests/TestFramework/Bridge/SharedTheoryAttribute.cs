using System;
using Xunit;
using Xunit.Sdk;

namespace NfIcbmsg.Tests.Bridge
{
    /// <summary>
    /// A [Theory] whose cases report a <c>SkipTestException</c> as skipped and carry the shared test's own
    /// name. xunit 2 has no dynamic skip (Assert.Skip is xunit v3), so the test cases of this theory
    /// rewrite the "failed with SkipTestException" message into "skipped" on its way to the runner —
    /// the same technique as the Xunit.SkippableFact package, which is not available here.
    /// </summary>
    [XunitTestCaseDiscoverer("NfIcbmsg.Tests.Bridge.SharedTheoryDiscoverer", "NfIcbmsg.Tests")]
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public sealed class SharedTheoryAttribute : TheoryAttribute
    {
    }
}
