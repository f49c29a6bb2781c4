namespace NfIcbmsg.Devicetree.Diagnostics
{
    /// <summary>A place in a board file: the path as the user gave it (or as an include resolved it), 1-based line and column.</summary>
    public sealed record SourceLocation(string File, int Line, int Column)
    {
        /// <summary>For things that have no place in a file (a node the overlay only references).</summary>
        public static readonly SourceLocation None = new SourceLocation("<none>", 0, 0);

        public override string ToString()
        {
            return File + ":" + Line + ":" + Column;
        }
    }
}
