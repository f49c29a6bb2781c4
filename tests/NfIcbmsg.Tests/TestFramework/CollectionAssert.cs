using System.Collections;

namespace nanoFramework.TestFramework
{
    /// <summary>Host implementation of the device package's collection assertions (element-wise, in order).</summary>
    public sealed class CollectionAssert
    {
        private CollectionAssert()
        {
        }

        /// <summary>Fails unless <paramref name="collection"/> is empty.</summary>
        public static void Empty(ICollection collection, string message = "")
        {
            if (collection == null || collection.Count != 0)
            {
                Assert.Fail("CollectionAssert.Empty", message);
            }
        }

        /// <summary>Fails if <paramref name="collection"/> is empty.</summary>
        public static void NotEmpty(ICollection collection, string message = "")
        {
            if (collection == null || collection.Count == 0)
            {
                Assert.Fail("CollectionAssert.NotEmpty", message);
            }
        }

        /// <summary>Fails unless both hold equal elements in the same order.</summary>
        public static void AreEqual(ICollection? expected, ICollection? actual, string message = "")
        {
            string? reason = Difference(expected, actual);
            if (reason != null)
            {
                Assert.Fail("CollectionAssert.AreEqual", message + "(" + reason + ")");
            }
        }

        /// <summary>Fails if both hold equal elements in the same order.</summary>
        public static void AreNotEqual(ICollection? notExpected, ICollection? actual, string message = "")
        {
            if (Difference(notExpected, actual) == null)
            {
                Assert.Fail("CollectionAssert.AreNotEqual", message + "(Both collections contain the same elements.)");
            }
        }

        // Null when equal, else why not.
        private static string? Difference(ICollection? expected, ICollection? actual)
        {
            if (ReferenceEquals(expected, actual))
            {
                return null;
            }

            if (expected == null || actual == null)
            {
                return "One collection is null.";
            }

            if (expected.Count != actual.Count)
            {
                return "Different number of elements: expected " + expected.Count + ", actual " + actual.Count + ".";
            }

            IEnumerator left = expected.GetEnumerator();
            IEnumerator right = actual.GetEnumerator();
            int index = 0;
            while (left.MoveNext() && right.MoveNext())
            {
                if (!Equals(left.Current, right.Current))
                {
                    return "Element at index " + index + " do not match. Expected:<" + Assert.Show(left.Current) + ">. Actual:<" + Assert.Show(right.Current) + ">.";
                }

                index++;
            }

            return null;
        }
    }
}
