using System.Collections.Generic;
using System.Linq;
using NfIcbmsg.Devicetree.Diagnostics;

namespace NfIcbmsg.Devicetree.Tree
{
    /// <summary>One comma-separated part of a property value.</summary>
    public abstract class DtValue
    {
        protected DtValue(SourceLocation location)
        {
            Location = location;
        }

        public SourceLocation Location { get; }

        /// <summary>What kind of value this is, for messages ("a string", "&lt;cells&gt;"...).</summary>
        public abstract string KindName { get; }
    }

    /// <summary>"text".</summary>
    public sealed class DtStringValue : DtValue
    {
        public DtStringValue(string text, SourceLocation location)
            : base(location)
        {
            Text = text;
        }

        public string Text { get; }

        public override string KindName
        {
            get { return "a string"; }
        }

        public override string ToString()
        {
            return "\"" + Text + "\"";
        }
    }

    /// <summary>&lt;cells&gt;.</summary>
    public sealed class DtCellsValue : DtValue
    {
        public DtCellsValue(IReadOnlyList<DtCell> cells, SourceLocation location)
            : base(location)
        {
            Cells = cells;
        }

        public IReadOnlyList<DtCell> Cells { get; }

        public override string KindName
        {
            get { return "<cells>"; }
        }

        public override string ToString()
        {
            return "<" + string.Join(" ", Cells.Select(c => c.ToString())) + ">";
        }
    }

    /// <summary>[bytes].</summary>
    public sealed class DtBytesValue : DtValue
    {
        public DtBytesValue(byte[] bytes, SourceLocation location)
            : base(location)
        {
            Bytes = bytes;
        }

        public byte[] Bytes { get; }

        public override string KindName
        {
            get { return "[bytes]"; }
        }

        public override string ToString()
        {
            return "[" + string.Join(" ", Bytes.Select(b => b.ToString("x2"))) + "]";
        }
    }

    /// <summary>A path reference outside cells (&amp;label or &amp;{/path}), which stands for the node's path string.</summary>
    public sealed class DtReferenceValue : DtValue
    {
        public DtReferenceValue(DtCell reference)
            : base(reference.Location)
        {
            Reference = reference;
        }

        /// <summary>The reference, resolved like a phandle cell.</summary>
        public DtCell Reference { get; }

        public override string KindName
        {
            get { return "a path reference"; }
        }

        public override string ToString()
        {
            return Reference.ToString();
        }
    }
}

namespace NfIcbmsg.Devicetree.Tree
{
    /// <summary>
    /// A value the reader could not evaluate because it uses an identifier nothing defined (a macro of a
    /// Zephyr header or of the base devicetree): the whole property value is kept as this one part.
    /// </summary>
    public sealed class DtUnresolvedValue : DtValue
    {
        public DtUnresolvedValue(string identifier, SourceLocation location)
            : base(location)
        {
            Identifier = identifier;
        }

        /// <summary>The first identifier that is not defined.</summary>
        public string Identifier { get; }

        public override string KindName
        {
            get { return "a value using " + Identifier + ", which is not defined"; }
        }

        public override string ToString()
        {
            return Identifier + "...";
        }
    }
}
