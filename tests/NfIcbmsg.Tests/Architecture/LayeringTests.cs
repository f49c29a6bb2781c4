using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace NfIcbmsg.Tests.Architecture
{
    /// <summary>
    /// The protocol's layers only look down: every type a file of firmware/Protocol names (in a using,
    /// a base type, a signature or a body) is declared in its own layer or a lower one. A layer is a
    /// folder (the root's two files are layers of their own); the order below is the README's
    /// "Architecture" diagram, top first. The check compiles the sources with Roslyn and resolves every
    /// name, so a fully qualified name or an inherited member counts as much as a using.
    /// </summary>
    public sealed class LayeringTests
    {
        // Top first: a layer may use itself and every layer after it.
        private static readonly string[] s_layers =
        {
            "IpcService.cs",   // the factory: picks the backend for an InstanceConfig
            "Icbmsg",          // the ICBMsg backend
            "Icmsg",           // the ICMsg link (used by both backends) and the plain ICMsg backend
            "Ipc",             // the service API and the backends' base (Zephyr's ipc_service + backend ops)
            "Pbuf",            // the packet buffer ring
            "Diagnostics",     // statistics and reject reasons
            "Hal",             // the porting seams
            "Errno.cs",        // Zephyr's error numbers
        };

        [Fact]
        public void EveryProtocolFileUsesOnlyItsOwnOrLowerLayers()
        {
            List<string> violations = Violations(ProtocolFolder());
            Assert.True(violations.Count == 0, "layering violations:\n" + string.Join("\n", violations));
        }

        [Fact]
        public void TheCheckSeesAnUpwardReference()
        {
            // A copy of the protocol with a Pbuf file naming an Icbmsg type and a Hal file with a using of
            // Icmsg must be caught, and nothing else.
            string copy = Path.Combine(Path.GetTempPath(), "nf-layering-" + Guid.NewGuid().ToString("N"));
            try
            {
                CopyDirectory(ProtocolFolder(), copy);
                File.AppendAllText(Path.Combine(copy, "Pbuf", "Upward.cs"), "namespace NfIcbmsg.Pbuf { internal static class Upward { internal static int Size = NfIcbmsg.Icbmsg.RegionLayout.BlockHeaderSize; } }\n");
                File.AppendAllText(Path.Combine(copy, "Hal", "UpwardUsing.cs"), "using NfIcbmsg.Icmsg;\nnamespace NfIcbmsg.Hal { internal static class UpwardUsing { } }\n");
                List<string> violations = Violations(copy);
                Assert.Contains(violations, v => v.StartsWith("Pbuf/Upward.cs", StringComparison.Ordinal) && v.Contains("Icbmsg/RegionLayout.cs", StringComparison.Ordinal));
                Assert.Contains(violations, v => v.StartsWith("Hal/UpwardUsing.cs", StringComparison.Ordinal) && v.Contains("using NfIcbmsg.Icmsg", StringComparison.Ordinal));
                Assert.Equal(2, violations.Count);
            }
            finally
            {
                Directory.Delete(copy, true);
            }
        }

        private static List<string> Violations(string root)
        {
            List<SyntaxTree> trees = new List<SyntaxTree>();
            foreach (string file in Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (!relative.StartsWith("bin/", StringComparison.Ordinal) && !relative.StartsWith("obj/", StringComparison.Ordinal))
                {
                    trees.Add(CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: relative));
                }
            }

            IEnumerable<MetadataReference> references = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? throw new InvalidOperationException("the runtime lists no trusted platform assemblies"))
                .Split(Path.PathSeparator)
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
            CSharpCompilation compilation = CSharpCompilation.Create("Layering", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Diagnostic[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            Assert.True(errors.Length == 0, "the protocol does not compile: " + string.Join("\n", errors.Select(e => e.ToString())));

            SortedSet<string> violations = new SortedSet<string>(StringComparer.Ordinal);
            foreach (SyntaxTree tree in trees)
            {
                int user = LayerOf(tree.FilePath);
                SemanticModel model = compilation.GetSemanticModel(tree);
                foreach (Microsoft.CodeAnalysis.CSharp.Syntax.UsingDirectiveSyntax directive in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.UsingDirectiveSyntax>())
                {
                    // NfIcbmsg.X is folder X's namespace; the root namespace spans several layers and is
                    // judged type by type below.
                    string name = directive.Name == null ? string.Empty : directive.Name.ToString();
                    int used = name.StartsWith("NfIcbmsg.", StringComparison.Ordinal) ? Array.IndexOf(s_layers, name.Substring("NfIcbmsg.".Length)) : -1;
                    if (used >= 0 && used < user)
                    {
                        violations.Add(tree.FilePath + " (" + s_layers[user] + ") has using " + name + " (" + s_layers[used] + ", a higher layer)");
                    }
                }

                foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
                {
                    ISymbol? symbol = model.GetSymbolInfo(node).Symbol;
                    INamedTypeSymbol? type = symbol as INamedTypeSymbol ?? symbol?.ContainingType;
                    for (; type != null; type = type.ContainingType)
                    {
                        foreach (SyntaxReference declaration in type.OriginalDefinition.DeclaringSyntaxReferences)
                        {
                            int used = LayerOf(declaration.SyntaxTree.FilePath);
                            if (used < user)
                            {
                                violations.Add(tree.FilePath + " (" + s_layers[user] + ") uses " + type.Name + " of " + declaration.SyntaxTree.FilePath + " (" + s_layers[used] + ", a higher layer)");
                            }
                        }
                    }
                }
            }

            return violations.ToList();
        }

        private static int LayerOf(string relativePath)
        {
            int slash = relativePath.IndexOf('/');
            string layer = slash < 0 ? relativePath : relativePath.Substring(0, slash);
            int index = Array.IndexOf(s_layers, layer);
            if (index < 0)
            {
                throw new InvalidOperationException(relativePath + " is in no layer: add its folder to LayeringTests.Layers and to the README's architecture diagram");
            }

            return index;
        }

        private static void CopyDirectory(string from, string to)
        {
            foreach (string file in Directory.GetFiles(from, "*.cs", SearchOption.AllDirectories))
            {
                string target = Path.Combine(to, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        private static string ProtocolFolder()
        {
            DirectoryInfo? directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null)
            {
                string candidate = Path.Combine(directory.FullName, "firmware", "Protocol");
                if (File.Exists(Path.Combine(candidate, "NfIcbmsg.Protocol.projitems")))
                {
                    return candidate;
                }

                directory = directory.Parent;
            }

            throw new InvalidOperationException("firmware/Protocol not found above " + AppContext.BaseDirectory);
        }
    }
}
