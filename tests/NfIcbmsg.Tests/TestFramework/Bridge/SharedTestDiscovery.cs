using System;
using System.Collections.Generic;
using System.Reflection;
using nanoFramework.TestFramework;

namespace NfIcbmsg.Tests.Bridge
{
    /// <summary>
    /// Finds the shared tests the way nanoFramework's UnitTestLauncher does: classes carrying exactly
    /// [TestClass]; in them, every public method with [DataRow]s gives one case per row (a [TestMethod]
    /// beside them is ignored), every other public method with [TestMethod] gives one case.
    /// </summary>
    public static class SharedTestDiscovery
    {
        /// <summary>All shared tests of <paramref name="assembly"/>, except classes marked [ExcludedFromBridge].</summary>
        public static SharedTestCase[] Discover(Assembly assembly)
        {
            List<Type> types = new List<Type>();
            foreach (Type type in assembly.GetTypes())
            {
                if (type.IsClass && HasExactly(type.GetCustomAttributes(true), typeof(TestClassAttribute))
                    && type.GetCustomAttribute<ExcludedFromBridgeAttribute>() == null)
                {
                    types.Add(type);
                }
            }

            return Discover(types);
        }

        /// <summary>The cases of the given test classes, ordered by class and method name.</summary>
        public static SharedTestCase[] Discover(IEnumerable<Type> testClasses)
        {
            List<Type> types = new List<Type>(testClasses);
            types.Sort((a, b) => string.CompareOrdinal(a.FullName, b.FullName));
            List<SharedTestCase> cases = new List<SharedTestCase>();
            foreach (Type type in types)
            {
                MethodInfo[] methods = type.GetMethods();
                Array.Sort(methods, (a, b) => string.CompareOrdinal(a.Name, b.Name));
                foreach (MethodInfo method in methods)
                {
                    int rows = SharedTestCase.Rows(method).Length;
                    for (int row = 0; row < rows; row++)
                    {
                        cases.Add(new SharedTestCase(type, method, row));
                    }

                    if (rows == 0 && HasExactly(method.GetCustomAttributes(true), typeof(TestMethodAttribute)))
                    {
                        cases.Add(new SharedTestCase(type, method, -1));
                    }
                }
            }

            return cases.ToArray();
        }

        /// <summary>The public methods of <paramref name="type"/> carrying exactly <paramref name="attribute"/>.</summary>
        public static MethodInfo[] MethodsWith(Type type, Type attribute)
        {
            List<MethodInfo> found = new List<MethodInfo>();
            foreach (MethodInfo method in type.GetMethods())
            {
                if (HasExactly(method.GetCustomAttributes(true), attribute))
                {
                    found.Add(method);
                }
            }

            return found.ToArray();
        }

        // The launcher compares attribute types exactly, so a derived attribute does not count.
        private static bool HasExactly(object[] attributes, Type attribute)
        {
            foreach (object candidate in attributes)
            {
                if (candidate.GetType() == attribute)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
