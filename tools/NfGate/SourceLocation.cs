namespace NfGate
{
    /// <summary>A place in a file: full path, 1-based line and column (0 when unknown).</summary>
    public sealed record SourceLocation(string FilePath, int Line, int Column)
    {
        public static SourceLocation StartOf(string filePath) => new(filePath, 1, 1);
    }
}
