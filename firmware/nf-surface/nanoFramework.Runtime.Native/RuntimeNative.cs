// API surface of package nanoFramework.Runtime.Native 1.7.11 (docs/nanoframework.md §2.1).

using System;

namespace nanoFramework.Runtime.Native
{
    // Clashes with System.GC: fully qualify it in device code.
    public static class GC
    {
        public static uint Run(bool compactHeap) => throw null;
        public static void EnableGCMessages(bool enable) { }
    }

    public delegate void RebootEventHandler();

    public enum RebootOption
    {
        NormalReboot = 0,
        EnterNanoBooter = 1,
        ClrOnly = 2,
        EnterProprietaryBooter = 8,
    }

    public class Power
    {
        public static event RebootEventHandler OnRebootEvent { add { } remove { } }
        public static void RebootDevice(RebootOption option = RebootOption.NormalReboot) { }
        public static void RebootDevice(int exeConstraintTimeout, RebootOption option = RebootOption.NormalReboot) { }
    }

    public static class SystemInfo
    {
        public enum FloatingPoint
        {
            None = 0,
            SinglePrecisionSoftware = 1,
            SinglePrecisionHardware = 2,
            DoublePrecisionSoftware = 3,
            DoublePrecisionHardware = 4,
        }

        public static Version Version => throw null;
        public static string OEMString => throw null;
        public static byte OEM => throw null;
        public static byte Model => throw null;
        public static ushort SKU => throw null;
        public static string TargetName => throw null;
        public static string Platform => throw null;
        public static FloatingPoint FloatingPointSupport => throw null;
    }

    // Install(-1, ...) uninstalls the constraint; a violation throws ConstraintException.
    public static class ExecutionConstraint
    {
        public static void Install(int timeoutMilliseconds, int priority) { }
    }

    public class ConstraintException : Exception
    {
        public ConstraintException() { }
    }

    public static class Rtc
    {
        public static bool SetSystemTime(DateTime time) => throw null;
    }
}

namespace System
{
    // mscorlib has no Environment class: TickCount64 (ms since boot, monotonic) comes from this package.
    public static partial class Environment
    {
        public static long TickCount64 => throw null;
    }
}
