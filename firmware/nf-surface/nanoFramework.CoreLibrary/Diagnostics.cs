// System.Diagnostics of nanoFramework 1.17 mscorlib (docs/nanoframework.md §1.3): every Debug method is
// [Conditional("DEBUG")]; there is no Debug.Print. Stopwatch is in its own package.

namespace System.Diagnostics
{
    public static class Debug
    {
        [Conditional("DEBUG")]
        public static void Write(string message) { }

        [Conditional("DEBUG")]
        public static void WriteLine() { }

        [Conditional("DEBUG")]
        public static void WriteLine(string message) { }

        [Conditional("DEBUG")]
        public static void Assert(bool condition) { }

        [Conditional("DEBUG")]
        public static void Assert(bool condition, string message) { }

        [Conditional("DEBUG")]
        public static void Assert(bool condition, string message, string detailedMessage) { }
    }

    public static class Debugger
    {
        public static bool IsAttached => throw null;
        public static void Break() { }
    }
}
