using System.Collections.Generic;
using NfIcbmsg.Devicetree.Diagnostics;
using NfIcbmsg.Devicetree.Tree;

namespace NfIcbmsg.Devicetree.Syntax
{
    // What the parser hands to the merger: the statements of one board file in source order (after
    // includes and macros), cell values already evaluated, references not yet resolved.

    /// <summary>A whole board file.</summary>
    public sealed record DocumentSyntax(IReadOnlyList<TopLevelSyntax> Statements, SourceLocation Start);

    public abstract record TopLevelSyntax(SourceLocation Location);

    /// <summary>"/ { ... };"</summary>
    public sealed record RootNodeSyntax(IReadOnlyList<string> Labels, NodeBodySyntax Body, SourceLocation Location) : TopLevelSyntax(Location);

    /// <summary>"&amp;label { ... };" or "&amp;{/path} { ... };" — exactly one of Label and Path is set.</summary>
    public sealed record ReferencedNodeSyntax(string? Label, string? Path, IReadOnlyList<string> Labels, NodeBodySyntax Body, SourceLocation Location) : TopLevelSyntax(Location);

    /// <summary>"/delete-node/ &amp;label;" at top level.</summary>
    public sealed record DeleteReferencedNodeSyntax(string? Label, string? Path, SourceLocation Location) : TopLevelSyntax(Location);

    /// <summary>The "{ ... }" of a node.</summary>
    public sealed record NodeBodySyntax(IReadOnlyList<BodyItemSyntax> Items, SourceLocation Open);

    public abstract record BodyItemSyntax(SourceLocation Location);

    /// <summary>"name = values;" or the boolean "name;" (no values).</summary>
    public sealed record PropertySyntax(string Name, IReadOnlyList<string> Labels, IReadOnlyList<DtValue> Values, SourceLocation Location) : BodyItemSyntax(Location);

    /// <summary>"/delete-property/ name;"</summary>
    public sealed record DeletePropertySyntax(string Name, SourceLocation Location) : BodyItemSyntax(Location);

    /// <summary>"/delete-node/ name;" inside a node.</summary>
    public sealed record DeleteChildSyntax(string Name, SourceLocation Location) : BodyItemSyntax(Location);

    /// <summary>"label: name { ... };"</summary>
    public sealed record ChildNodeSyntax(string Name, IReadOnlyList<string> Labels, NodeBodySyntax Body, SourceLocation Location) : BodyItemSyntax(Location);
}
