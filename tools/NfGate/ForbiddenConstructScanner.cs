using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NfGate
{
    /// <summary>
    /// Finds constructs in a project's own sources that nanoFramework 1.17 cannot run, including those that compile:
    /// generics crash the runtime (mscorlib 1.17 declares Action&lt;T&gt;, Func&lt;&gt;, EventHandler&lt;T&gt;),
    /// [,] arrays are rejected by the metadata processor, `checked` silently wraps, Math.Max(long, long) binds to
    /// float (docs/nanoframework.md §1, §9). The trees are parsed with the project's symbols, so code in
    /// `#if !NANOFRAMEWORK_1_0` is not scanned.
    /// </summary>
    public sealed class ForbiddenConstructScanner : CSharpSyntaxWalker
    {
        private static readonly HashSet<string> s_linqOperators = new(StringComparer.Ordinal)
        {
            "Aggregate", "All", "Any", "AsEnumerable", "Average", "Cast", "Concat", "Contains", "Count", "DefaultIfEmpty",
            "Distinct", "ElementAt", "ElementAtOrDefault", "Except", "First", "FirstOrDefault", "GroupBy", "GroupJoin",
            "Intersect", "Join", "Last", "LastOrDefault", "LongCount", "Max", "Min", "OfType", "OrderBy", "OrderByDescending",
            "Reverse", "Select", "SelectMany", "SequenceEqual", "Single", "SingleOrDefault", "Skip", "SkipWhile", "Sum",
            "Take", "TakeWhile", "ThenBy", "ThenByDescending", "ToArray", "ToDictionary", "ToList", "ToLookup", "Union",
            "Where", "Zip",
        };

        private static readonly HashSet<string> s_mathOverloadedByFloat = new(StringComparer.Ordinal) { "Abs", "Max", "Min" };

        private readonly SemanticModel _model;
        private readonly List<GateDiagnostic> _diagnostics;
        private readonly bool _importsLinq;

        private ForbiddenConstructScanner(SemanticModel model, List<GateDiagnostic> diagnostics)
            : base(SyntaxWalkerDepth.Token)
        {
            _model = model;
            _diagnostics = diagnostics;
            _importsLinq = model.SyntaxTree.GetRoot().DescendantNodes().OfType<UsingDirectiveSyntax>().Any(IsLinqUsing);
        }

        public static void Scan(CSharpCompilation compilation, List<GateDiagnostic> diagnostics)
        {
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                new ForbiddenConstructScanner(compilation.GetSemanticModel(tree), diagnostics).Visit(tree.GetRoot());
            }
        }

        public override void VisitToken(SyntaxToken token)
        {
            switch (token.Kind())
            {
                case SyntaxKind.AsyncKeyword:
                case SyntaxKind.AwaitKeyword:
                    Report(token, RuleIds.AsyncAwait, $"'{token.Text}': nanoFramework 1.17 has no Task and no async machinery; use a thread and a wait handle");
                    break;
                case SyntaxKind.UnsafeKeyword:
                    Report(token, RuleIds.Unsafe, "'unsafe': the metadata processor rejects pointer types; shared memory goes through native interop with byte[] arguments");
                    break;
                case SyntaxKind.FixedKeyword:
                    Report(token, RuleIds.Unsafe, "'fixed': pins memory for pointers, which nanoFramework does not support");
                    break;
                case SyntaxKind.StackAllocKeyword:
                    Report(token, RuleIds.StackAlloc, "'stackalloc': the interpreter does not implement IL localloc; use a preallocated byte[]");
                    break;
                case SyntaxKind.YieldKeyword:
                    Report(token, RuleIds.Iterator, $"'{token.Text} {token.GetNextToken().Text}': iterators need the generic IEnumerable<T>/IEnumerator<T>; return an array or write an IEnumerator class");
                    break;
                case SyntaxKind.VolatileKeyword:
                    Report(token, RuleIds.Volatile, "'volatile' does not compile against mscorlib 1.17 (no IsVolatile); use lock or Interlocked");
                    break;
                case SyntaxKind.DecimalKeyword:
                    Report(token, RuleIds.Decimal, "'decimal' does not exist on nanoFramework 1.17; use long (scaled) or double");
                    break;
                case SyntaxKind.NumericLiteralToken when token.Value is decimal:
                    Report(token, RuleIds.Decimal, $"decimal literal '{token.Text}': decimal does not exist on nanoFramework 1.17");
                    break;
                case SyntaxKind.RecordKeyword:
                    Report(token, RuleIds.Record, "'record': records need generic IEquatable<T> and EqualityComparer<T>; write a class");
                    break;
                case SyntaxKind.CheckedKeyword:
                    // Rejected rather than warned: the device ignores it (add.ovf runs as add, docs/nanoframework.md §9), so a range check
                    // that relies on OverflowException silently passes wrapped values from the peer.
                    Report(token, RuleIds.Checked, "'checked' is ignored on nanoFramework (overflow wraps, no OverflowException); check ranges explicitly");
                    break;
            }
        }

        public override void VisitTypeParameterList(TypeParameterListSyntax node)
        {
            SyntaxToken name = node.Parent switch
            {
                BaseTypeDeclarationSyntax type => type.Identifier,
                DelegateDeclarationSyntax @delegate => @delegate.Identifier,
                MethodDeclarationSyntax method => method.Identifier,
                LocalFunctionStatementSyntax function => function.Identifier,
                _ => node.LessThanToken,
            };
            Report(name, RuleIds.GenericDeclaration, $"generic declaration '{name.Text}{node}': the nanoFramework 1.17 runtime crashes on generics (docs/nanoframework.md §9); use object or a non-generic type");
            base.VisitTypeParameterList(node);
        }

        public override void VisitGenericName(GenericNameSyntax node)
        {
            Report(node, RuleIds.GenericUse, $"generic type or method '{node}': nanoFramework 1.17 has no generics (the runtime crashes on them, docs/nanoframework.md §9); use arrays, ArrayList, Hashtable or your own non-generic types and delegates");
            base.VisitGenericName(node);
        }

        public override void VisitQueryExpression(QueryExpressionSyntax node)
        {
            Report(node, RuleIds.Linq, "query expression: there is no LINQ on nanoFramework; write the loop");
            base.VisitQueryExpression(node);
        }

        public override void VisitUsingDirective(UsingDirectiveSyntax node)
        {
            if (IsLinqUsing(node))
            {
                Report(node.Name ?? (SyntaxNode)node, RuleIds.Linq, $"'using {node.Name}': there is no System.Linq on nanoFramework; wrap desktop-only code in #if !NANOFRAMEWORK_1_0");
            }

            base.VisitUsingDirective(node);
        }

        public override void VisitInvocationExpression(InvocationExpressionSyntax node)
        {
            ISymbol? symbol = _model.GetSymbolInfo(node).Symbol;
            if (symbol is IMethodSymbol method)
            {
                CheckLinqMethod(node, method);
                CheckMathOverload(node, method);
            }
            else if (_importsLinq && node.Expression is MemberAccessExpressionSyntax { Name: var name } && s_linqOperators.Contains(name.Identifier.Text))
            {
                // Nothing binds because System.Linq does not exist here: with `using System.Linq` in the file,
                // an unbound operator name is the LINQ call the author meant.
                Report(name, RuleIds.Linq, $"'.{name.Identifier.Text}(...)' is a LINQ call: there is no LINQ on nanoFramework; write the loop");
            }

            base.VisitInvocationExpression(node);
        }

        public override void VisitTupleType(TupleTypeSyntax node)
        {
            Report(node, RuleIds.Tuple, $"tuple type '{node}': ValueTuple does not exist on nanoFramework 1.17; use out parameters or a small class");
            base.VisitTupleType(node);
        }

        public override void VisitTupleExpression(TupleExpressionSyntax node)
        {
            Report(node, RuleIds.Tuple, $"tuple '{node}': ValueTuple does not exist on nanoFramework 1.17; use out parameters or a small class");
            base.VisitTupleExpression(node);
        }

        public override void VisitNullableType(NullableTypeSyntax node)
        {
            // `string?` is an annotation and fine; `int?` needs Nullable<T>, which does not exist.
            ITypeSymbol? element = _model.GetTypeInfo(node.ElementType).Type;
            if (element is { IsValueType: true })
            {
                Report(node, RuleIds.NullableValueType, $"nullable value type '{node}': Nullable<T> does not exist on nanoFramework 1.17; use a flag or a sentinel value");
            }

            base.VisitNullableType(node);
        }

        public override void VisitArrayRankSpecifier(ArrayRankSpecifierSyntax node)
        {
            if (node.Rank > 1)
            {
                Report(node, RuleIds.MultiDimensionalArray, $"multi-dimensional array '{node}': it compiles, but the metadata processor rejects it; use a jagged array or index a 1-D array");
            }

            base.VisitArrayRankSpecifier(node);
        }

        public override void VisitPointerType(PointerTypeSyntax node)
        {
            Report(node, RuleIds.Unsafe, $"pointer type '{node}': the metadata processor rejects pointer types");
            base.VisitPointerType(node);
        }

        public override void VisitFunctionPointerType(FunctionPointerTypeSyntax node)
        {
            Report(node, RuleIds.Unsafe, "function pointer: the interpreter does not implement calli");
            base.VisitFunctionPointerType(node);
        }

        public override void VisitRangeExpression(RangeExpressionSyntax node)
        {
            Report(node, RuleIds.RangeIndex, $"range '{node}': System.Range does not exist on nanoFramework 1.17; pass start and length");
            base.VisitRangeExpression(node);
        }

        public override void VisitPrefixUnaryExpression(PrefixUnaryExpressionSyntax node)
        {
            if (node.IsKind(SyntaxKind.IndexExpression))
            {
                Report(node, RuleIds.RangeIndex, $"index from end '{node}': System.Index does not exist on nanoFramework 1.17; use Length - n");
            }

            base.VisitPrefixUnaryExpression(node);
        }

        public override void VisitAnonymousObjectCreationExpression(AnonymousObjectCreationExpressionSyntax node)
        {
            Report(node, RuleIds.AnonymousType, "anonymous type: the compiler makes it a generic class, which nanoFramework 1.17 cannot run; declare a class");
            base.VisitAnonymousObjectCreationExpression(node);
        }

        public override void VisitIdentifierName(IdentifierNameSyntax node)
        {
            if (node.Identifier.Text == "dynamic" && _model.GetTypeInfo(node).Type?.TypeKind == TypeKind.Dynamic)
            {
                Report(node, RuleIds.Dynamic, "'dynamic': there is no dynamic binder on nanoFramework");
            }

            base.VisitIdentifierName(node);
        }

        private void CheckLinqMethod(InvocationExpressionSyntax node, IMethodSymbol method)
        {
            string ns = method.ContainingNamespace?.ToDisplayString() ?? "";
            if (ns == "System.Linq" || ns.StartsWith("System.Linq.", StringComparison.Ordinal))
            {
                Report(node, RuleIds.Linq, $"'{method.Name}' is a System.Linq method: there is no LINQ on nanoFramework; write the loop");
            }
        }

        // nanoFramework's Math has no 64-bit or uint overloads of Abs/Max/Min: such arguments convert to float
        // and lose precision above 2^24 (docs/nanoframework.md §1.4, §9).
        private void CheckMathOverload(InvocationExpressionSyntax node, IMethodSymbol method)
        {
            if (method.ContainingType?.ToDisplayString() != "System.Math" || !s_mathOverloadedByFloat.Contains(method.Name)
                || method.Parameters.Length == 0 || method.Parameters[0].Type.SpecialType is not (SpecialType.System_Single or SpecialType.System_Double))
            {
                return;
            }

            foreach (ArgumentSyntax argument in node.ArgumentList.Arguments)
            {
                ITypeSymbol? type = _model.GetTypeInfo(argument.Expression).Type;
                if (type?.SpecialType is SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_UInt32)
                {
                    Report(node, RuleIds.MathSixtyFourBit, $"'{node}' binds to Math.{method.Name}({method.Parameters[0].Type}) because nanoFramework's Math has no {type} overload: the value loses precision above 2^24; compare explicitly");
                    return;
                }
            }
        }

        private static bool IsLinqUsing(UsingDirectiveSyntax node)
        {
            string name = node.Name?.ToString() ?? "";
            return name == "System.Linq" || name.StartsWith("System.Linq.", StringComparison.Ordinal);
        }

        private void Report(SyntaxToken token, string id, string message) => Add(token.GetLocation(), id, message);

        private void Report(SyntaxNode node, string id, string message) => Add(node.GetLocation(), id, message);

        private void Add(Location location, string id, string message) =>
            _diagnostics.Add(GateDiagnostic.Error(RoslynDiagnostics.LocationOf(location, _model.SyntaxTree.FilePath), id, message));
    }
}
