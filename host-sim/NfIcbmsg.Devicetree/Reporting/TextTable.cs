using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace NfIcbmsg.Devicetree.Reporting
{
    /// <summary>Plain left-aligned columns for terminals and CI logs (no colours, so the output diffs cleanly).</summary>
    public sealed class TextTable
    {
        private readonly List<string[]> _rows = new List<string[]>();

        public void Add(params string[] cells)
        {
            _rows.Add(cells);
        }

        public string Render(string indent)
        {
            int columns = _rows.Max(r => r.Length);
            int[] widths = new int[columns];
            foreach (string[] row in _rows)
            {
                for (int i = 0; i < row.Length; i++)
                {
                    widths[i] = System.Math.Max(widths[i], (row[i] ?? string.Empty).Length);
                }
            }

            StringBuilder text = new StringBuilder();
            foreach (string[] row in _rows)
            {
                StringBuilder line = new StringBuilder(indent);
                for (int i = 0; i < row.Length; i++)
                {
                    string cell = row[i] ?? string.Empty;
                    line.Append(i == row.Length - 1 ? cell : cell.PadRight(widths[i] + 3));
                }

                text.Append(line.ToString().TrimEnd()).Append('\n');
            }

            return text.ToString();
        }
    }
}
