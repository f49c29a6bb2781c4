// Threading in nanoFramework 1.17 mscorlib (docs/nanoframework.md §1.2).
// WaitHandle is not IDisposable and has no WaitOne(int)/WaitOne(TimeSpan); Monitor has Enter/Exit only;
// Interlocked has int overloads only; Thread has no Name, IsBackground or ParameterizedThreadStart.

namespace System.Threading
{
    public delegate void ThreadStart();

    public enum ThreadPriority
    {
        Lowest = 0,
        BelowNormal = 1,
        Normal = 2,
        AboveNormal = 3,
        Highest = 4,
    }

    [Flags]
    public enum ThreadState
    {
        Running = 0,
        StopRequested = 1,
        SuspendRequested = 2,
        Background = 4,
        Unstarted = 8,
        Stopped = 16,
        WaitSleepJoin = 32,
        Suspended = 64,
        AbortRequested = 128,
        Aborted = 256,
    }

    public sealed class Thread
    {
        public Thread(ThreadStart start) { }
        public static Thread CurrentThread => throw null;
        public ThreadPriority Priority { get => throw null; set { } }
        public int ManagedThreadId => throw null;
        public bool IsAlive => throw null;
        public ThreadState ThreadState => throw null;
        public void Start() { }
        public void Abort() { }
        public void Suspend() { }
        public void Resume() { }
        public void Join() { }
        public bool Join(int millisecondsTimeout) => throw null;
        public bool Join(TimeSpan timeout) => throw null;
        public static void Sleep(int millisecondsTimeout) { }
        public static void Sleep(TimeSpan timeout) { }
        public static void SpinWait(int iterations) { }
    }

    public delegate void TimerCallback(object state);

    public sealed class Timer : MarshalByRefObject, IDisposable
    {
        public Timer(TimerCallback callback, object state, int dueTime, int period) { }
        public Timer(TimerCallback callback, object state, TimeSpan dueTime, TimeSpan period) { }
        public bool Change(int dueTime, int period) => throw null;
        public bool Change(TimeSpan dueTime, TimeSpan period) => throw null;
        public void Dispose() { }
    }

    public static class Timeout
    {
        public const int Infinite = -1;
        public static readonly TimeSpan InfiniteTimeSpan;
    }

    public abstract class WaitHandle : MarshalByRefObject
    {
        public const int WaitTimeout = 0x102;
        protected WaitHandle() { }
        public virtual bool WaitOne() => throw null;
        public virtual bool WaitOne(int millisecondsTimeout, bool exitContext) => throw null;
        public static bool WaitAll(WaitHandle[] waitHandles) => throw null;
        public static bool WaitAll(WaitHandle[] waitHandles, int millisecondsTimeout, bool exitContext) => throw null;
        public static int WaitAny(WaitHandle[] waitHandles) => throw null;
        public static int WaitAny(WaitHandle[] waitHandles, int millisecondsTimeout, bool exitContext) => throw null;
    }

    public sealed class AutoResetEvent : WaitHandle
    {
        public AutoResetEvent(bool initialState) { }
        public bool Set() => throw null;
        public bool Reset() => throw null;
    }

    public sealed class ManualResetEvent : WaitHandle
    {
        public ManualResetEvent(bool initialState) { }
        public bool Set() => throw null;
        public bool Reset() => throw null;
    }

    public static class Monitor
    {
        public static void Enter(object obj) { }
        public static void Exit(object obj) { }
    }

    public static class Interlocked
    {
        public static int Increment(ref int location) => throw null;
        public static int Decrement(ref int location) => throw null;
        public static int Exchange(ref int location1, int value) => throw null;
        public static int CompareExchange(ref int location1, int value, int comparand) => throw null;
    }

    // Not the desktop shapes (desktop SpinUntil takes a Func<bool>): avoid in shared code.
    public struct SpinWait
    {
        public void SpinOnce() { }
        public static void SpinUntil(TimeSpan timeout) { }
        public static void SpinUntil(int millisecondsTimeout) { }
    }
}
