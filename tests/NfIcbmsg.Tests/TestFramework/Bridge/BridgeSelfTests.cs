using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using NfIcbmsg.Tests.Bridge.Specimens;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;
using AssertFailedException = TestFrameworkShared.AssertFailedException;
using SkipTestException = nanoFramework.TestFramework.SkipTestException;

namespace NfIcbmsg.Tests.Bridge
{
    /// <summary>
    /// Proves the bridge can fail: the specimens (excluded from discovery) pass, fail and skip on
    /// purpose, and these tests check that discovery, the runner, the theory body and xunit itself
    /// report each outcome as such.
    /// </summary>
    [Collection("bridge specimens")]
    public sealed class BridgeSelfTests
    {
        private readonly ITestOutputHelper _output;

        public BridgeSelfTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void DiscoveryFollowsTheLauncherRules()
        {
            SharedTestCase[] cases = SharedTestDiscovery.Discover(new[] { typeof(BridgeSpecimenTests) });
            List<string> names = new List<string>();
            foreach (SharedTestCase test in cases)
            {
                names.Add(test.DisplayName);
            }

            // Rows replace a [TestMethod] beside them; Setup, Cleanup and unmarked methods are no tests.
            Assert.Equal(
                new[]
                {
                    "BridgeSpecimenTests.Adds(1, 2, 3)",
                    "BridgeSpecimenTests.Adds(5, 6, 12)",
                    "BridgeSpecimenTests.FailsOnPurpose",
                    "BridgeSpecimenTests.Passes",
                    "BridgeSpecimenTests.RowOnly(\"text\", True)",
                    "BridgeSpecimenTests.RunsOnAFreshInstance",
                    "BridgeSpecimenTests.SkipsOnPurpose",
                    "BridgeSpecimenTests.WritesOutput",
                },
                names);
        }

        [Fact]
        public void SpecimensStayOutOfTheRealRun()
        {
            SharedTestCase[] cases = SharedTestDiscovery.Discover(typeof(SharedTestBridge).Assembly);
            Assert.NotEmpty(cases);
            foreach (SharedTestCase test in cases)
            {
                Assert.DoesNotContain("Specimen", test.TypeName, StringComparison.Ordinal);
            }

            Assert.Contains(cases, test => test.DisplayName == "RegionLayoutTests.DocsGeometryWithoutCacheAlignment");
        }

        [Fact]
        public void RunnerReportsEachOutcome()
        {
            Assert.Equal(SharedTestOutcome.Passed, Run("Passes").Outcome);
            Assert.Equal(SharedTestOutcome.Passed, Run("RunsOnAFreshInstance").Outcome);

            SharedTestResult failed = Run("FailsOnPurpose");
            Assert.Equal(SharedTestOutcome.Failed, failed.Outcome);
            Assert.IsType<AssertFailedException>(failed.Exception);
            Assert.Contains("Expected:<4>. Actual:<5>", failed.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("2 + 3", failed.Exception.Message, StringComparison.Ordinal);

            SharedTestResult skipped = Run("SkipsOnPurpose");
            Assert.Equal(SharedTestOutcome.Skipped, skipped.Outcome);
            Assert.NotNull(skipped.Exception);
            Assert.Equal("not on this platform", skipped.Exception.Message);

            SharedTestCase[] rows = SharedTestDiscovery.Discover(new[] { typeof(BridgeSpecimenTests) });
            Assert.Equal(SharedTestOutcome.Passed, SharedTestRunner.Run(rows[0]).Outcome);
            Assert.Equal(SharedTestOutcome.Failed, SharedTestRunner.Run(rows[1]).Outcome);
        }

        [Fact]
        public void SetupAndCleanupWrapEveryCaseOnTheHost()
        {
            BridgeSpecimenTests.Log = string.Empty;
            Run("Passes");
            Run("FailsOnPurpose");
            Assert.Equal("setup;passes;cleanup;setup;fails;cleanup;", BridgeSpecimenTests.Log);

            SharedTestCase skippedBySetup = SharedTestDiscovery.Discover(new[] { typeof(SkippingSetupSpecimenTests) })[0];
            Assert.Equal(SharedTestOutcome.Skipped, SharedTestRunner.Run(skippedBySetup).Outcome);

            SharedTestCase failedByCleanup = SharedTestDiscovery.Discover(new[] { typeof(FailingCleanupSpecimenTests) })[0];
            SharedTestResult result = SharedTestRunner.Run(failedByCleanup);
            Assert.Equal(SharedTestOutcome.Failed, result.Outcome);
            Assert.NotNull(result.Exception);
            Assert.StartsWith("[Cleanup] Cleanup threw", result.Exception.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void OutputOfASharedTestIsCaptured()
        {
            Assert.Contains("hello from a shared test", Run("WritesOutput").Output, StringComparison.Ordinal);
        }

        [Fact]
        public void TheoryBodyThrowsWhatEndedTheSharedTest()
        {
            SharedTestBridge bridge = new SharedTestBridge(_output);
            bridge.Run(Case("Passes"));
            Assert.Throws<AssertFailedException>(() => bridge.Run(Case("FailsOnPurpose")));
            Assert.Throws<SkipTestException>(() => bridge.Run(Case("SkipsOnPurpose")));
        }

        [Fact]
        public async Task XunitReportsAFailedSharedTestAsFailed()
        {
            Outcome outcome = await RunThroughXunit(Case("FailsOnPurpose"));
            Assert.NotNull(outcome.Summary);
            Assert.Equal(1, outcome.Summary.Failed);
            ITestFailed failed = Assert.Single(outcome.Failed);
            Assert.Equal("BridgeSpecimenTests.FailsOnPurpose", failed.Test.DisplayName);
            Assert.Equal(typeof(AssertFailedException).FullName, failed.ExceptionTypes[0]);
        }

        [Fact]
        public async Task XunitReportsASkippedSharedTestAsSkipped()
        {
            Outcome outcome = await RunThroughXunit(Case("SkipsOnPurpose"));
            Assert.NotNull(outcome.Summary);
            Assert.Equal(0, outcome.Summary.Failed);
            Assert.Equal(1, outcome.Summary.Skipped);
            Assert.Empty(outcome.Failed);
            ITestSkipped skipped = Assert.Single(outcome.Skipped);
            Assert.Equal("not on this platform", skipped.Reason);
        }

        [Fact]
        public async Task XunitReportsAPassingSharedTestAsPassed()
        {
            Outcome outcome = await RunThroughXunit(Case("Passes"));
            Assert.NotNull(outcome.Summary);
            Assert.Equal(1, outcome.Summary.Total);
            Assert.NotNull(outcome.Summary);
            Assert.Equal(0, outcome.Summary.Failed);
            Assert.Equal(0, outcome.Summary.Skipped);
            Assert.Single(outcome.Passed);
        }

        private static SharedTestCase Case(string method)
        {
            return new SharedTestCase(typeof(BridgeSpecimenTests), typeof(BridgeSpecimenTests).GetMethod(method) ?? throw new ArgumentException("no specimen test " + method, nameof(method)), -1);
        }

        private static SharedTestResult Run(string method)
        {
            return SharedTestRunner.Run(Case(method));
        }

        // Runs one bridge theory case through xunit's own runner, as `dotnet test` would.
        private static async Task<Outcome> RunThroughXunit(SharedTestCase shared)
        {
            TestAssembly assembly = new TestAssembly(Reflector.Wrap(typeof(SharedTestBridge).Assembly));
            TestCollection collection = new TestCollection(assembly, null, "bridge self-test");
            TestClass testClass = new TestClass(collection, Reflector.Wrap(typeof(SharedTestBridge)));
            TestMethod testMethod = new TestMethod(testClass, Reflector.Wrap(typeof(SharedTestBridge).GetMethod(nameof(SharedTestBridge.Run))));
            SharedTheoryTestCase testCase = new SharedTheoryTestCase(new NullMessageSink(), TestMethodDisplay.ClassAndMethod, TestMethodDisplayOptions.None, testMethod, new object[] { shared });

            Outcome outcome = new Outcome();
            using (CollectingMessageBus bus = new CollectingMessageBus(outcome))
            {
                outcome.Summary = await testCase.RunAsync(new NullMessageSink(), bus, new object[] { new TestOutputHelper() }, new ExceptionAggregator(), new CancellationTokenSource());
            }

            return outcome;
        }

        private sealed class Outcome
        {
            public RunSummary? Summary { get; set; }

            public List<ITestPassed> Passed { get; } = new List<ITestPassed>();

            public List<ITestFailed> Failed { get; } = new List<ITestFailed>();

            public List<ITestSkipped> Skipped { get; } = new List<ITestSkipped>();
        }

        private sealed class CollectingMessageBus : IMessageBus
        {
            private readonly Outcome _outcome;

            public CollectingMessageBus(Outcome outcome)
            {
                _outcome = outcome;
            }

            public bool QueueMessage(IMessageSinkMessage message)
            {
                switch (message)
                {
                    case ITestPassed passed:
                        _outcome.Passed.Add(passed);
                        break;
                    case ITestFailed failed:
                        _outcome.Failed.Add(failed);
                        break;
                    case ITestSkipped skipped:
                        _outcome.Skipped.Add(skipped);
                        break;
                }

                return true;
            }

            public void Dispose()
            {
            }
        }
    }
}
