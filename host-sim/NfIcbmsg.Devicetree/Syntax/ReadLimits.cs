namespace NfIcbmsg.Devicetree.Syntax
{
    /// <summary>
    /// Bounds that turn hostile or broken input into an error instead of a crash or a hang. Real board
    /// overlays are a few kilobytes with a nesting depth below ten; these limits are far above that.
    /// </summary>
    public sealed class ReadLimits
    {
        public static readonly ReadLimits Default = new ReadLimits();

        /// <summary>Largest single file.</summary>
        public long MaxFileBytes { get; init; } = 8 * 1024 * 1024;

        /// <summary>Largest sum over the file and everything it includes (a file may be included more than once).</summary>
        public long MaxTotalBytes { get; init; } = 32 * 1024 * 1024;

        /// <summary>Deepest chain of #include / /include/.</summary>
        public int MaxIncludeDepth { get; init; } = 32;

        /// <summary>Deepest nesting of nodes.</summary>
        public int MaxNodeDepth { get; init; } = 64;

        /// <summary>Deepest nesting of parentheses and operators in a cell expression.</summary>
        public int MaxExpressionDepth { get; init; } = 128;

        /// <summary>Deepest chain of macros expanding into macros.</summary>
        public int MaxMacroDepth { get; init; } = 32;

        /// <summary>Most macro expansions in one read (a macro that doubles at every level would otherwise explode).</summary>
        public int MaxMacroExpansions { get; init; } = 100000;
    }
}
