using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace NfIcbmsg.Esp32.Tests.Mdp
{
    /// <summary>One InternalCall method as the metadata processor generates it.</summary>
    public sealed record NativeMethod(
        string ClassName,
        string TypeName,
        string Name,
        string EncodedName,
        bool IsStatic,
        SigType ReturnType,
        IReadOnlyList<SigType> Parameters)
    {
        /// <summary>Library_&lt;project&gt;_&lt;class&gt;::&lt;encoded name&gt;.</summary>
        public string Declaration(string project) => "Library_" + project + "_" + ClassName + "::" + EncodedName;
    }

    /// <summary>
    /// What the metadata processor would write into &lt;project&gt;.cpp, plus the native methods in order, every type in
    /// processing order, and the types left in the assembly (the ones with rows) after excluded ones are removed.
    /// </summary>
    public sealed record MdpResult(
        string AssemblyName,
        Version NativeVersion,
        uint Checksum,
        IReadOnlyList<string> LookupTable,
        IReadOnlyList<NativeMethod> NativeMethods,
        IReadOnlyList<string> TypeOrder,
        IReadOnlyList<string> TableTypes);

    /// <summary>
    /// Re-does, over System.Reflection.Metadata, the parts of the nanoFramework metadata processor that fix the
    /// interop contract (MetadataProcessor.Shared, read for this: nanoTablesContext.GetOrderedTypes /
    /// SortTypesAccordingUsages / GetOrderedMethods, nanoSkeletonGenerator.GenerateAssemblyLookup,
    /// NativeMethodsCrc.UpdateCrc, TypeDefinitionExtensions.IncludeInStub):
    /// <list type="bullet">
    /// <item>types: sorted by full name, then each type after its declaring type, the interfaces it implements and
    /// the module's types that appear as return or parameter types of the methods it calls;</item>
    /// <item>methods of a type: virtual ones first, then other instance methods, then static ones, each group in
    /// metadata order;</item>
    /// <item>excluded classes (the build's NFMDP_PE_ExcludeClassByName items, the processor's own defaults such as
    /// ThisAssembly, and classes marked [ExcludeType]) are removed from the assembly when it is minimized
    /// (nanoAssemblyBuilder.Minimize, TypeDefinitionExtensions.IsToExclude: full name, short name or declaring
    /// type), so they take no rows at all;</item>
    /// <item>lookup table: one row per method of every remaining type that has methods; a native row for a method
    /// without IL body that is not abstract in a class or struct (not a delegate, not an interface), NULL
    /// otherwise;</item>
    /// <item>checksum: CRC-32 chained over the assembly name, class name and method name of each native method and
    /// "NULL" for every other method of the included, non-excluded classes, with the processor's quirk that the
    /// running value reads as 0 until the first native method has been counted.</item>
    /// </list>
    /// Not emulated: the processor keeps an excluded class that a kept class still uses (its dependency walk puts
    /// it back); <see cref="Process"/> refuses such an exclusion rather than guess the table.
    /// </summary>
    public static class MdpEmulator
    {
        private static readonly Dictionary<short, OpCode> s_opCodes = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(o => o.Value);

        public static MdpResult Process(byte[] image, IReadOnlyCollection<string> excludedClasses, string skeletonProjectName)
        {
            using PEReader pe = new(new MemoryStream(image));
            MetadataReader reader = pe.GetMetadataReader();
            SigTypeProvider provider = new(reader);

            List<TypeDefinitionHandle> types = OrderTypes(reader, pe, provider);
            string assemblyName = reader.GetString(reader.GetAssemblyDefinition().Name);
            List<string> exclusions = Exclusions(reader, excludedClasses);
            HashSet<TypeDefinitionHandle> removed = types.Where(t => IsToExclude(reader, t, exclusions)).ToHashSet();
            RefuseExclusionsStillInUse(reader, pe, provider, types, removed);

            List<string> table = new();
            List<NativeMethod> natives = new();
            uint crc = 0;
            int nativeCount = 0;
            byte[] nullBytes = Encoding.ASCII.GetBytes("NULL");
            byte[] nameBytes = Encoding.ASCII.GetBytes(assemblyName);

            foreach (TypeDefinitionHandle handle in types)
            {
                TypeDefinition type = reader.GetTypeDefinition(handle);
                List<MethodDefinitionHandle> methods = OrderMethods(reader, type);
                bool included = IncludeInStub(reader, type);
                string fullName = MdpNaming.FullName(reader, handle);
                TypeDefinitionHandle declaring = type.GetDeclaringType();

                // The checksum is computed before minimizing and skips by full name or declaring type only
                // (NativeMethodsCrc.IsClassToExclude); the table is laid out after minimizing, without removed types.
                bool excluded = exclusions.Contains(fullName) ||
                    (!declaring.IsNil && exclusions.Contains(MdpNaming.FullName(reader, declaring)));
                bool inTable = !removed.Contains(handle);
                string className = MdpNaming.ClassName(reader, handle);

                foreach (MethodDefinitionHandle methodHandle in methods)
                {
                    MethodDefinition method = reader.GetMethodDefinition(methodHandle);
                    bool isNative = method.RelativeVirtualAddress == 0 && (method.Attributes & MethodAttributes.Abstract) == 0;

                    // Lookup table (nanoSkeletonGenerator.GenerateAssemblyLookup): every type with methods that is left
                    // in the assembly. A removed type has no row; the checksum below still sees it unless it is excluded
                    // by full name.
                    NativeMethod? native = null;
                    bool countsAsNative = included && isNative;
                    if (inTable && countsAsNative)
                    {
                        native = Describe(reader, provider, type, method, className);
                        natives.Add(native);
                        table.Add(native.Declaration(skeletonProjectName));
                    }
                    else if (inTable)
                    {
                        table.Add("NULL");
                    }

                    // Checksum (NativeMethodsCrc.UpdateCrc): included and not excluded types only.
                    if (included && !excluded)
                    {
                        uint current = nativeCount > 0 ? crc : 0;
                        if (countsAsNative)
                        {
                            native ??= Describe(reader, provider, type, method, className);
                            crc = MdpCrc32.Compute(nameBytes, current);
                            current = nativeCount > 0 ? crc : 0;
                            crc = MdpCrc32.Compute(Encoding.ASCII.GetBytes(className), current);
                            current = nativeCount > 0 ? crc : 0;
                            crc = MdpCrc32.Compute(Encoding.ASCII.GetBytes(native.EncodedName), current);
                            nativeCount++;
                        }
                        else
                        {
                            crc = MdpCrc32.Compute(nullBytes, current);
                        }
                    }
                }
            }

            return new MdpResult(
                assemblyName,
                NativeVersion(reader),
                nativeCount > 0 ? crc : 0,
                table,
                natives,
                types.Select(t => MdpNaming.FullName(reader, t)).ToList(),
                types.Where(t => !removed.Contains(t)).Select(t => MdpNaming.FullName(reader, t)).ToList());
        }

        private static NativeMethod Describe(MetadataReader reader, SigTypeProvider provider, TypeDefinition type, MethodDefinition method, string className)
        {
            MethodSignature<SigType> signature = method.DecodeSignature(provider, null);
            bool isStatic = (method.Attributes & MethodAttributes.Static) != 0;
            string name = reader.GetString(method.Name);
            return new NativeMethod(
                className,
                reader.GetString(type.Name),
                name,
                MdpNaming.MethodName(name, isStatic, signature.ReturnType, signature.ParameterTypes),
                isStatic,
                signature.ReturnType,
                signature.ParameterTypes);
        }

        /// <summary>
        /// The processor's exclusion list: the build's, its defaults (nanoTablesContext.SetDefaultTypesToExclude) and
        /// every type marked [ExcludeType] (ProcessTypesToExclude).
        /// </summary>
        private static List<string> Exclusions(MetadataReader reader, IReadOnlyCollection<string> excludedClasses)
        {
            List<string> exclusions = excludedClasses.ToList();
            exclusions.Add("ThisAssembly");
            exclusions.Add("System.Runtime.CompilerServices.RefSafetyRulesAttribute");
            exclusions.Add("System.Runtime.CompilerServices.AccessedThroughPropertyAttribute");
            foreach (TypeDefinitionHandle handle in reader.TypeDefinitions)
            {
                foreach (CustomAttributeHandle attributeHandle in reader.GetTypeDefinition(handle).GetCustomAttributes())
                {
                    if (AttributeTypeName(reader, reader.GetCustomAttribute(attributeHandle)) == "System.Runtime.CompilerServices.ExcludeTypeAttribute")
                    {
                        exclusions.Add(MdpNaming.FullName(reader, handle));
                    }
                }
            }

            return exclusions;
        }

        /// <summary>TypeDefinitionExtensions.IsToExclude: full name, short name, or the declaring type's full name.</summary>
        private static bool IsToExclude(MetadataReader reader, TypeDefinitionHandle handle, List<string> exclusions)
        {
            TypeDefinition type = reader.GetTypeDefinition(handle);
            TypeDefinitionHandle declaring = type.GetDeclaringType();
            return exclusions.Contains(MdpNaming.FullName(reader, handle)) ||
                exclusions.Contains(reader.GetString(type.Name)) ||
                (!declaring.IsNil && exclusions.Contains(MdpNaming.FullName(reader, declaring)));
        }

        private static void RefuseExclusionsStillInUse(
            MetadataReader reader,
            PEReader pe,
            SigTypeProvider provider,
            List<TypeDefinitionHandle> types,
            HashSet<TypeDefinitionHandle> removed)
        {
            foreach (TypeDefinitionHandle kept in types.Where(t => !removed.Contains(t)))
            {
                foreach (TypeDefinitionHandle used in UsedDefinitions(reader, pe, provider, kept))
                {
                    if (removed.Contains(used))
                    {
                        throw new NotSupportedException(
                            MdpNaming.FullName(reader, used) + " is excluded but " + MdpNaming.FullName(reader, kept) +
                            " uses it; the processor would keep it, which this emulation does not model");
                    }
                }
            }
        }

        /// <summary>Types of this module a type uses: base, interfaces, field and method signatures, IL operands.</summary>
        private static IEnumerable<TypeDefinitionHandle> UsedDefinitions(MetadataReader reader, PEReader pe, SigTypeProvider provider, TypeDefinitionHandle handle)
        {
            TypeDefinition type = reader.GetTypeDefinition(handle);
            List<SigType> used = new();
            if (type.BaseType.Kind == HandleKind.TypeDefinition)
            {
                yield return (TypeDefinitionHandle)type.BaseType;
            }

            foreach (InterfaceImplementationHandle implementation in type.GetInterfaceImplementations())
            {
                EntityHandle itf = reader.GetInterfaceImplementation(implementation).Interface;
                if (itf.Kind == HandleKind.TypeDefinition)
                {
                    yield return (TypeDefinitionHandle)itf;
                }
            }

            foreach (FieldDefinitionHandle field in type.GetFields())
            {
                used.Add(reader.GetFieldDefinition(field).DecodeSignature(provider, null));
            }

            foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
            {
                MethodDefinition method = reader.GetMethodDefinition(methodHandle);
                used.AddRange(TypesList(method.DecodeSignature(provider, null)));
                if (method.RelativeVirtualAddress == 0)
                {
                    continue;
                }

                foreach (EntityHandle token in Operands(pe, method))
                {
                    switch (token.Kind)
                    {
                        case HandleKind.TypeDefinition:
                            yield return (TypeDefinitionHandle)token;
                            break;
                        case HandleKind.MethodDefinition:
                            yield return reader.GetMethodDefinition((MethodDefinitionHandle)token).GetDeclaringType();
                            break;
                        case HandleKind.FieldDefinition:
                            FieldDefinition field = reader.GetFieldDefinition((FieldDefinitionHandle)token);
                            yield return field.GetDeclaringType();
                            used.Add(field.DecodeSignature(provider, null));
                            break;
                    }

                    MethodSignature<SigType>? signature = SignatureOf(reader, provider, token);
                    if (signature.HasValue)
                    {
                        used.AddRange(TypesList(signature.Value));
                    }
                }
            }

            foreach (SigType sig in used)
            {
                if (sig.Resolved.Kind == "def")
                {
                    yield return sig.Resolved.Definition;
                }
            }
        }

        private static string AttributeTypeName(MetadataReader reader, CustomAttribute attribute)
        {
            EntityHandle parent = attribute.Constructor.Kind switch
            {
                HandleKind.MemberReference => reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent,
                HandleKind.MethodDefinition => reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType(),
                _ => default,
            };
            return parent.Kind switch
            {
                HandleKind.TypeReference => new SigTypeProvider(reader).GetTypeFromReference(reader, (TypeReferenceHandle)parent, 0).FullName,
                HandleKind.TypeDefinition => MdpNaming.FullName(reader, (TypeDefinitionHandle)parent),
                _ => string.Empty,
            };
        }

        private static Version NativeVersion(MetadataReader reader)
        {
            foreach (CustomAttributeHandle handle in reader.GetAssemblyDefinition().GetCustomAttributes())
            {
                CustomAttribute attribute = reader.GetCustomAttribute(handle);
                if (attribute.Constructor.Kind != HandleKind.MemberReference)
                {
                    continue;
                }

                MemberReference ctor = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
                if (ctor.Parent.Kind != HandleKind.TypeReference)
                {
                    continue;
                }

                TypeReference attributeType = reader.GetTypeReference((TypeReferenceHandle)ctor.Parent);
                if (reader.GetString(attributeType.Name) == "AssemblyNativeVersionAttribute")
                {
                    CustomAttributeValue<SigType> value = attribute.DecodeValue(new AttributeTypeProvider());
                    return new Version(value.FixedArguments[0].Value as string ?? throw new InvalidOperationException("AssemblyNativeVersion without a version string"));
                }
            }

            throw new InvalidOperationException("Missing AssemblyNativeVersionAttribute (the metadata processor refuses such an interop assembly)");
        }

        /// <summary>TypeDefinitionExtensions.IncludeInStub: classes and value types, not delegates.</summary>
        private static bool IncludeInStub(MetadataReader reader, TypeDefinition type)
        {
            if ((type.Attributes & TypeAttributes.Interface) != 0)
            {
                return false;
            }

            string baseName = BaseTypeName(reader, type);
            return baseName != "System.Delegate" && baseName != "System.MulticastDelegate" && baseName != "System.Enum";
        }

        private static string BaseTypeName(MetadataReader reader, TypeDefinition type)
        {
            EntityHandle baseType = type.BaseType;
            if (baseType.IsNil)
            {
                return string.Empty;
            }

            return baseType.Kind switch
            {
                HandleKind.TypeReference => new SigTypeProvider(reader).GetTypeFromReference(reader, (TypeReferenceHandle)baseType, 0).FullName,
                HandleKind.TypeDefinition => MdpNaming.FullName(reader, (TypeDefinitionHandle)baseType),
                _ => string.Empty,
            };
        }

        /// <summary>nanoTablesContext.GetOrderedMethods: virtual, then other instance, then static.</summary>
        private static List<MethodDefinitionHandle> OrderMethods(MetadataReader reader, TypeDefinition type)
        {
            List<MethodDefinitionHandle> all = type.GetMethods().ToList();
            bool IsVirtual(MethodDefinitionHandle h) => (reader.GetMethodDefinition(h).Attributes & MethodAttributes.Virtual) != 0;
            bool IsStatic(MethodDefinitionHandle h) => (reader.GetMethodDefinition(h).Attributes & MethodAttributes.Static) != 0;
            return all.Where(IsVirtual)
                .Concat(all.Where(h => !(IsVirtual(h) || IsStatic(h))))
                .Concat(all.Where(IsStatic))
                .ToList();
        }

        /// <summary>nanoTablesContext.GetOrderedTypes without an explicit order: SortTypesAccordingUsages.</summary>
        private static List<TypeDefinitionHandle> OrderTypes(MetadataReader reader, PEReader pe, SigTypeProvider provider)
        {
            List<TypeDefinitionHandle> types = reader.TypeDefinitions
                .Where(h => MdpNaming.FullName(reader, h) != "<Module>")
                .OrderBy(h => MdpNaming.FullName(reader, h), StringComparer.Ordinal)
                .ToList();

            List<TypeDefinitionHandle> result = new();
            HashSet<TypeDefinitionHandle> processed = new();
            foreach (TypeDefinitionHandle type in types)
            {
                Visit(reader, pe, provider, type, processed, result);
            }

            return result;
        }

        private static void Visit(
            MetadataReader reader,
            PEReader pe,
            SigTypeProvider provider,
            TypeDefinitionHandle handle,
            HashSet<TypeDefinitionHandle> processed,
            List<TypeDefinitionHandle> result)
        {
            if (processed.Contains(handle))
            {
                return;
            }

            TypeDefinition type = reader.GetTypeDefinition(handle);
            if (!type.GetDeclaringType().IsNil)
            {
                Visit(reader, pe, provider, type.GetDeclaringType(), processed, result);
            }

            foreach (InterfaceImplementationHandle implementation in type.GetInterfaceImplementations())
            {
                EntityHandle itf = reader.GetInterfaceImplementation(implementation).Interface;
                if (itf.Kind == HandleKind.TypeDefinition)
                {
                    Visit(reader, pe, provider, (TypeDefinitionHandle)itf, processed, result);
                }
            }

            if (processed.Add(handle))
            {
                foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
                {
                    MethodDefinition method = reader.GetMethodDefinition(methodHandle);
                    if (method.RelativeVirtualAddress == 0)
                    {
                        continue;
                    }

                    foreach (MethodSignature<SigType> called in CalledMethods(reader, pe, provider, method))
                    {
                        foreach (SigType used in TypesList(called))
                        {
                            SigType resolved = used.Resolved;
                            if (resolved.Kind == "def")
                            {
                                Visit(reader, pe, provider, resolved.Definition, processed, result);
                            }
                        }
                    }
                }

                result.Add(handle);
            }
        }

        /// <summary>nanoTablesContext.GetTypesList: the return type unless void, then every parameter type.</summary>
        private static IEnumerable<SigType> TypesList(MethodSignature<SigType> signature)
        {
            if (signature.ReturnType.FullName != "System.Void")
            {
                yield return signature.ReturnType;
            }

            foreach (SigType parameter in signature.ParameterTypes)
            {
                yield return parameter;
            }
        }

        /// <summary>Signatures of every method operand (call, callvirt, newobj, ldftn, ldvirtftn, ldtoken of a method) in the body.</summary>
        private static IEnumerable<MethodSignature<SigType>> CalledMethods(MetadataReader reader, PEReader pe, SigTypeProvider provider, MethodDefinition method)
        {
            foreach (EntityHandle token in Operands(pe, method, OperandType.InlineMethod, OperandType.InlineTok))
            {
                MethodSignature<SigType>? signature = SignatureOf(reader, provider, token);
                if (signature.HasValue)
                {
                    yield return signature.Value;
                }
            }
        }

        /// <summary>Metadata-token operands of the body (all kinds, or only the given operand types).</summary>
        private static IEnumerable<EntityHandle> Operands(PEReader pe, MethodDefinition method, params OperandType[] only)
        {
            BlobReader il = pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader();
            while (il.RemainingBytes > 0)
            {
                short value = il.ReadByte();
                if (value == 0xFE)
                {
                    value = unchecked((short)(0xFE00 | il.ReadByte()));
                }

                OpCode opCode = s_opCodes[value];
                switch (opCode.OperandType)
                {
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineVar:
                        il.Offset += 1;
                        break;
                    case OperandType.InlineVar:
                        il.Offset += 2;
                        break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR:
                        il.Offset += 8;
                        break;
                    case OperandType.InlineSwitch:
                        int count = il.ReadInt32();
                        il.Offset += 4 * count;
                        break;
                    case OperandType.InlineMethod:
                    case OperandType.InlineTok:
                    case OperandType.InlineField:
                    case OperandType.InlineType:
                        EntityHandle token = MetadataTokens.EntityHandle(il.ReadInt32());
                        if (only.Length == 0 || only.Contains(opCode.OperandType))
                        {
                            yield return token;
                        }

                        break;
                    default:
                        il.Offset += 4;
                        break;
                }
            }
        }

        private static MethodSignature<SigType>? SignatureOf(MetadataReader reader, SigTypeProvider provider, EntityHandle token)
        {
            switch (token.Kind)
            {
                case HandleKind.MethodDefinition:
                    return reader.GetMethodDefinition((MethodDefinitionHandle)token).DecodeSignature(provider, null);
                case HandleKind.MemberReference:
                    MemberReference member = reader.GetMemberReference((MemberReferenceHandle)token);
                    return member.GetKind() == MemberReferenceKind.Method ? member.DecodeMethodSignature(provider, null) : null;
                case HandleKind.MethodSpecification:
                    return SignatureOf(reader, provider, reader.GetMethodSpecification((MethodSpecificationHandle)token).Method);
                default:
                    return null;
            }
        }

        /// <summary>Enough of an attribute type provider to read a string argument.</summary>
        private sealed class AttributeTypeProvider : ICustomAttributeTypeProvider<SigType>
        {
            public SigType GetPrimitiveType(PrimitiveTypeCode typeCode) => SigType.Primitive(typeCode.ToString());

            public SigType GetSystemType() => SigType.Ref("System.Type");

            public SigType GetSZArrayType(SigType elementType) => SigType.Array(elementType);

            public SigType GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => SigType.Def(MdpNaming.FullName(reader, handle), handle);

            public SigType GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => SigType.Ref(reader.GetString(reader.GetTypeReference(handle).Name));

            public SigType GetTypeFromSerializedName(string name) => SigType.Ref(name);

            public PrimitiveTypeCode GetUnderlyingEnumType(SigType type) => throw new NotSupportedException();

            public bool IsSystemType(SigType type) => type.FullName == "System.Type";
        }
    }
}
