using System;

// Host stand-ins for the attributes of nanoFramework.TestFramework 3.0 (same names, namespace and
// constructor shapes), so the shared tests compile unchanged for the device and for the host.
namespace nanoFramework.TestFramework
{
    /// <summary>Marks a class whose test methods the launcher (device) or the bridge (host) runs.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
    public class TestClassAttribute : Attribute
    {
    }

    /// <summary>Marks a parameterless test method.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class TestMethodAttribute : Attribute
    {
    }

    /// <summary>
    /// Runs before the tests. On the device: once per class, before all its tests. On the host: before
    /// every test case (see SharedTestRunner). Shared tests must not depend on either.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class SetupAttribute : Attribute
    {
    }

    /// <summary>Runs after the tests: once per class on the device, after every test case on the host.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class CleanupAttribute : Attribute
    {
    }

    /// <summary>One invocation of the method with these arguments; a [TestMethod] beside it is then ignored, as on the device.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public class DataRowAttribute : Attribute
    {
        /// <summary>Creates a row; like the device framework, a null or empty row is refused.</summary>
        public DataRowAttribute(params object[] methodParameters)
        {
            if (methodParameters == null)
            {
                throw new ArgumentNullException(nameof(methodParameters));
            }

            if (methodParameters.Length == 0)
            {
                throw new ArgumentException("a data row needs at least one argument", nameof(methodParameters));
            }

            MethodParameters = methodParameters;
        }

        /// <summary>The arguments passed to the test method.</summary>
        public object[] MethodParameters { get; }
    }
}
