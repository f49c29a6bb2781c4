using System;
using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace NfIcbmsg.Esp32.Tests.Mdp
{
    /// <summary>A type in a method signature, as much of it as the metadata processor's naming rules look at.</summary>
    public sealed class SigType
    {
        private SigType(string kind, string fullName, SigType? element, TypeDefinitionHandle definition)
        {
            Kind = kind;
            FullName = fullName;
            Element = element;
            Definition = definition;
        }

        /// <summary>"primitive", "array", "byref", "def" (defined in the module being processed) or "ref".</summary>
        public string Kind { get; }

        public string FullName { get; }

        public SigType? Element { get; }

        public TypeDefinitionHandle Definition { get; }

        public static SigType Primitive(string fullName) => new("primitive", fullName, null, default);

        public static SigType Array(SigType element) => new("array", element.FullName + "[]", element, default);

        public static SigType ByRef(SigType element) => new("byref", element.FullName + "&", element, default);

        public static SigType Def(string fullName, TypeDefinitionHandle handle) => new("def", fullName, null, handle);

        public static SigType Ref(string fullName) => new("ref", fullName, null, default);

        /// <summary>The element of an array or by-ref type (which always has one).</summary>
        public SigType ElementType => Element ?? throw new InvalidOperationException(FullName + " (" + Kind + ") has no element type");

        /// <summary>What Mono.Cecil's TypeReference.Resolve() lands on: arrays and by-refs resolve to their element.</summary>
        public SigType Resolved => Element == null ? this : Element.Resolved;

        public override string ToString() => FullName;
    }

    /// <summary>Decodes signatures into <see cref="SigType"/>.</summary>
    public sealed class SigTypeProvider : ISignatureTypeProvider<SigType, object?>
    {
        private readonly MetadataReader _reader;

        public SigTypeProvider(MetadataReader reader)
        {
            _reader = reader;
        }

        public SigType GetPrimitiveType(PrimitiveTypeCode typeCode) => SigType.Primitive("System." + typeCode switch
        {
            PrimitiveTypeCode.Void => "Void",
            PrimitiveTypeCode.Boolean => "Boolean",
            PrimitiveTypeCode.Char => "Char",
            PrimitiveTypeCode.SByte => "SByte",
            PrimitiveTypeCode.Byte => "Byte",
            PrimitiveTypeCode.Int16 => "Int16",
            PrimitiveTypeCode.UInt16 => "UInt16",
            PrimitiveTypeCode.Int32 => "Int32",
            PrimitiveTypeCode.UInt32 => "UInt32",
            PrimitiveTypeCode.Int64 => "Int64",
            PrimitiveTypeCode.UInt64 => "UInt64",
            PrimitiveTypeCode.Single => "Single",
            PrimitiveTypeCode.Double => "Double",
            PrimitiveTypeCode.String => "String",
            PrimitiveTypeCode.Object => "Object",
            PrimitiveTypeCode.IntPtr => "IntPtr",
            PrimitiveTypeCode.UIntPtr => "UIntPtr",
            PrimitiveTypeCode.TypedReference => "TypedReference",
            _ => throw new NotSupportedException(typeCode.ToString()),
        });

        public SigType GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
            SigType.Def(MdpNaming.FullName(reader, handle), handle);

        public SigType GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            TypeReference reference = reader.GetTypeReference(handle);
            string name = reader.GetString(reference.Name);
            string ns = reader.GetString(reference.Namespace);
            if (reference.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return SigType.Ref(GetTypeFromReference(reader, (TypeReferenceHandle)reference.ResolutionScope, 0).FullName + "/" + name);
            }

            return SigType.Ref(ns.Length == 0 ? name : ns + "." + name);
        }

        public SigType GetSZArrayType(SigType elementType) => SigType.Array(elementType);

        public SigType GetByReferenceType(SigType elementType) => SigType.ByRef(elementType);

        public SigType GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public SigType GetArrayType(SigType elementType, ArrayShape shape) => throw new NotSupportedException("multi-dimensional array");

        public SigType GetGenericInstantiation(SigType genericType, ImmutableArray<SigType> typeArguments) => throw new NotSupportedException("generic instance");

        public SigType GetGenericMethodParameter(object? genericContext, int index) => throw new NotSupportedException("generic parameter");

        public SigType GetGenericTypeParameter(object? genericContext, int index) => throw new NotSupportedException("generic parameter");

        public SigType GetFunctionPointerType(MethodSignature<SigType> signature) => throw new NotSupportedException("function pointer");

        public SigType GetModifiedType(SigType modifier, SigType unmodifiedType, bool isRequired) => unmodifiedType;

        public SigType GetPinnedType(SigType elementType) => elementType;

        public SigType GetPointerType(SigType elementType) => throw new NotSupportedException("pointer");
    }
}
