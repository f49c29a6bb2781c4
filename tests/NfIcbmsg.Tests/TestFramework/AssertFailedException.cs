using System;

// The device framework declares this type in the namespace TestFrameworkShared; it is kept there so
// that a shared test catching it compiles for both.
namespace TestFrameworkShared
{
    /// <summary>A failed assertion; its message says what was expected and what was found.</summary>
    public class AssertFailedException : Exception
    {
        /// <summary>A failure without a message.</summary>
        public AssertFailedException()
        {
        }

        /// <summary>A failure with a message.</summary>
        public AssertFailedException(string msg)
            : base(msg)
        {
        }

        /// <summary>A failure with a message and a cause.</summary>
        public AssertFailedException(string msg, Exception ex)
            : base(msg, ex)
        {
        }
    }
}
