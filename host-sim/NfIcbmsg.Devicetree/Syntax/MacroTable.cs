using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using NfIcbmsg.Devicetree.Diagnostics;

namespace NfIcbmsg.Devicetree.Syntax
{
    /// <summary>One macro: "#define NAME body", or function-like "#define NAME(a, b) body" (then <see cref="Parameters"/> is set).</summary>
    public sealed record MacroDefinition(string Name, string Body, SourceLocation Location)
    {
        /// <summary>Null for an object-like macro.</summary>
        public IReadOnlyList<string>? Parameters { get; init; }
    }

    /// <summary>
    /// The object-like macros defined so far (#define / #undef), in the order the preprocessor meets them.
    /// DT_SIZE_K and DT_SIZE_M are built into the parser.
    /// </summary>
    public sealed class MacroTable
    {
        private readonly Dictionary<string, MacroDefinition> _definitions = new Dictionary<string, MacroDefinition>();

        public void Define(MacroDefinition definition)
        {
            _definitions[definition.Name] = definition;
        }

        public void Undefine(string name)
        {
            _definitions.Remove(name);
        }

        public bool TryGet(string name, [NotNullWhen(true)] out MacroDefinition? definition)
        {
            return _definitions.TryGetValue(name, out definition);
        }

        public IReadOnlyCollection<MacroDefinition> All
        {
            get { return _definitions.Values; }
        }
    }
}
