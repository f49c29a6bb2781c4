using System.Collections.Generic;
using NfIcbmsg.Devicetree.Diagnostics;

namespace NfIcbmsg.Devicetree.Tree
{
    /// <summary>
    /// A devicetree node after merging. An overlay block "&amp;label { }" whose label the overlay does not
    /// define (it lives in the SoC's base devicetree) makes an external node: it has no parent, and its
    /// path is written "&amp;label".
    /// </summary>
    public sealed class DtNode
    {
        private readonly List<DtProperty> _properties = new List<DtProperty>();
        private readonly List<DtNode> _children = new List<DtNode>();

        // Indexes by name: a generated board file may have tens of thousands of siblings.
        private readonly Dictionary<string, int> _propertyIndex = new Dictionary<string, int>();
        private readonly Dictionary<string, DtNode> _childIndex = new Dictionary<string, DtNode>();
        private readonly List<string> _labels = new List<string>();

        public DtNode(string name, DtNode? parent, SourceLocation location)
        {
            Name = name;
            Parent = parent;
            Location = location;
        }

        /// <summary>Makes the stand-in for a node of the base devicetree known only by its label.</summary>
        public static DtNode External(string label, SourceLocation location)
        {
            DtNode node = new DtNode(label, null, location);
            node.ExternalLabel = label;
            return node;
        }

        /// <summary>Full name, with the unit address: "memory@20070000".</summary>
        public string Name { get; }

        /// <summary>The part before '@'.</summary>
        public string BaseName
        {
            get
            {
                int at = Name.IndexOf('@');
                return at < 0 ? Name : Name.Substring(0, at);
            }
        }

        /// <summary>The part after '@', or null.</summary>
        public string? UnitAddress
        {
            get
            {
                int at = Name.IndexOf('@');
                return at < 0 ? null : Name.Substring(at + 1);
            }
        }

        public DtNode? Parent { get; }

        /// <summary>Where the node was first opened (for a node only referenced: where it was first referenced).</summary>
        public SourceLocation Location { get; }

        /// <summary>Non-null for a stand-in of a base-devicetree node: the label the overlay used.</summary>
        public string? ExternalLabel { get; private set; }

        public bool IsExternal
        {
            get { return ExternalLabel != null || (Parent != null && Parent.IsExternal); }
        }

        public IReadOnlyList<DtProperty> Properties
        {
            get { return _properties; }
        }

        public IReadOnlyList<DtNode> Children
        {
            get { return _children; }
        }

        public IReadOnlyList<string> Labels
        {
            get { return _labels; }
        }

        public string Path
        {
            get
            {
                if (ExternalLabel != null)
                {
                    return "&" + ExternalLabel;
                }

                if (Parent == null)
                {
                    return "/";
                }

                string parentPath = Parent.Path;
                return (parentPath.EndsWith('/') ? parentPath : parentPath + "/") + Name;
            }
        }

        public DtProperty? GetProperty(string name)
        {
            int index;
            return _propertyIndex.TryGetValue(name, out index) ? _properties[index] : null;
        }

        public DtNode? GetChild(string name)
        {
            DtNode? child;
            return _childIndex.TryGetValue(name, out child) ? child : null;
        }

        /// <summary>Adds or replaces (keeping the original position, as dtc does).</summary>
        internal void SetProperty(DtProperty property)
        {
            int index;
            if (_propertyIndex.TryGetValue(property.Name, out index))
            {
                _properties[index] = property;
                return;
            }

            _propertyIndex.Add(property.Name, _properties.Count);
            _properties.Add(property);
        }

        internal bool RemoveProperty(string name)
        {
            int index;
            if (!_propertyIndex.TryGetValue(name, out index))
            {
                return false;
            }

            _properties.RemoveAt(index);
            _propertyIndex.Clear();
            for (int i = 0; i < _properties.Count; i++)
            {
                _propertyIndex.Add(_properties[i].Name, i);
            }

            return true;
        }

        internal void AddChild(DtNode child)
        {
            _childIndex.Add(child.Name, child);
            _children.Add(child);
        }

        internal bool RemoveChild(DtNode child)
        {
            _childIndex.Remove(child.Name);
            return _children.Remove(child);
        }

        internal void AddLabel(string label)
        {
            if (!_labels.Contains(label))
            {
                _labels.Add(label);
            }
        }

        /// <summary>This node and every node below it, depth first.</summary>
        public IEnumerable<DtNode> SelfAndDescendants()
        {
            Stack<DtNode> pending = new Stack<DtNode>();
            pending.Push(this);
            while (pending.Count > 0)
            {
                DtNode node = pending.Pop();
                yield return node;
                for (int i = node._children.Count - 1; i >= 0; i--)
                {
                    pending.Push(node._children[i]);
                }
            }
        }

        public override string ToString()
        {
            return Path;
        }
    }
}
