using System.Collections.Generic;
using System.Linq;
using NfIcbmsg.Devicetree.Diagnostics;
using NfIcbmsg.Devicetree.Syntax;

namespace NfIcbmsg.Devicetree.Tree
{
    /// <summary>
    /// Applies the statements of a parsed board file to a tree in source order, as dtc does: blocks for
    /// the same node merge (a later property assignment replaces an earlier one), deletions remove what
    /// exists and are no-ops for what the overlay does not have (the base devicetree's nodes), then
    /// every phandle is resolved.
    ///
    /// The standalone-overlay rule: an unresolved "&amp;label { }" (or "&amp;{/path} { }") at top level makes
    /// (or merges into) an external node carrying that label, and an unresolved phandle in 'mboxes' refers
    /// to an external mailbox device by that label. Any other unresolved reference is left without a
    /// target and listed in <see cref="DtTree.UnresolvedReferences"/>: the board reader decides whether
    /// an IPC instance needs it (then the instance is incomplete) or not (then it is a warning).
    /// </summary>
    public sealed class TreeMerger
    {
        private readonly DtTree _tree;

        private TreeMerger(DtTree tree)
        {
            this._tree = tree;
        }

        public static DtTree Merge(DocumentSyntax document, string file)
        {
            return Merge(new[] { document }, file, false);
        }

        /// <summary>Applies the documents in order (base trees first, the overlay last) to one tree.</summary>
        public static DtTree Merge(IReadOnlyList<DocumentSyntax> documents, string file, bool hasBase)
        {
            TreeMerger merger = new TreeMerger(new DtTree(file, documents[documents.Count - 1].Start) { HasBase = hasBase });
            foreach (DocumentSyntax document in documents)
            {
                foreach (TopLevelSyntax statement in document.Statements)
                {
                    merger.Apply(statement);
                }
            }

            merger.ResolveReferences();
            return merger._tree;
        }

        private void Apply(TopLevelSyntax statement)
        {
            switch (statement)
            {
                case RootNodeSyntax root:
                    AssignLabels(root.Labels, _tree.Root, root.Location);
                    MergeBody(_tree.Root, root.Body);
                    break;
                case ReferencedNodeSyntax referenced:
                {
                    // The parser sets exactly one of Label and Path.
                    DtNode? node = referenced.Label != null ? _tree.FindLabel(referenced.Label) : _tree.FindPath(referenced.Path!) ?? _tree.FindLabel(PathKey(referenced.Path!));
                    if (node == null)
                    {
                        if (referenced.Label == null)
                        {
                            // A path of the base devicetree: kept as an external node named by that path.
                            node = DtNode.External(PathKey(referenced.Path!), referenced.Location);
                            _tree.AddExternal(node);
                            _tree.SetLabel(PathKey(referenced.Path!), node);
                        }
                        else
                        {
                            node = DtNode.External(referenced.Label, referenced.Location);
                            node.AddLabel(referenced.Label);
                            _tree.AddExternal(node);
                            _tree.SetLabel(referenced.Label, node);
                        }
                    }

                    AssignLabels(referenced.Labels, node, referenced.Location);
                    MergeBody(node, referenced.Body);
                    break;
                }

                case DeleteReferencedNodeSyntax deletion:
                {
                    // The parser sets exactly one of Label and Path.
                    DtNode? node = deletion.Label != null ? _tree.FindLabel(deletion.Label) : _tree.FindPath(deletion.Path!);
                    if (node != null)
                    {
                        Delete(node);
                    }

                    break;
                }
            }
        }

        private void MergeBody(DtNode node, NodeBodySyntax body)
        {
            Dictionary<string, SourceLocation> propertiesHere = new Dictionary<string, SourceLocation>();
            Dictionary<string, SourceLocation> childrenHere = new Dictionary<string, SourceLocation>();
            foreach (BodyItemSyntax item in body.Items)
            {
                switch (item)
                {
                    case PropertySyntax property:
                    {
                        SourceLocation? first;
                        if (propertiesHere.TryGetValue(property.Name, out first))
                        {
                            _tree.Report(Diagnostic.Error(property.Location, node.Path, property.Name, "duplicate property: already assigned at " + first + " in the same block; keep one assignment"));
                        }
                        else
                        {
                            propertiesHere.Add(property.Name, property.Location);
                        }

                        node.SetProperty(new DtProperty(property.Name, property.Values, property.Labels, property.Location));
                        break;
                    }

                    case DeletePropertySyntax deletion:
                        node.RemoveProperty(deletion.Name);
                        propertiesHere.Remove(deletion.Name);
                        break;
                    case DeleteChildSyntax deletion:
                    {
                        DtNode? child = node.GetChild(deletion.Name);
                        if (child != null)
                        {
                            Delete(child);
                        }

                        childrenHere.Remove(deletion.Name);
                        break;
                    }

                    case ChildNodeSyntax childSyntax:
                    {
                        SourceLocation? first;
                        if (childrenHere.TryGetValue(childSyntax.Name, out first))
                        {
                            _tree.Report(Diagnostic.Error(childSyntax.Location, node.Path + (node.Path.EndsWith('/') ? string.Empty : "/") + childSyntax.Name, null, "duplicate node: already defined at " + first + " in the same block; merge the two"));
                        }
                        else
                        {
                            childrenHere.Add(childSyntax.Name, childSyntax.Location);
                        }

                        DtNode? child = node.GetChild(childSyntax.Name);
                        if (child == null)
                        {
                            child = new DtNode(childSyntax.Name, node, childSyntax.Location);
                            node.AddChild(child);
                        }

                        AssignLabels(childSyntax.Labels, child, childSyntax.Location);
                        MergeBody(child, childSyntax.Body);
                        break;
                    }
                }
            }
        }

        private void AssignLabels(IReadOnlyList<string> labels, DtNode node, SourceLocation at)
        {
            foreach (string label in labels)
            {
                DtNode? existing = _tree.FindLabel(label);
                if (existing != null && existing != node)
                {
                    string why = existing.ExternalLabel == label
                        ? "it was used above as a node of the base devicetree (&" + label + " { }); define the label before referring to it"
                        : "it already names node " + existing.Path + " (" + existing.Location + "); a label names one node";
                    throw new DevicetreeException(at, "duplicate label '" + label + "': " + why);
                }

                node.AddLabel(label);
                _tree.SetLabel(label, node);
            }
        }

        private void Delete(DtNode node)
        {
            foreach (DtNode gone in node.SelfAndDescendants())
            {
                foreach (string label in gone.Labels)
                {
                    if (_tree.FindLabel(label) == gone)
                    {
                        _tree.RemoveLabel(label);
                    }
                }
            }

            if (node.Parent != null)
            {
                node.Parent.RemoveChild(node);
            }
            else
            {
                _tree.RemoveExternal(node);
            }
        }

        private void ResolveReferences()
        {
            List<(DtNode Node, DtProperty Property)> all = _tree.AllNodes()
                .SelectMany(n => n.Properties.Select(p => (n, p)))
                .ToList();
            foreach ((DtNode node, DtProperty property) in all)
            {
                foreach (DtValue value in property.Values)
                {
                    if (value is DtCellsValue cells)
                    {
                        foreach (DtCell cell in cells.Cells.Where(c => c.IsReference))
                        {
                            Resolve(cell, node, property);
                        }
                    }
                    else if (value is DtReferenceValue reference)
                    {
                        Resolve(reference.Reference, node, property);
                    }
                }
            }
        }

        /// <summary>The key under which an external node made for "&amp;{/path} { }" is kept with the labels.</summary>
        private static string PathKey(string path)
        {
            return "{" + path + "}";
        }

        private void Resolve(DtCell cell, DtNode node, DtProperty property)
        {
            // A reference cell has exactly one of ReferenceLabel and ReferencePath.
            DtNode? target = cell.ReferenceLabel != null ? _tree.FindLabel(cell.ReferenceLabel) : _tree.FindPath(cell.ReferencePath!) ?? _tree.FindLabel(PathKey(cell.ReferencePath!));
            if (target == null && cell.ReferenceLabel != null && property.Name == "mboxes")
            {
                // The mailbox peripheral of a SoC lives in its base devicetree; the overlay only names it.
                target = DtNode.External(cell.ReferenceLabel, cell.Location);
                target.AddLabel(cell.ReferenceLabel);
                _tree.AddExternal(target);
                _tree.SetLabel(cell.ReferenceLabel, target);
            }

            if (target == null)
            {
                _tree.AddUnresolved(new UnresolvedReference(node, property, cell));
                return;
            }

            cell.Target = target;
        }
    }
}
