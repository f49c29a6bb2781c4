using System.Collections.Generic;
using NfIcbmsg.Devicetree.Diagnostics;

namespace NfIcbmsg.Devicetree.Tree
{
    /// <summary>
    /// A board file after reading: the root node, the external nodes (base-devicetree nodes the overlay
    /// only references by label), the labels, and the non-fatal findings of the merge (duplicates).
    /// </summary>
    public sealed class DtTree
    {
        private readonly Dictionary<string, DtNode> _labels = new Dictionary<string, DtNode>();
        private readonly List<DtNode> _externalNodes = new List<DtNode>();
        private readonly List<Diagnostic> _diagnostics = new List<Diagnostic>();
        private readonly List<UnresolvedReference> _unresolved = new List<UnresolvedReference>();

        public DtTree(string file, SourceLocation rootLocation)
        {
            File = file;
            Root = new DtNode("/", null, rootLocation);
        }

        /// <summary>The board file as the user named it.</summary>
        public string File { get; }

        public DtNode Root { get; }

        /// <summary>The tree includes a base devicetree (--base), so a label it lacks is really unknown.</summary>
        public bool HasBase { get; init; }

        /// <summary>References to labels or paths no node has, in source order (their cells have no target).</summary>
        public IReadOnlyList<UnresolvedReference> UnresolvedReferences
        {
            get { return _unresolved; }
        }

        /// <summary>"a, b, c": the labels defined, for messages.</summary>
        public string DescribeLabels()
        {
            List<string> names = new List<string>();
            foreach (string label in _labels.Keys)
            {
                if (!label.StartsWith('{'))
                {
                    names.Add(label);
                }
            }

            names.Sort(System.StringComparer.Ordinal);
            return names.Count == 0 ? "none" : string.Join(", ", names);
        }

        internal void AddUnresolved(UnresolvedReference reference)
        {
            _unresolved.Add(reference);
        }

        public IReadOnlyList<DtNode> ExternalNodes
        {
            get { return _externalNodes; }
        }

        public IReadOnlyList<Diagnostic> Diagnostics
        {
            get { return _diagnostics; }
        }

        public IReadOnlyDictionary<string, DtNode> Labels
        {
            get { return _labels; }
        }

        public DtNode? FindLabel(string label)
        {
            DtNode? node;
            return _labels.TryGetValue(label, out node) ? node : null;
        }

        /// <summary>The node at an absolute path ("/ipc/ipc0"), or null.</summary>
        public DtNode? FindPath(string path)
        {
            DtNode? node = Root;
            foreach (string part in path.Split('/', System.StringSplitOptions.RemoveEmptyEntries))
            {
                node = node.GetChild(part);
                if (node == null)
                {
                    return null;
                }
            }

            return node;
        }

        /// <summary>Every node of the tree and of the external nodes.</summary>
        public IEnumerable<DtNode> AllNodes()
        {
            foreach (DtNode node in Root.SelfAndDescendants())
            {
                yield return node;
            }

            foreach (DtNode external in _externalNodes)
            {
                foreach (DtNode node in external.SelfAndDescendants())
                {
                    yield return node;
                }
            }
        }

        internal void AddExternal(DtNode node)
        {
            _externalNodes.Add(node);
        }

        internal void RemoveExternal(DtNode node)
        {
            _externalNodes.Remove(node);
        }

        internal void SetLabel(string label, DtNode node)
        {
            _labels[label] = node;
        }

        internal void RemoveLabel(string label)
        {
            _labels.Remove(label);
        }

        internal void Report(Diagnostic diagnostic)
        {
            _diagnostics.Add(diagnostic);
        }
    }
}

namespace NfIcbmsg.Devicetree.Tree
{
    /// <summary>A phandle or path reference in <see cref="Property"/> of <see cref="Node"/> that names no node of the tree.</summary>
    public sealed record UnresolvedReference(DtNode Node, DtProperty Property, DtCell Cell);
}
