using System;
using System.Globalization;
using System.IO;
using System.Reflection;
using nanoFramework.TestFramework;

namespace NfIcbmsg.Tests.Bridge
{
    /// <summary>
    /// Runs one shared test case on the host with the launcher's rules: the method is invoked as is
    /// (static, or an instance method on a fresh instance, since the device passes no instance at all);
    /// exactly <see cref="SkipTestException"/> means skipped, any other exception failed.
    /// <para>
    /// Difference from the device, on purpose: the device runs [Setup] once before all tests of a class
    /// and [Cleanup] once after them; here they run before and after every case, so that each xunit
    /// case stands alone (xunit may run or filter them in any order). A shared test must therefore not
    /// depend on how often [Setup]/[Cleanup] run. A [Setup] that skips skips the case (on the device:
    /// the whole class); a [Setup] or [Cleanup] that throws fails the case (on the device it is reported
    /// as a failed entry of its own).
    /// </para>
    /// </summary>
    public static class SharedTestRunner
    {
        /// <summary>Runs <paramref name="test"/> with its [Setup] and [Cleanup] methods and reports the outcome.</summary>
        public static SharedTestResult Run(SharedTestCase test)
        {
            StringWriter output = new StringWriter(CultureInfo.InvariantCulture);
            OutputHelper.CaptureInto(output);
            try
            {
                Exception? failure = RunCase(test);
                SharedTestOutcome outcome = failure == null ? SharedTestOutcome.Passed
                    : IsSkip(failure) ? SharedTestOutcome.Skipped
                    : SharedTestOutcome.Failed;
                return new SharedTestResult(outcome, failure, output.ToString());
            }
            finally
            {
                OutputHelper.CaptureInto(null);
            }
        }

        private static Exception? RunCase(SharedTestCase test)
        {
            Type type;
            MethodInfo method;
            object[]? arguments;
            try
            {
                type = test.ResolveType();
                method = test.ResolveMethod();
                arguments = test.ResolveArguments(method);
            }
            catch (Exception ex)
            {
                return ex;
            }

            foreach (MethodInfo setup in SharedTestDiscovery.MethodsWith(type, typeof(SetupAttribute)))
            {
                Exception? problem = Invoke(type, setup, null);
                if (problem != null)
                {
                    return IsSkip(problem) ? problem : new FixtureMethodException("[Setup] " + setup.Name + " threw: " + problem.Message, problem);
                }
            }

            Exception? failure = Invoke(type, method, arguments);
            foreach (MethodInfo cleanup in SharedTestDiscovery.MethodsWith(type, typeof(CleanupAttribute)))
            {
                Exception? problem = Invoke(type, cleanup, null);
                if (problem != null && failure == null)
                {
                    failure = new FixtureMethodException("[Cleanup] " + cleanup.Name + " threw: " + problem.Message, problem);
                }
            }

            return failure;
        }

        private static Exception? Invoke(Type type, MethodInfo method, object[]? arguments)
        {
            try
            {
                object? target = method.IsStatic ? null : Activator.CreateInstance(type);
                method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, arguments, CultureInfo.InvariantCulture);
                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        }

        // The launcher compares the type exactly; a subclass of SkipTestException is a failure there too.
        private static bool IsSkip(Exception exception)
        {
            return exception.GetType() == typeof(SkipTestException);
        }

        /// <summary>A [Setup] or [Cleanup] method failed; the inner exception is what it threw.</summary>
        public sealed class FixtureMethodException : Exception
        {
            /// <summary>Creates the wrapper.</summary>
            public FixtureMethodException(string message, Exception inner)
                : base(message, inner)
            {
            }
        }
    }
}
