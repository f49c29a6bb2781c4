using System;
using System.Runtime.CompilerServices;

namespace nanoFramework.TestFramework
{
    // AreEqual / AreNotEqual for exactly the types the device package overloads (bool … ushort and object),
    // so that a call binds to the same overload on both platforms. object.Equals compares strings ordinally.
    public sealed partial class Assert
    {
        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(bool expected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckEqual(expected, actual, message);

        /// <summary>Fails if the values are equal.</summary>
        public static void AreNotEqual(bool notExpected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckNotEqual(notExpected, actual, message);

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(byte expected, byte actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckEqual(expected, actual, message);

        /// <summary>Fails if the values are equal.</summary>
        public static void AreNotEqual(byte notExpected, byte actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckNotEqual(notExpected, actual, message);

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(char expected, char actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckEqual(expected, actual, message);

        /// <summary>Fails if the values are equal.</summary>
        public static void AreNotEqual(char notExpected, char actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckNotEqual(notExpected, actual, message);

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(DateTime expected, DateTime actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckEqual(expected, actual, message);

        /// <summary>Fails if the values are equal.</summary>
        public static void AreNotEqual(DateTime notExpected, DateTime actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckNotEqual(notExpected, actual, message);

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(double expected, double actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckEqual(expected, actual, message);

        /// <summary>Fails if the values are equal.</summary>
        public static void AreNotEqual(double notExpected, double actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckNotEqual(notExpected, actual, message);

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(float expected, float actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckEqual(expected, actual, message);

        /// <summary>Fails if the values are equal.</summary>
        public static void AreNotEqual(float notExpected, float actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckNotEqual(notExpected, actual, message);

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(int expected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckEqual(expected, actual, message);

        /// <summary>Fails if the values are equal.</summary>
        public static void AreNotEqual(int notExpected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckNotEqual(notExpected, actual, message);

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(long expected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckEqual(expected, actual, message);

        /// <summary>Fails if the values are equal.</summary>
        public static void AreNotEqual(long notExpected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckNotEqual(notExpected, actual, message);

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(object? expected, object? actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckEqual(expected, actual, message);

        /// <summary>Fails if the values are equal.</summary>
        public static void AreNotEqual(object? notExpected, object? actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckNotEqual(notExpected, actual, message);

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(sbyte expected, sbyte actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckEqual(expected, actual, message);

        /// <summary>Fails if the values are equal.</summary>
        public static void AreNotEqual(sbyte notExpected, sbyte actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckNotEqual(notExpected, actual, message);

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(short expected, short actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckEqual(expected, actual, message);

        /// <summary>Fails if the values are equal.</summary>
        public static void AreNotEqual(short notExpected, short actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckNotEqual(notExpected, actual, message);

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(string? expected, string? actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckEqual(expected, actual, message);

        /// <summary>Fails if the values are equal.</summary>
        public static void AreNotEqual(string? notExpected, string? actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckNotEqual(notExpected, actual, message);

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(uint expected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckEqual(expected, actual, message);

        /// <summary>Fails if the values are equal.</summary>
        public static void AreNotEqual(uint notExpected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckNotEqual(notExpected, actual, message);

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(ulong expected, ulong actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckEqual(expected, actual, message);

        /// <summary>Fails if the values are equal.</summary>
        public static void AreNotEqual(ulong notExpected, ulong actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckNotEqual(notExpected, actual, message);

        /// <summary>Fails unless the values are equal.</summary>
        public static void AreEqual(ushort expected, ushort actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckEqual(expected, actual, message);

        /// <summary>Fails if the values are equal.</summary>
        public static void AreNotEqual(ushort notExpected, ushort actual, [CallerArgumentExpression(nameof(actual))] string message = "") => CheckNotEqual(notExpected, actual, message);

        private static void CheckEqual(object? expected, object? actual, string message)
        {
            if (!Equals(expected, actual))
            {
                Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. " + message);
            }
        }

        private static void CheckNotEqual(object? notExpected, object? actual, string message)
        {
            if (Equals(notExpected, actual))
            {
                Fail("Assert.AreNotEqual", "Expected any value except:<" + Show(notExpected) + ">. Actual:<" + Show(actual) + ">. " + message);
            }
        }
    }
}
