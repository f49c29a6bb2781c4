// The complete list of exception types in nanoFramework 1.17 mscorlib, with their constructors
// (docs/nanoframework.md §1.4). There is no OverflowException, DivideByZeroException, ArithmeticException,
// KeyNotFoundException or AggregateException; Exception has no HResult and no Data.

using System.Runtime.CompilerServices;

namespace System
{
    public class Exception
    {
        public Exception() { }
        public Exception(string message) { }
        public Exception(string message, Exception innerException) { }
        public virtual string Message => throw null;
        public Exception InnerException => throw null;
        public virtual string StackTrace => throw null;
        public override string ToString() => throw null;
    }

    public class SystemException : Exception
    {
        public SystemException() { }
        public SystemException(string message) { }
        public SystemException(string message, Exception innerException) { }
    }

    public class ApplicationException : Exception
    {
        public ApplicationException() { }
        public ApplicationException(string message) { }
        public ApplicationException(string message, Exception innerException) { }
    }

    public class ArgumentException : SystemException
    {
        public ArgumentException() { }
        public ArgumentException(string message) { }
        public ArgumentException(string message, Exception innerException) { }
        public ArgumentException(string message, string paramName) { }
        public ArgumentException(string message, string paramName, Exception innerException) { }
        public virtual string ParamName => throw null;
        public static void ThrowIfNullOrEmpty(string argument, [CallerArgumentExpression("argument")] string paramName = null) { }
    }

    public class ArgumentNullException : ArgumentException
    {
        public ArgumentNullException() { }
        public ArgumentNullException(string paramName) { }
        public ArgumentNullException(string paramName, string message) { }
        public static void ThrowIfNull(object argument, [CallerArgumentExpression("argument")] string paramName = null) { }
    }

    // nanoFramework shape: (), (paramName), (paramName, message); no actual-value overload.
    public class ArgumentOutOfRangeException : ArgumentException
    {
        public ArgumentOutOfRangeException() { }
        public ArgumentOutOfRangeException(string paramName) { }
        public ArgumentOutOfRangeException(string paramName, string message) { }
    }

    public class IndexOutOfRangeException : SystemException
    {
        public IndexOutOfRangeException() { }
        public IndexOutOfRangeException(string message) { }
        public IndexOutOfRangeException(string message, Exception innerException) { }
    }

    public class InvalidCastException : SystemException
    {
        public InvalidCastException() { }
        public InvalidCastException(string message) { }
        public InvalidCastException(string message, Exception innerException) { }
    }

    public class InvalidOperationException : SystemException
    {
        public InvalidOperationException() { }
        public InvalidOperationException(string message) { }
        public InvalidOperationException(string message, Exception innerException) { }
    }

    public class NotImplementedException : SystemException
    {
        public NotImplementedException() { }
        public NotImplementedException(string message) { }
        public NotImplementedException(string message, Exception innerException) { }
    }

    public class NotSupportedException : SystemException
    {
        public NotSupportedException() { }
        public NotSupportedException(string message) { }
        public NotSupportedException(string message, Exception innerException) { }
    }

    // Only the parameterless constructor exists on nanoFramework.
    public class PlatformNotSupportedException : NotSupportedException
    {
        public PlatformNotSupportedException() { }
    }

    public class NullReferenceException : SystemException
    {
        public NullReferenceException() { }
        public NullReferenceException(string message) { }
        public NullReferenceException(string message, Exception innerException) { }
    }

    // nanoFramework shape: the 1-string constructor is the *message* (desktop: the object name), and there is a
    // parameterless one (desktop has none). Portable form: new ObjectDisposedException(nameof(X)).
    public class ObjectDisposedException : SystemException
    {
        public ObjectDisposedException() { }
        public ObjectDisposedException(string message) { }
        public ObjectDisposedException(string message, Exception innerException) { }
    }

    public class OutOfMemoryException : SystemException
    {
        public OutOfMemoryException() { }
        public OutOfMemoryException(string message) { }
        public OutOfMemoryException(string message, Exception innerException) { }
    }

    public class TimeoutException : SystemException
    {
        public TimeoutException() { }
        public TimeoutException(string message) { }
        public TimeoutException(string message, Exception innerException) { }
    }

    public class FormatException : SystemException
    {
        public FormatException() { }
        public FormatException(string message) { }
        public FormatException(string message, Exception innerException) { }
    }

    public class AppDomainUnloadedException : SystemException
    {
        public AppDomainUnloadedException() { }
        public AppDomainUnloadedException(string message) { }
        public AppDomainUnloadedException(string message, Exception innerException) { }
    }
}

namespace System.IO
{
    public class IOException : SystemException
    {
        public IOException() { }
        public IOException(string message) { }
        public IOException(string message, Exception innerException) { }
    }
}

namespace System.Threading
{
    // Thrown by the runtime only: no public constructor.
    public sealed class ThreadAbortException : SystemException
    {
        private ThreadAbortException() { }
    }
}
