using System;
using System.Collections.Generic;
using System.Text;

namespace NfGate
{
    /// <summary>Thrown for MSBuild syntax the gate does not evaluate; reported as NF109 where it occurs.</summary>
    public sealed class UnsupportedMsBuildException(string message) : Exception(message);

    /// <summary>
    /// The MSBuild property table of one project evaluation: $(Name) expansion, case-insensitive names,
    /// undefined properties expand to "" (as in MSBuild).
    /// </summary>
    public sealed class MsBuildProperties
    {
        private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

        public string this[string name]
        {
            get => _values.TryGetValue(name, out string? value) ? value : "";
            set => _values[name] = value;
        }

        public bool IsDefined(string name) => _values.ContainsKey(name);

        public string Expand(string text)
        {
            if (text.Contains("$([", StringComparison.Ordinal) || text.Contains("@(", StringComparison.Ordinal) || text.Contains("%(", StringComparison.Ordinal))
            {
                throw new UnsupportedMsBuildException($"'{text}' uses property functions, item lists or metadata, which the gate does not evaluate");
            }

            StringBuilder result = new StringBuilder();
            int index = 0;
            while (index < text.Length)
            {
                int start = text.IndexOf("$(", index, StringComparison.Ordinal);
                if (start < 0)
                {
                    result.Append(text, index, text.Length - index);
                    break;
                }

                int end = text.IndexOf(')', start + 2);
                if (end < 0)
                {
                    throw new UnsupportedMsBuildException($"'{text}' has an unterminated $(");
                }

                result.Append(text, index, start - index);
                result.Append(this[text.Substring(start + 2, end - start - 2).Trim()]);
                index = end + 1;
            }

            return result.ToString();
        }
    }
}
