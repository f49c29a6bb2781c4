// API surface of package nanoFramework.TestFramework 3.0.80 (docs/nanoframework.md §2.5).
// Every Assert method except SkipTest takes a last `string message = ""` (filled by CallerArgumentExpression
// from C# 10 on; C# 9 callers get ""). No double-with-delta overload. The [Obsolete] old names (Equal, True,
// Throws, ...) are not declared, so using them fails the gate. The package also ships
// nanoFramework.UnitTestLauncher.exe (the device entry point), which has no API that tests call.

using System;
using System.Collections;
using System.Runtime.CompilerServices;

namespace nanoFramework.TestFramework
{
    [AttributeUsage(AttributeTargets.Class)]
    public class TestClassAttribute : Attribute
    {
        public TestClassAttribute() { }
    }

    [AttributeUsage(AttributeTargets.Method)]
    public class TestMethodAttribute : Attribute
    {
        public TestMethodAttribute() { }
    }

    [AttributeUsage(AttributeTargets.Method)]
    public class SetupAttribute : Attribute
    {
        public SetupAttribute() { }
    }

    [AttributeUsage(AttributeTargets.Method)]
    public class CleanupAttribute : Attribute
    {
        public CleanupAttribute() { }
    }

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public class DataRowAttribute : Attribute
    {
        public DataRowAttribute(params object[] methodParameters) { }
        public object[] MethodParameters => throw null;
    }

    public class SkipTestException : Exception
    {
        public SkipTestException(string message = null, Exception inner = null) { }
    }

    public sealed partial class Assert
    {
        private Assert() { }

        public static void AreEqual(bool expected, bool actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreNotEqual(bool notExpected, bool actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(byte expected, byte actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreNotEqual(byte notExpected, byte actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(char expected, char actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreNotEqual(char notExpected, char actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(DateTime expected, DateTime actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreNotEqual(DateTime notExpected, DateTime actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(double expected, double actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreNotEqual(double notExpected, double actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(float expected, float actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreNotEqual(float notExpected, float actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(int expected, int actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreNotEqual(int notExpected, int actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(long expected, long actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreNotEqual(long notExpected, long actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(object expected, object actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreNotEqual(object notExpected, object actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(sbyte expected, sbyte actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreNotEqual(sbyte notExpected, sbyte actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(short expected, short actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreNotEqual(short notExpected, short actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(string expected, string actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreNotEqual(string notExpected, string actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(uint expected, uint actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreNotEqual(uint notExpected, uint actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(ulong expected, ulong actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreNotEqual(ulong notExpected, ulong actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(ushort expected, ushort actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreNotEqual(ushort notExpected, ushort actual, [CallerArgumentExpression("actual")] string message = "") { }

        public static void IsTrue(bool condition, [CallerArgumentExpression("condition")] string message = "") { }
        public static void IsFalse(bool condition, [CallerArgumentExpression("condition")] string message = "") { }
        public static void IsNull(object value, [CallerArgumentExpression("value")] string message = "") { }
        public static void IsNotNull(object value, [CallerArgumentExpression("value")] string message = "") { }
        public static void AreSame(object expected, object actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreNotSame(object notExpected, object actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void IsInstanceOfType(object value, Type expectedType, [CallerArgumentExpression("value")] string message = "") { }
        public static void IsNotInstanceOfType(object value, Type wrongType, [CallerArgumentExpression("value")] string message = "") { }
        public static void ThrowsException(Type exception, Action action, [CallerArgumentExpression("action")] string message = "") { }
        public static void Contains(string expected, string value, [CallerArgumentExpression("value")] string message = "") { }
        public static void DoesNotContains(string expected, string value, [CallerArgumentExpression("value")] string message = "") { }
        public static void StartsWith(string expected, string value, [CallerArgumentExpression("value")] string message = "") { }
        public static void EndsWith(string expected, string value, [CallerArgumentExpression("value")] string message = "") { }
        public static void SkipTest(string message = null) { }
    }

    public sealed class CollectionAssert
    {
        private CollectionAssert() { }
        public static void Empty(ICollection collection, [CallerArgumentExpression("collection")] string message = "") { }
        public static void NotEmpty(ICollection collection, [CallerArgumentExpression("collection")] string message = "") { }
        public static void AreEqual(ICollection expected, ICollection actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreNotEqual(ICollection notExpected, ICollection actual, [CallerArgumentExpression("actual")] string message = "") { }
    }

    public static class TestExtensions
    {
        public static bool SequenceEqual(this Array a, Array b) => throw null;
    }

    public static class OutputHelper
    {
        public static void Write(string message) { }
        public static void WriteLine(string message) { }
    }
}

// The launcher's failure exception lives in the framework's shared namespace.
namespace TestFrameworkShared
{
    using System;

    public class AssertFailedException : Exception
    {
        public AssertFailedException() { }
        public AssertFailedException(string message) { }
        public AssertFailedException(string message, Exception inner) { }
    }
}
