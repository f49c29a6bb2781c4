using System;

namespace nanoFramework.TestFramework
{
    /// <summary>Host implementation of the device package's array comparison helper.</summary>
    public static class TestExtensions
    {
        /// <summary>True when both arrays have the same length and equal elements of the same types.</summary>
        public static bool SequenceEqual(this Array a, Array b)
        {
            if (a == null || b == null || a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                object? left = a.GetValue(i);
                object? right = b.GetValue(i);
                if (left == null || right == null)
                {
                    if (!ReferenceEquals(left, right))
                    {
                        return false;
                    }

                    continue;
                }

                if (left.GetType() != right.GetType() || !left.Equals(right))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
