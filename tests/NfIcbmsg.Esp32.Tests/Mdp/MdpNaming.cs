using System;
using System.Collections.Generic;
using System.Reflection.Metadata;

namespace NfIcbmsg.Esp32.Tests.Mdp
{
    /// <summary>
    /// The metadata processor's names (MetadataProcessor.Shared/Utility/NativeMethodsCrc.cs and
    /// Extensions/TypeReferenceExtensions.cs): class names, method names with the signature encoded, and the C++
    /// types of the generated user stubs and marshalling calls. Only the types an interop signature of this
    /// project can use are mapped; anything else throws, so that a new type is noticed rather than misnamed.
    /// </summary>
    public static class MdpNaming
    {
        // nanoSignaturesTable.PrimitiveTypes, as NativeMethodsCrc.GetnanoClrTypeName names them.
        private static readonly Dictionary<string, string> s_clrTypeNames = new(StringComparer.Ordinal)
        {
            ["System.Void"] = "VOID",
            ["System.Boolean"] = "BOOLEAN",
            ["System.Char"] = "CHAR",
            ["System.SByte"] = "I1",
            ["System.Byte"] = "U1",
            ["System.Int16"] = "I2",
            ["System.UInt16"] = "U2",
            ["System.Int32"] = "I4",
            ["System.UInt32"] = "U4",
            ["System.Int64"] = "I8",
            ["System.UInt64"] = "U8",
            ["System.Single"] = "R4",
            ["System.Double"] = "R8",
            ["System.String"] = "STRING",
            ["System.Object"] = "OBJECT",
        };

        // TypeReferenceExtensions.ToNativeTypeAsString.
        private static readonly Dictionary<string, string> s_nativeTypes = new(StringComparer.Ordinal)
        {
            ["System.Void"] = "void",
            ["System.Boolean"] = "bool",
            ["System.Char"] = "char",
            ["System.SByte"] = "int8_t",
            ["System.Byte"] = "uint8_t",
            ["System.Int16"] = "int16_t",
            ["System.UInt16"] = "uint16_t",
            ["System.Int32"] = "signed int",
            ["System.UInt32"] = "unsigned int",
            ["System.Int64"] = "int64_t",
            ["System.UInt64"] = "uint64_t",
            ["System.Single"] = "float",
            ["System.Double"] = "double",
            ["System.String"] = "const char*",
        };

        // TypeReferenceExtensions.ToCLRTypeAsString (Interop_Marshal_<X>, SetResult_<X>, _ARRAY suffix).
        private static readonly Dictionary<string, string> s_marshalTypes = new(StringComparer.Ordinal)
        {
            ["System.Void"] = "void",
            ["System.Boolean"] = "bool",
            ["System.Char"] = "CHAR",
            ["System.SByte"] = "INT8",
            ["System.Byte"] = "UINT8",
            ["System.Int16"] = "INT16",
            ["System.UInt16"] = "UINT16",
            ["System.Int32"] = "INT32",
            ["System.UInt32"] = "UINT32",
            ["System.Int64"] = "INT64",
            ["System.UInt64"] = "UINT64",
            ["System.Single"] = "float",
            ["System.Double"] = "double",
            ["System.String"] = "LPCSTR",
        };

        /// <summary>Mono.Cecil's TypeDefinition.FullName: "Namespace.Name", nested "Outer/Inner".</summary>
        public static string FullName(MetadataReader reader, TypeDefinitionHandle handle)
        {
            TypeDefinition type = reader.GetTypeDefinition(handle);
            string name = reader.GetString(type.Name);
            TypeDefinitionHandle declaring = type.GetDeclaringType();
            if (!declaring.IsNil)
            {
                return FullName(reader, declaring) + "/" + name;
            }

            string ns = reader.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        /// <summary>NativeMethodsCrc.GetClassName: declaring classes, namespace and name joined by '_', dots replaced.</summary>
        public static string ClassName(MetadataReader reader, TypeDefinitionHandle handle)
        {
            if (handle.IsNil)
            {
                return string.Empty;
            }

            TypeDefinition type = reader.GetTypeDefinition(handle);
            string joined = string.Join("_", ClassName(reader, type.GetDeclaringType()), reader.GetString(type.Namespace), reader.GetString(type.Name));
            return joined.Replace(".", "_").TrimStart('_');
        }

        /// <summary>NativeMethodsCrc.GetMethodName: Name___STATIC__RET__ARG1__ARG2 (instance methods: Name___RET__...).</summary>
        public static string MethodName(string name, bool isStatic, SigType returnType, IReadOnlyList<SigType> parameters)
        {
            List<string> parts = new() { ParameterType(returnType) };
            foreach (SigType parameter in parameters)
            {
                parts.Add(ParameterType(parameter));
            }

            string full = name + (isStatic ? "___STATIC__" : "___") + string.Join("__", parts);
            return full.Replace(".", "_").Replace("/", "");
        }

        /// <summary>C++ type of a parameter or return value in the user stub (ToNativeTypeAsString).</summary>
        public static string NativeType(SigType type)
        {
            if (type.Kind == "array")
            {
                return "CLR_RT_TypedArray_" + MarshalType(type.ElementType);
            }

            if (type.Kind == "byref")
            {
                return NativeType(type.ElementType) + "&";
            }

            return s_nativeTypes.TryGetValue(type.FullName, out string? native) ? native : throw Unsupported(type);
        }

        /// <summary>Name part of Interop_Marshal_X / SetResult_X (ToCLRTypeAsString).</summary>
        public static string MarshalType(SigType type)
        {
            if (type.Kind == "array")
            {
                return MarshalType(type.ElementType) + "_ARRAY";
            }

            if (type.Kind == "byref")
            {
                return MarshalType(type.ElementType);
            }

            return s_marshalTypes.TryGetValue(type.FullName, out string? clr) ? clr : throw Unsupported(type);
        }

        private static string ParameterType(SigType type)
        {
            if (type.Kind == "array")
            {
                return "SZARRAY_" + ParameterType(type.ElementType);
            }

            if (type.Kind == "byref")
            {
                return type.ElementType.Kind == "array"
                    ? "BYREF_SZARRAY_" + ParameterType(type.ElementType.ElementType)
                    : "BYREF_" + ClrTypeName(type.ElementType);
            }

            return ClrTypeName(type);
        }

        private static string ClrTypeName(SigType type) =>
            s_clrTypeNames.TryGetValue(type.FullName, out string? name) ? name : type.FullName.Replace(".", string.Empty);

        private static NotSupportedException Unsupported(SigType type) =>
            new("interop type " + type.FullName + " is not mapped by this check; add it from TypeReferenceExtensions");
    }
}
