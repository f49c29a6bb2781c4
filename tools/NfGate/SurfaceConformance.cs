using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NfGate
{
    /// <summary>
    /// Checks a hand-written API surface against the package's real assembly: every public or protected type and
    /// member the surface declares must exist there with the same shape (containing type, kind, base type and
    /// interfaces, parameter types, ref kinds, defaults and <c>params</c>, return type, static, abstract/virtual, field
    /// constness and constant values, property accessors). Omissions are fine (a surface leaves things out on
    /// purpose); an extra or differently shaped declaration would let device code pass the gate and then fail on the
    /// device. `NfGate --conform DIR` runs it for every hand-written surface against the assemblies in DIR (nfclr's
    /// lib/, built from nanoFramework's sources), which tests/nfclr.sh does.
    /// </summary>
    public static class SurfaceConformance
    {
        // Fully qualified names without "global::", and System.String rather than string: the two assemblies are
        // compared by these strings.
        private static readonly SymbolDisplayFormat s_typeFormat = new(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.None);

        /// <summary>Compares every visible type of <paramref name="surface"/> with <paramref name="real"/>.</summary>
        public static Comparison Compare(IAssemblySymbol surface, IAssemblySymbol real, string package)
        {
            Comparison comparison = new Comparison(real, package);
            foreach (INamedTypeSymbol type in AllTypes(surface.GlobalNamespace).Where(IsVisible))
            {
                comparison.CompareType(type);
            }

            return comparison;
        }

        /// <summary>
        /// `NfGate --conform DIR`: each hand-written surface of <paramref name="surfaces"/> against DIR/&lt;assembly&gt;.dll.
        /// A package DIR has no assembly for is reported and not counted as a failure. Returns 0 when nothing differs.
        /// </summary>
        public static int Run(SurfaceCompiler surfaces, string directory, TextWriter output)
        {
            List<MetadataReference> realAssemblies = Directory.GetFiles(directory, "*.dll").Order(StringComparer.Ordinal)
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToList();
            CSharpCompilation realSet = CSharpCompilation.Create("real", references: realAssemblies);
            int failures = 0;
            foreach (SurfaceManifest manifest in surfaces.Manifests.Where(m => !m.Served))
            {
                string realPath = Path.Combine(directory, manifest.AssemblyName + ".dll");
                if (!File.Exists(realPath))
                {
                    output.WriteLine($"conform: {manifest.PackageId}: no {manifest.AssemblyName}.dll in {directory}, not checked");
                    continue;
                }

                MetadataReference? surfaceReference = surfaces.GetReference(manifest.PackageId);
                List<MetadataReference> references = surfaces.Manifests.Select(m => surfaces.GetReference(m.PackageId)).OfType<MetadataReference>().ToList();
                CSharpCompilation surfaceSet = CSharpCompilation.Create("surface", references: references);
                IAssemblySymbol? surface = surfaceReference == null ? null : (IAssemblySymbol?)surfaceSet.GetAssemblyOrModuleSymbol(surfaceReference);
                IAssemblySymbol? real = (IAssemblySymbol?)realSet.GetAssemblyOrModuleSymbol(realAssemblies.First(r => string.Equals(((PortableExecutableReference)r).FilePath, realPath, StringComparison.Ordinal)));
                if (surface == null || real == null)
                {
                    output.WriteLine($"conform: {manifest.PackageId}: the surface does not compile (run .ci/nf-gate)");
                    failures++;
                    continue;
                }

                Comparison comparison = Compare(surface, real, $"{manifest.AssemblyName}.dll of {directory}");
                output.WriteLine($"conform: {manifest.PackageId}: {comparison.Types} types, {comparison.Members} members, {comparison.Mismatches.Count} differ");
                foreach (string mismatch in comparison.Mismatches)
                {
                    output.WriteLine($"conform:   {mismatch}");
                }

                failures += comparison.Mismatches.Count;
            }

            return failures == 0 ? 0 : 1;
        }

        private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns)
        {
            foreach (INamedTypeSymbol type in ns.GetTypeMembers().SelectMany(WithNested))
            {
                yield return type;
            }

            foreach (INamespaceSymbol child in ns.GetNamespaceMembers())
            {
                foreach (INamedTypeSymbol type in AllTypes(child))
                {
                    yield return type;
                }
            }
        }

        private static IEnumerable<INamedTypeSymbol> WithNested(INamedTypeSymbol type) =>
            type.GetTypeMembers().SelectMany(WithNested).Prepend(type);

        // Public, or protected in a visible type: what device code can name.
        private static bool IsVisible(ISymbol symbol)
        {
            for (; symbol != null && symbol is not INamespaceSymbol; symbol = symbol.ContainingType)
            {
                if (symbol.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
                {
                    return false;
                }
            }

            return true;
        }

        private static string Access(ISymbol symbol) =>
            symbol.DeclaredAccessibility == Accessibility.Public ? "public" : IsVisible(symbol) ? "protected" : "not visible";

        private static string Name(ITypeSymbol type) => type.ToDisplayString(s_typeFormat);

        private static string MetadataName(INamedTypeSymbol type) =>
            type.ContainingType == null
                ? (type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString() + ".") + type.MetadataName
                : MetadataName(type.ContainingType) + "+" + type.MetadataName;

        /// <summary>What one comparison found: mismatches, one line each, and how much was compared.</summary>
        public sealed class Comparison(IAssemblySymbol real, string package)
        {
            public IAssemblySymbol Real { get; } = real;

            public string Package { get; } = package;

            public List<string> Mismatches { get; } = [];

            public int Types { get; private set; }

            public int Members { get; private set; }

            public void CompareType(INamedTypeSymbol ours)
            {
                Types++;
                string name = Name(ours);
                INamedTypeSymbol? theirs = Real.GetTypeByMetadataName(MetadataName(ours));
                if (theirs == null)
                {
                    Mismatch(name, $"not in {Package}");
                    return;
                }

                Differ(name, "is", Access(ours), Access(theirs));
                Differ(name, "is a", TypeShape(ours), TypeShape(theirs));
                Differ(name, "derives from", ours.BaseType == null ? "nothing" : Name(ours.BaseType), theirs.BaseType == null ? "nothing" : Name(theirs.BaseType));
                if (ours.TypeKind == TypeKind.Enum)
                {
                    Differ(name, "has underlying type", ours.EnumUnderlyingType == null ? "none" : Name(ours.EnumUnderlyingType), theirs.EnumUnderlyingType == null ? "none" : Name(theirs.EnumUnderlyingType));
                }

                HashSet<string> theirInterfaces = theirs.AllInterfaces.Select(Name).ToHashSet();
                foreach (string missing in ours.AllInterfaces.Select(Name).Where(i => !theirInterfaces.Contains(i)))
                {
                    Mismatch(name, $"does not implement {missing} in {Package}");
                }

                ILookup<string, ISymbol> theirMembers = theirs.GetMembers().Where(m => m is not INamedTypeSymbol && IsVisible(m)).ToLookup(Signature);
                foreach (ISymbol member in ours.GetMembers().Where(m => m is not INamedTypeSymbol && IsVisible(m)))
                {
                    Members++;
                    CompareMember(member, theirMembers[Signature(member)].ToList());
                }
            }

            private void CompareMember(ISymbol ours, List<ISymbol> candidates)
            {
                string name = Display(ours);
                if (candidates.Count == 0)
                {
                    Mismatch(name, $"not in {Package}");
                    return;
                }

                ISymbol theirs = candidates[0];
                Differ(name, "is", Access(ours), Access(theirs));
                Differ(name, "is", ours.IsStatic ? "static" : "an instance member", theirs.IsStatic ? "static" : "an instance member");
                Differ(name, "is", Modifiers(ours), Modifiers(theirs));
                switch (ours, theirs)
                {
                    case (IMethodSymbol m, IMethodSymbol t):
                        Differ(name, "returns", ReturnType(m), ReturnType(t));
                        Differ(name, "has parameters", Parameters(m.Parameters, withDefaults: true), Parameters(t.Parameters, withDefaults: true));
                        break;
                    case (IPropertySymbol p, IPropertySymbol t):
                        Differ(name, "has type", RefPrefix(p.RefKind) + Name(p.Type), RefPrefix(t.RefKind) + Name(t.Type));
                        Differ(name, "has parameters", Parameters(p.Parameters, withDefaults: true), Parameters(t.Parameters, withDefaults: true));
                        break;
                    case (IFieldSymbol f, IFieldSymbol t):
                        Differ(name, "has type", Name(f.Type), Name(t.Type));
                        Differ(name, "has value", ConstantValue(f), ConstantValue(t));
                        break;
                    case (IEventSymbol e, IEventSymbol t):
                        Differ(name, "has type", Name(e.Type), Name(t.Type));
                        break;
                }
            }

            private void Differ(string name, string what, string ours, string theirs)
            {
                if (ours != theirs)
                {
                    Mismatch(name, $"{what} {ours} here, but {theirs} in {Package}");
                }
            }

            private void Mismatch(string name, string problem) => Mismatches.Add($"{name}: {problem}");
        }

        // What identifies a member: its kind, metadata name (.ctor, op_Implicit, get_Chars), parameter types and ref
        // kinds, and for conversion operators the return type (they overload on it).
        private static string Signature(ISymbol member) => member switch
        {
            IMethodSymbol m => $"method {m.MetadataName}({Parameters(m.Parameters, withDefaults: false)})"
                + (m.MethodKind == MethodKind.Conversion ? " " + ReturnType(m) : ""),
            IPropertySymbol p => $"property {p.MetadataName}[{Parameters(p.Parameters, withDefaults: false)}]",
            _ => $"{member.Kind} {member.MetadataName}",
        };

        private static string Display(ISymbol member)
        {
            string container = Name(member.ContainingType);
            string prefix = member.IsStatic && member is not IFieldSymbol { IsConst: true } ? "static " : "";
            return member switch
            {
                IMethodSymbol m => $"{prefix}{ReturnType(m)} {container}.{m.MetadataName}({Parameters(m.Parameters, withDefaults: false)})",
                IPropertySymbol p => $"{prefix}{Name(p.Type)} {container}.{(p.IsIndexer ? $"this[{Parameters(p.Parameters, withDefaults: false)}]" : p.Name)}",
                IFieldSymbol f => $"{prefix}{(f.IsConst ? "const " : "")}{Name(f.Type)} {container}.{f.Name}",
                IEventSymbol e => $"{prefix}event {Name(e.Type)} {container}.{e.Name}",
                _ => $"{prefix}{container}.{member.MetadataName}",
            };
        }

        // Constants (and enum members) are compiled into device code, so their values must match too.
        private static string ConstantValue(IFieldSymbol field) => !field.HasConstantValue ? "none"
            : field.ConstantValue is char c ? ((int)c).ToString(CultureInfo.InvariantCulture)
            : Convert.ToString(field.ConstantValue, CultureInfo.InvariantCulture) ?? "null";

        private static string ReturnType(IMethodSymbol method) => RefPrefix(method.RefKind) + Name(method.ReturnType);

        private static string Parameters(IEnumerable<IParameterSymbol> parameters, bool withDefaults) =>
            string.Join(", ", parameters.Select(p =>
                (withDefaults && p.IsParams ? "params " : "") + RefPrefix(p.RefKind) + Name(p.Type)
                + (withDefaults && p.IsOptional ? " = " + (p.HasExplicitDefaultValue ? p.ExplicitDefaultValue ?? "null" : "?") : "")));

        private static string RefPrefix(RefKind kind) => kind switch
        {
            RefKind.None => "",
            RefKind.Ref => "ref ",
            RefKind.Out => "out ",
            RefKind.In => "in ",
            _ => kind.ToString().ToLowerInvariant() + " ",
        };

        // What decides how device code may use a member: whether it can be overridden, must be, or assigned.
        private static string Modifiers(ISymbol member)
        {
            List<string> modifiers = new List<string>();
            if (member.IsAbstract)
            {
                modifiers.Add("abstract");
            }
            else if ((member.IsVirtual || member.IsOverride) && !member.IsSealed && !member.ContainingType.IsSealed)
            {
                modifiers.Add("overridable");
            }

            if (member is IFieldSymbol field)
            {
                modifiers.Add(field.IsConst ? "const" : field.IsReadOnly ? "readonly" : "writable");
            }

            if (member is IPropertySymbol property)
            {
                modifiers.Add(property.GetMethod != null && IsVisible(property.GetMethod) ? "readable" : "write-only");
                if (property.SetMethod != null && IsVisible(property.SetMethod))
                {
                    modifiers.Add(property.SetMethod.IsInitOnly ? "init-only" : "writable");
                }
            }

            return modifiers.Count == 0 ? "plain" : string.Join(" ", modifiers);
        }

        private static string TypeShape(INamedTypeSymbol type)
        {
            string kind = type.TypeKind.ToString().ToLowerInvariant();
            if (type.TypeKind != TypeKind.Class)
            {
                return (type.IsRefLikeType ? "ref " : "") + (type.IsReadOnly ? "readonly " : "") + kind;
            }

            // A static class is abstract and sealed in metadata.
            return (type.IsStatic ? "static " : type.IsAbstract ? "abstract " : type.IsSealed ? "sealed " : "") + kind;
        }
    }
}
