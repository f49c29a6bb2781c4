using System;

namespace NfGate.Tests
{
    /// <summary>
    /// C# source with one marker, /*!*/, written right before the token a diagnostic must point at.
    /// The marker is removed; its place is the expected 1-based line and column.
    /// </summary>
    internal sealed record MarkedSource(string Text, int Line, int Column)
    {
        public const string Marker = "/*!*/";

        public static MarkedSource Parse(string marked)
        {
            int index = marked.IndexOf(Marker, StringComparison.Ordinal);
            if (index < 0 || marked.IndexOf(Marker, index + 1, StringComparison.Ordinal) >= 0)
            {
                throw new ArgumentException($"the source needs exactly one {Marker} marker", nameof(marked));
            }

            string before = marked.Substring(0, index);
            int line = before.Split('\n').Length;
            int column = index - (before.LastIndexOf('\n') + 1) + 1;
            return new MarkedSource(marked.Remove(index, Marker.Length), line, column);
        }
    }
}
