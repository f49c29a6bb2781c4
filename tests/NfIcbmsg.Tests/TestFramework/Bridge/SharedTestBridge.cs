using System.Runtime.ExceptionServices;
using Xunit;
using Xunit.Abstractions;

namespace NfIcbmsg.Tests.Bridge
{
    /// <summary>
    /// The xunit entry point for the shared tests: one theory whose data is every shared test case of
    /// this assembly, so each one is listed, run, passed, failed or skipped on its own in `dotnet test`
    /// under its name <c>Class.Method(args)</c>.
    /// </summary>
    public sealed class SharedTestBridge
    {
        private readonly ITestOutputHelper _output;

        /// <summary>xunit supplies the per-test output sink.</summary>
        public SharedTestBridge(ITestOutputHelper output)
        {
            _output = output;
        }

        /// <summary>Every shared test case; an empty set makes xunit report the theory as failed (no data).</summary>
        public static TheoryData<SharedTestCase> Cases
        {
            get
            {
                TheoryData<SharedTestCase> data = new TheoryData<SharedTestCase>();
                foreach (SharedTestCase test in SharedTestDiscovery.Discover(typeof(SharedTestBridge).Assembly))
                {
                    data.Add(test);
                }

                return data;
            }
        }

        /// <summary>
        /// Runs one shared test and rethrows what ended it, keeping the shared test's own stack trace; a
        /// skip is rethrown as the <c>SkipTestException</c> that <see cref="SharedTheoryAttribute"/>'s test
        /// cases turn into an xunit skip.
        /// </summary>
        [SharedTheory]
        [MemberData(nameof(Cases))]
        public void Run(SharedTestCase test)
        {
            SharedTestResult result = SharedTestRunner.Run(test);
            if (result.Output.Length > 0)
            {
                _output.WriteLine(result.Output.TrimEnd());
            }

            if (result.Outcome != SharedTestOutcome.Passed)
            {
                ExceptionDispatchInfo.Capture(result.Exception ?? new System.InvalidOperationException(result.Outcome + " without an exception")).Throw();
            }
        }
    }
}
