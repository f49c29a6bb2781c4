using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using TestFrameworkShared;

namespace nanoFramework.TestFramework
{
    /// <summary>
    /// Host implementation of the nanoFramework.TestFramework 3.0 assertions used by the shared tests:
    /// the same overload set (so overload resolution picks the same method on both platforms), the same
    /// exact-type rule of <see cref="ThrowsException"/>, and a failure that throws
    /// <see cref="AssertFailedException"/> whose message names the assertion, the values and the caller's
    /// expression. The [Obsolete] xunit-style aliases of the device package are left out on purpose.
    /// </summary>
    public sealed partial class Assert
    {
        private Assert()
        {
        }

        /// <summary>Fails unless <paramref name="condition"/> holds.</summary>
        public static void IsTrue(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "")
        {
            if (!condition)
            {
                Fail("Assert.IsTrue", message);
            }
        }

        /// <summary>Fails if <paramref name="condition"/> holds.</summary>
        public static void IsFalse(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "")
        {
            if (condition)
            {
                Fail("Assert.IsFalse", message);
            }
        }

        /// <summary>Fails unless <paramref name="value"/> is null.</summary>
        public static void IsNull(object? value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value != null)
            {
                Fail("Assert.IsNull", message);
            }
        }

        /// <summary>Fails if <paramref name="value"/> is null.</summary>
        public static void IsNotNull([NotNull] object? value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value == null)
            {
                Fail("Assert.IsNotNull", message);
            }
        }

        /// <summary>Fails unless both refer to the same object.</summary>
        public static void AreSame(object? expected, object? actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!ReferenceEquals(expected, actual))
            {
                Fail("Assert.AreSame", message);
            }
        }

        /// <summary>Fails if both refer to the same object.</summary>
        public static void AreNotSame(object? notExpected, object? actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (ReferenceEquals(notExpected, actual))
            {
                Fail("Assert.AreNotSame", message);
            }
        }

        /// <summary>Fails unless <paramref name="value"/> is exactly of type <paramref name="expected"/>.</summary>
        public static void IsInstanceOfType(object? value, Type expected, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value == null || value.GetType() != expected)
            {
                Fail("Assert.IsInstanceOfType", "Expected type:<" + Show(expected) + ">. Actual type:<" + Show(value == null ? null : value.GetType()) + ">. " + message);
            }
        }

        /// <summary>Fails if <paramref name="value"/> is exactly of type <paramref name="notExpected"/>.</summary>
        public static void IsNotInstanceOfType(object? value, Type notExpected, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value != null && value.GetType() == notExpected)
            {
                Fail("Assert.IsNotInstanceOfType", "Wrong type:<" + Show(notExpected) + ">. " + message);
            }
        }

        /// <summary>
        /// Fails unless <paramref name="action"/> throws exactly <paramref name="exceptionType"/> (a derived
        /// type does not count, as on the device).
        /// </summary>
        public static void ThrowsException(Type exceptionType, Action action, [CallerArgumentExpression(nameof(action))] string message = "")
        {
            if (action == null)
            {
                throw new ArgumentNullException(nameof(action));
            }

            try
            {
                action();
            }
            catch (Exception ex)
            {
                if (ex.GetType() == exceptionType)
                {
                    return;
                }

                Fail("Assert.ThrowsException", "Threw " + ex.GetType().Name + " but " + exceptionType.Name + " was expected. " + message + " Exception message: " + ex.Message);
            }

            Fail("Assert.ThrowsException", "No exception thrown; " + exceptionType.Name + " was expected. " + message);
        }

        /// <summary>Fails unless <paramref name="value"/> contains <paramref name="expected"/>.</summary>
        public static void Contains(string? expected, string? value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (expected == null || value == null || value.IndexOf(expected, StringComparison.Ordinal) < 0)
            {
                Fail("Assert.Contains", Show(value) + " does not contain " + Show(expected) + ". " + message);
            }
        }

        /// <summary>Fails if <paramref name="value"/> contains <paramref name="expected"/>. (The device spells it so.)</summary>
        public static void DoesNotContains(string? expected, string? value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (expected == null || value == null || value.IndexOf(expected, StringComparison.Ordinal) >= 0)
            {
                Fail("Assert.DoesNotContains", Show(value) + " should not contain " + Show(expected) + ". " + message);
            }
        }

        /// <summary>Fails unless <paramref name="value"/> starts with <paramref name="expected"/>.</summary>
        public static void StartsWith(string? expected, string? value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (expected == null || value == null || !value.StartsWith(expected, StringComparison.Ordinal))
            {
                Fail("Assert.StartsWith", Show(value) + " does not start with " + Show(expected) + ". " + message);
            }
        }

        /// <summary>Fails unless <paramref name="value"/> ends with <paramref name="expected"/>.</summary>
        public static void EndsWith(string? expected, string? value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (expected == null || value == null || !value.EndsWith(expected, StringComparison.Ordinal))
            {
                Fail("Assert.EndsWith", Show(value) + " does not end with " + Show(expected) + ". " + message);
            }
        }

        /// <summary>Ends the test as skipped.</summary>
        [DoesNotReturn]
        public static void SkipTest(string? message = null)
        {
            throw new SkipTestException(message);
        }

        /// <summary>Throws the failure; shared by <see cref="CollectionAssert"/>.</summary>
        [DoesNotReturn]
        internal static void Fail(string assertion, string message)
        {
            throw new AssertFailedException(assertion + " failed. " + (message ?? string.Empty));
        }

        /// <summary>Formats a value for a failure message.</summary>
        internal static string Show(object? value)
        {
            if (value == null)
            {
                return "(null)";
            }

            string? text = value.ToString();
            return text == null ? "(object)" : text.Replace("\0", "\\0", StringComparison.Ordinal);
        }
    }
}
