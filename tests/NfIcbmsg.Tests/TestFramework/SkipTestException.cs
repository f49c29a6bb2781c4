using System;

namespace nanoFramework.TestFramework
{
    /// <summary>Thrown by <see cref="Assert.SkipTest"/>; the launcher and the bridge report the test as skipped.</summary>
    public class SkipTestException : Exception
    {
        /// <summary>Skip without a reason.</summary>
        public SkipTestException()
        {
        }

        /// <summary>Skip with a reason.</summary>
        public SkipTestException(string? message)
            : base(message)
        {
        }

        /// <summary>Skip with a reason and a cause.</summary>
        public SkipTestException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
