using NfIcbmsg.Devicetree.Diagnostics;

namespace NfIcbmsg.Devicetree.Tree
{
    /// <summary>
    /// One 32-bit cell of a "&lt; &gt;" value: a number, or a phandle reference (&amp;label or &amp;{/path})
    /// whose <see cref="Target"/> is filled in once the whole file has been read (references may point forward).
    /// </summary>
    public sealed class DtCell
    {
        private DtCell(uint value, string? label, string? path, SourceLocation location)
        {
            Value = value;
            ReferenceLabel = label;
            ReferencePath = path;
            Location = location;
        }

        public static DtCell Number(uint value, SourceLocation location)
        {
            return new DtCell(value, null, null, location);
        }

        public static DtCell LabelReference(string label, SourceLocation location)
        {
            return new DtCell(0, label, null, location);
        }

        public static DtCell PathReference(string path, SourceLocation location)
        {
            return new DtCell(0, null, path, location);
        }

        /// <summary>The number (0 for a reference: phandle numbers are never needed by the tools).</summary>
        public uint Value { get; }

        public string? ReferenceLabel { get; }

        public string? ReferencePath { get; }

        public bool IsReference
        {
            get { return ReferenceLabel != null || ReferencePath != null; }
        }

        /// <summary>The node referred to, once resolved. An unresolved mbox label resolves to an external node.</summary>
        public DtNode? Target { get; internal set; }

        public SourceLocation Location { get; }

        public override string ToString()
        {
            if (ReferenceLabel != null)
            {
                return "&" + ReferenceLabel;
            }

            if (ReferencePath != null)
            {
                return "&{" + ReferencePath + "}";
            }

            return Value < 10 ? Value.ToString() : "0x" + Value.ToString("x");
        }
    }
}
