// API surface of package nanoFramework.System.Threading 1.1.52 (docs/nanoframework.md §1.1, §1.2):
// cancellation only. No Task, no async. Dispose of the source and registration is not declared: the
// reference does not list it.

namespace System.Threading
{
    public struct CancellationTokenRegistration
    {
    }

    public struct CancellationToken
    {
        public bool IsCancellationRequested => throw null;
        public WaitHandle WaitHandle => throw null;
        public CancellationTokenRegistration Register(Action callback) => throw null;
        public void ThrowIfCancellationRequested() { }
    }

    public class CancellationTokenSource
    {
        public CancellationTokenSource() { }
        public CancellationTokenSource(int millisecondsDelay) { }
        public CancellationTokenSource(TimeSpan delay) { }
        public bool IsCancellationRequested => throw null;
        public CancellationToken Token => throw null;
        public void Cancel() { }
        public void CancelAfter(int millisecondsDelay) { }
        public void CancelAfter(TimeSpan delay) { }
    }
}

namespace System.Threading
{
    public class OperationCanceledException : SystemException
    {
        public OperationCanceledException() { }
        public OperationCanceledException(string message) { }
        public OperationCanceledException(string message, Exception innerException) { }
    }
}
