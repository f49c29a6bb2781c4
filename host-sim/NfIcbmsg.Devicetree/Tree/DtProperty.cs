using System.Collections.Generic;
using System.Linq;
using NfIcbmsg.Devicetree.Diagnostics;

namespace NfIcbmsg.Devicetree.Tree
{
    /// <summary>
    /// A property as it stands after every overlay block was merged: the last assignment wins, and
    /// <see cref="Location"/> is where that assignment is (the place a user would edit).
    /// </summary>
    public sealed class DtProperty
    {
        public DtProperty(string name, IReadOnlyList<DtValue> values, IReadOnlyList<string> labels, SourceLocation location)
        {
            Name = name;
            Values = values;
            Labels = labels;
            Location = location;
        }

        public string Name { get; }

        /// <summary>The comma-separated parts; empty for a boolean property ("name;").</summary>
        public IReadOnlyList<DtValue> Values { get; }

        public IReadOnlyList<string> Labels { get; }

        public SourceLocation Location { get; }

        /// <summary>The undefined identifier that kept this value from being read, or null (see <see cref="DtUnresolvedValue"/>).</summary>
        public DtUnresolvedValue? Unresolved
        {
            get { return Values.Count == 1 ? Values[0] as DtUnresolvedValue : null; }
        }

        public bool IsBoolean
        {
            get { return Values.Count == 0; }
        }

        /// <summary>How the value looks, for messages: "a string", "&lt;cells&gt;, &lt;cells&gt;", "no value".</summary>
        public string Shape
        {
            get { return IsBoolean ? "no value" : string.Join(", ", Values.Select(v => v.KindName)); }
        }

        /// <summary>All cells of all "&lt; &gt;" parts, in order; null when any part is not cells.</summary>
        public IReadOnlyList<DtCell>? AllCells()
        {
            List<DtCellsValue>? parts = PartsOf<DtCellsValue>();
            return parts?.SelectMany(p => p.Cells).ToList();
        }

        /// <summary>The strings of a string or string-list value; null when any part is not a string (or there is none).</summary>
        public IReadOnlyList<string>? Strings()
        {
            List<DtStringValue>? parts = PartsOf<DtStringValue>();
            return parts == null || parts.Count == 0 ? null : parts.Select(p => p.Text).ToList();
        }

        /// <summary>Every part as a <typeparamref name="T"/>, or null when some part is of another kind.</summary>
        private List<T>? PartsOf<T>()
            where T : DtValue
        {
            List<T> parts = Values.OfType<T>().ToList();
            return parts.Count == Values.Count ? parts : null;
        }

        /// <summary>The value of a single-cell number property (&lt;N&gt;), or null when it has another shape.</summary>
        public uint? SingleNumber()
        {
            IReadOnlyList<DtCell>? cells = AllCells();
            if (cells == null || cells.Count != 1 || cells[0].IsReference)
            {
                return null;
            }

            return cells[0].Value;
        }

        /// <summary>The value of a single-string property, or null when it has another shape.</summary>
        public string? SingleString()
        {
            IReadOnlyList<string>? strings = Strings();
            return strings != null && strings.Count == 1 ? strings[0] : null;
        }

        public override string ToString()
        {
            return IsBoolean ? Name + ";" : Name + " = " + string.Join(", ", Values.Select(v => v.ToString())) + ";";
        }
    }
}
