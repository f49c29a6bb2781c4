using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using NfIcbmsg.Esp32.Tests.Mdp;

namespace NfIcbmsg.Esp32.Tests
{
    /// <summary>Instance fields of a type, as the metadata processor numbers them in the generated header.</summary>
    public static class FieldReader
    {
        public static List<string> InstanceFields(byte[] image, string typeName)
        {
            using PEReader pe = new(new MemoryStream(image));
            MetadataReader reader = pe.GetMetadataReader();
            foreach (TypeDefinitionHandle handle in reader.TypeDefinitions)
            {
                TypeDefinition type = reader.GetTypeDefinition(handle);
                if (reader.GetString(type.Name) != typeName)
                {
                    continue;
                }

                if (type.BaseType.Kind != HandleKind.TypeReference ||
                    new SigTypeProvider(reader).GetTypeFromReference(reader, (TypeReferenceHandle)type.BaseType, 0).FullName != "System.Object")
                {
                    throw new NotSupportedException(typeName + ": field numbering after a base class is not emulated");
                }

                List<string> fields = new();
                foreach (FieldDefinitionHandle fieldHandle in type.GetFields())
                {
                    FieldDefinition field = reader.GetFieldDefinition(fieldHandle);
                    if ((field.Attributes & (FieldAttributes.Static | FieldAttributes.Literal)) == 0)
                    {
                        fields.Add(reader.GetString(field.Name));
                    }
                }

                return fields;
            }

            throw new InvalidOperationException(typeName + " not found");
        }
    }
}
