// API surface of package nanoFramework.System.Diagnostics.Stopwatch 1.2.862 (docs/nanoframework.md §1.2).
// Built on DateTime.UtcNow ticks: Frequency = TimeSpan.TicksPerSecond, not high resolution.

namespace System.Diagnostics
{
    public class Stopwatch
    {
        public static readonly long Frequency;
        public static readonly bool IsHighResolution;

        public Stopwatch() { }
        public static Stopwatch StartNew() => throw null;
        public static long GetTimestamp() => throw null;
        public TimeSpan Elapsed => throw null;
        public long ElapsedMilliseconds => throw null;
        public long ElapsedTicks => throw null;
        public bool IsRunning => throw null;
        public void Start() { }
        public void Stop() { }
        public void Reset() { }
        public void Restart() { }
    }
}

namespace System.Device
{
    public static class DelayHelper
    {
        public static void Delay(TimeSpan time, bool allowThreadYield) { }
        public static void DelayMicroseconds(int microseconds, bool allowThreadYield) { }
        public static void DelayMilliseconds(int milliseconds, bool allowThreadYield) { }
    }
}
