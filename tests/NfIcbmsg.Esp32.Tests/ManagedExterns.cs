using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NfIcbmsg.Esp32.Tests
{
    /// <summary>An extern method declaration as written in the C# source.</summary>
    public sealed record ManagedExtern(
        string TypeName,
        string Name,
        bool IsStatic,
        bool IsPrivate,
        bool IsInternalCall,
        bool InNativeRegion,
        string ReturnType,
        IReadOnlyList<string> ParameterTypes,
        string File);

    /// <summary>Reads the extern declarations of the device sources with Roslyn's syntax tree (no compilation).</summary>
    public static class ManagedExterns
    {
        public static List<ManagedExtern> Read(IEnumerable<string> files)
        {
            List<ManagedExtern> result = new();
            CSharpParseOptions options = new CSharpParseOptions(LanguageVersion.CSharp9).WithPreprocessorSymbols("NANOFRAMEWORK_1_0");
            foreach (string file in files)
            {
                SyntaxTree tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), options, file);
                SyntaxNode root = tree.GetRoot();
                foreach (MethodDeclarationSyntax method in root.DescendantNodes().OfType<MethodDeclarationSyntax>())
                {
                    if (!method.Modifiers.Any(SyntaxKind.ExternKeyword))
                    {
                        continue;
                    }

                    bool internalCall = method.AttributeLists.SelectMany(l => l.Attributes)
                        .Any(a => a.Name.ToString().EndsWith("MethodImpl") &&
                                  a.ArgumentList != null &&
                                  a.ArgumentList.Arguments.Any(arg => arg.ToString().Contains("InternalCall")));

                    result.Add(new ManagedExtern(
                        ((TypeDeclarationSyntax)method.Parent!).Identifier.Text,
                        method.Identifier.Text,
                        method.Modifiers.Any(SyntaxKind.StaticKeyword),
                        method.Modifiers.Any(SyntaxKind.PrivateKeyword),
                        internalCall,
                        InNativeRegion(root, method.SpanStart),
                        method.ReturnType.ToString(),
                        method.ParameterList.Parameters.Select(p => p.Type?.ToString() ?? string.Empty).ToList(),
                        file));
                }
            }

            return result;
        }

        private static bool InNativeRegion(SyntaxNode root, int position)
        {
            // The innermost #region opened before the position and not yet closed must be "native calls".
            Stack<string> open = new();
            foreach (SyntaxTrivia trivia in root.DescendantTrivia())
            {
                if (trivia.SpanStart >= position)
                {
                    break;
                }

                if (trivia.IsKind(SyntaxKind.RegionDirectiveTrivia))
                {
                    open.Push(((RegionDirectiveTriviaSyntax)trivia.GetStructure()!).EndOfDirectiveToken.LeadingTrivia.ToString().Trim());
                }
                else if (trivia.IsKind(SyntaxKind.EndRegionDirectiveTrivia) && open.Count > 0)
                {
                    open.Pop();
                }
            }

            return open.Count > 0 && open.Peek() == "native calls";
        }
    }
}
