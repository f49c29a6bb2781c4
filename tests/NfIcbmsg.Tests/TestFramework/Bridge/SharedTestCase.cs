using System;
using System.Reflection;
using System.Text;
using nanoFramework.TestFramework;
using Xunit.Abstractions;

namespace NfIcbmsg.Tests.Bridge
{
    /// <summary>
    /// One shared test as the device launcher would run it: a [TestMethod], or one [DataRow] of a method.
    /// Serializable, so that xunit lists every case on its own (discovery and execution may run in
    /// different processes; the case is found again by type, method and row number).
    /// </summary>
    public sealed class SharedTestCase : IXunitSerializable
    {
        /// <summary>For the xunit deserializer only.</summary>
        [Obsolete("Called by the xunit deserializer only.")]
        public SharedTestCase()
        {
        }

        /// <summary>A case for <paramref name="method"/>, with <paramref name="rowIndex"/> -1 for a plain [TestMethod].</summary>
        public SharedTestCase(Type type, MethodInfo method, int rowIndex)
        {
            TypeName = type.FullName ?? throw new ArgumentException(type + " has no full name", nameof(type));
            MethodName = method.Name;
            RowIndex = rowIndex;
            DisplayName = FormatName(type, method, rowIndex < 0 ? null : Rows(method)[rowIndex].MethodParameters);
        }

        /// <summary>Full name of the test class (in this assembly).</summary>
        public string TypeName { get; private set; } = string.Empty;

        /// <summary>Name of the test method.</summary>
        public string MethodName { get; private set; } = string.Empty;

        /// <summary>Index of the [DataRow] among the method's rows, -1 for a plain [TestMethod].</summary>
        public int RowIndex { get; private set; }

        /// <summary><c>Class.Method</c> or <c>Class.Method(arg, …)</c>.</summary>
        public string DisplayName { get; private set; } = string.Empty;

        /// <summary>The [DataRow] attributes of <paramref name="method"/>, in metadata order (stable for one build).</summary>
        public static DataRowAttribute[] Rows(MethodInfo method)
        {
            return (DataRowAttribute[])method.GetCustomAttributes(typeof(DataRowAttribute), false);
        }

        /// <summary>The test class.</summary>
        public Type ResolveType()
        {
            // throwOnError: true, so never null.
            return typeof(SharedTestCase).Assembly.GetType(TypeName, true)!;
        }

        /// <summary>The test method (public, static or instance, as the launcher finds it).</summary>
        public MethodInfo ResolveMethod()
        {
            MethodInfo? method = ResolveType().GetMethod(MethodName, BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance);
            if (method == null)
            {
                throw new InvalidOperationException("shared test " + DisplayName + " no longer exists; rediscover the tests");
            }

            return method;
        }

        /// <summary>The row's arguments, or null for a plain [TestMethod]; checks that the row is the one discovered.</summary>
        public object[]? ResolveArguments(MethodInfo method)
        {
            if (RowIndex < 0)
            {
                return null;
            }

            DataRowAttribute[] rows = Rows(method);
            object[]? arguments = RowIndex < rows.Length ? rows[RowIndex].MethodParameters : null;
            if (arguments == null || FormatName(ResolveType(), method, arguments) != DisplayName)
            {
                throw new InvalidOperationException("the data rows of " + DisplayName + " changed since discovery; rediscover the tests");
            }

            return arguments;
        }

        /// <inheritdoc />
        public void Deserialize(IXunitSerializationInfo info)
        {
            TypeName = info.GetValue<string>("type");
            MethodName = info.GetValue<string>("method");
            RowIndex = info.GetValue<int>("row");
            DisplayName = info.GetValue<string>("name");
        }

        /// <inheritdoc />
        public void Serialize(IXunitSerializationInfo info)
        {
            info.AddValue("type", TypeName);
            info.AddValue("method", MethodName);
            info.AddValue("row", RowIndex);
            info.AddValue("name", DisplayName);
        }

        /// <inheritdoc />
        public override string ToString()
        {
            return DisplayName;
        }

        private static string FormatName(Type type, MethodInfo method, object[]? arguments)
        {
            StringBuilder name = new StringBuilder(type.Name).Append('.').Append(method.Name);
            if (arguments == null)
            {
                return name.ToString();
            }

            name.Append('(');
            for (int i = 0; i < arguments.Length; i++)
            {
                if (i > 0)
                {
                    name.Append(", ");
                }

                object argument = arguments[i];
                if (argument is string text)
                {
                    name.Append('"').Append(text).Append('"');
                }
                else
                {
                    name.Append(argument == null ? "null" : Convert.ToString(argument, System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            return name.Append(')').ToString();
        }
    }
}
