namespace NfIcbmsg.Devicetree.Syntax
{
    /// <summary>
    /// Devicetree source is not context free at the character level: "a-b" is one node name between
    /// braces, "-" is an operator inside "&lt;( )&gt;", and "00 11" are bytes inside "[ ]". The parser
    /// always knows which of these it expects and tells the lexer.
    /// </summary>
    public enum LexMode
    {
        /// <summary>Between braces and at top level: names, labels, references, directives, punctuation.</summary>
        Structure,

        /// <summary>After '=': strings, '&lt;', '[', references, ',' and ';'. Macros expand here.</summary>
        Value,

        /// <summary>Inside '&lt; &gt;': numbers, character literals, operators, references. Macros expand here.</summary>
        Cells,

        /// <summary>Inside '[ ]': hexadecimal bytes.</summary>
        Bytes,
    }
}
