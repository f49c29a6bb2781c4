using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace NfIcbmsg.Esp32.Tests
{
    /// <summary>
    /// Compiles device sources the way an .nfproj does (C# 9, NoStdLib, NANOFRAMEWORK_1_0) against the nanoFramework
    /// packages as the gate sees them: a package NuGet serves (surface.json "served": true, i.e. mscorlib) is its real
    /// assembly, restored by this project; the others are compiled from their hand-written surface in firmware/nf-surface.
    /// The result is a real PE image whose metadata (types, methods, InternalCall flags) is what the metadata
    /// processor would read.
    /// </summary>
    public static class DeviceCompiler
    {
        private static readonly CSharpParseOptions s_parse = new CSharpParseOptions(LanguageVersion.CSharp9)
            .WithPreprocessorSymbols("NANOFRAMEWORK_1_0");

        private static readonly Lazy<Dictionary<string, MetadataReference>> s_surfaces = new(BuildSurfaces);

        private static readonly Lazy<byte[]> s_esp32 = new(BuildEsp32);

        /// <summary>The compiled firmware/Esp32 assembly (NfIcbmsg.Esp32).</summary>
        public static byte[] Esp32Image => s_esp32.Value;

        /// <summary>Compiles source texts against the CoreLibrary surface only (for checks of the emulator itself).</summary>
        public static byte[] CompileAgainstCoreLibrary(string assemblyName, params string[] sources)
        {
            List<SyntaxTree> trees = sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, s_parse, "source" + i + ".cs")).ToList();
            return Compile(assemblyName, trees, new List<MetadataReference> { s_surfaces.Value["nanoFramework.CoreLibrary"] }).image;
        }

        /// <summary>Compile items of an .nfproj or .projitems, as full paths, in listed order.</summary>
        public static List<string> CompileItems(string projectFile)
        {
            XDocument doc = XDocument.Load(projectFile);
            string dir = Path.GetDirectoryName(Path.GetFullPath(projectFile))!;
            return doc.Descendants().Where(e => e.Name.LocalName == "Compile")
                .Select(e => Required(e, "Include", projectFile))
                .Select(p => p.Replace("$(MSBuildThisFileDirectory)", string.Empty).Replace('\\', Path.DirectorySeparatorChar))
                .Select(p => Path.GetFullPath(Path.Combine(dir, p)))
                .ToList();
        }

        /// <summary>Package ids in a packages.config.</summary>
        public static List<string> Packages(string packagesConfig) =>
            XDocument.Load(packagesConfig).Descendants("package").Select(e => Required(e, "id", packagesConfig)).ToList();

        private static byte[] BuildEsp32()
        {
            Dictionary<string, MetadataReference> surfaces = s_surfaces.Value;
            string projectDir = Path.GetDirectoryName(Path.GetFullPath(RepoPaths.Esp32Project))!;

            // The NfIcbmsg library: the portable protocol sources, against every surface the protocol may use.
            MetadataReference protocol = Compile("NfIcbmsg", CompileItems(RepoPaths.ProtocolItems), surfaces.Values.ToList()).reference;

            List<MetadataReference> references = new() { protocol };
            foreach (string package in Packages(Path.Combine(projectDir, "packages.config")))
            {
                if (!surfaces.TryGetValue(package, out MetadataReference? surface))
                {
                    throw new InvalidOperationException("no API surface for package " + package + " in firmware/nf-surface");
                }

                references.Add(surface);
            }

            string assemblyName = (string)XDocument.Load(RepoPaths.Esp32Project).Descendants()
                .First(e => e.Name.LocalName == "AssemblyName");
            return Compile(assemblyName, CompileItems(RepoPaths.Esp32Project), references).image;
        }

        private static Dictionary<string, MetadataReference> BuildSurfaces()
        {
            Dictionary<string, (string assembly, List<string> dependencies, string dir, string? served)> packages = new();
            foreach (string dir in Directory.GetDirectories(RepoPaths.Surfaces))
            {
                string manifest = Path.Combine(dir, "surface.json");
                if (!File.Exists(manifest))
                {
                    continue;
                }

                using JsonDocument json = JsonDocument.Parse(File.ReadAllText(manifest));
                string id = Required(json.RootElement, "package", manifest);
                string assembly = Required(json.RootElement, "assembly", manifest);
                List<string> deps = json.RootElement.GetProperty("dependencies").EnumerateArray().Select(d => d.GetString() ?? throw new InvalidOperationException(manifest + ": a dependency is null")).ToList();
                bool isServed = json.RootElement.TryGetProperty("served", out JsonElement served) && served.GetBoolean();
                string? real = isServed
                    ? Path.Combine(AppContext.BaseDirectory, "nf-packages", id, Required(json.RootElement, "version", manifest), assembly + ".dll")
                    : null;
                packages[id] = (assembly, deps, dir, real);
            }

            Dictionary<string, MetadataReference> built = new();
            void Build(string id)
            {
                if (built.ContainsKey(id))
                {
                    return;
                }

                (string assembly, List<string> deps, string dir, string? real) = packages[id];
                if (real != null)
                {
                    built[id] = MetadataReference.CreateFromFile(real);
                    return;
                }

                foreach (string dep in deps)
                {
                    Build(dep);
                }

                List<string> sources = Directory.GetFiles(dir, "*.cs", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal).ToList();
                built[id] = Compile(assembly, sources, deps.Select(d => built[d]).ToList()).reference;
            }

            foreach (string id in packages.Keys)
            {
                Build(id);
            }

            return built;
        }

        private static (MetadataReference reference, byte[] image) Compile(string assemblyName, List<string> sources, List<MetadataReference> references) =>
            Compile(assemblyName, sources.Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), s_parse, path)).ToList(), references);

        private static (MetadataReference reference, byte[] image) Compile(string assemblyName, List<SyntaxTree> trees, List<MetadataReference> references)
        {
            CSharpCompilation compilation = CSharpCompilation.Create(
                assemblyName,
                trees,
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
                    .WithNullableContextOptions(NullableContextOptions.Disable)
                    .WithAllowUnsafe(false)
                    .WithDeterministic(true)
                    .WithOptimizationLevel(OptimizationLevel.Release));

            using MemoryStream stream = new();
            EmitResult result = compilation.Emit(stream, options: new EmitOptions(runtimeMetadataVersion: "v4.0.30319"));
            if (!result.Success)
            {
                IEnumerable<string> errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20).Select(d => d.ToString());
                throw new InvalidOperationException("compiling " + assemblyName + " failed:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
            }

            byte[] image = stream.ToArray();
            return (MetadataReference.CreateFromImage(image), image);
        }

        private static string Required(XElement element, string attribute, string file)
        {
            return element.Attribute(attribute)?.Value ?? throw new InvalidOperationException($"{file}: <{element.Name.LocalName}> has no {attribute} attribute");
        }

        private static string Required(JsonElement json, string property, string file)
        {
            return json.GetProperty(property).GetString() ?? throw new InvalidOperationException($"{file}: \"{property}\" is null");
        }
    }
}
