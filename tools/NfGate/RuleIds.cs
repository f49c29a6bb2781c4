namespace NfGate
{
    /// <summary>
    /// The gate's own diagnostic ids. NF0xx: constructs in device sources that nanoFramework 1.17 cannot run
    /// (docs/nanoframework.md §1, §8, §9). NF1xx: project files that would not build the way they read.
    /// </summary>
    public static class RuleIds
    {
        public const string GenericDeclaration = "NF001";
        public const string GenericUse = "NF002";
        public const string Linq = "NF003";
        public const string AsyncAwait = "NF004";
        public const string Unsafe = "NF005";
        public const string StackAlloc = "NF006";
        public const string Tuple = "NF007";
        public const string NullableValueType = "NF008";
        public const string Iterator = "NF009";
        public const string Volatile = "NF010";
        public const string MultiDimensionalArray = "NF011";
        public const string Decimal = "NF012";
        public const string Dynamic = "NF013";
        public const string Record = "NF014";
        public const string RangeIndex = "NF015";
        public const string Checked = "NF016";
        public const string AnonymousType = "NF017";
        public const string MathSixtyFourBit = "NF018";

        public const string ProjectUnreadable = "NF100";
        public const string CompileItemMissing = "NF101";
        public const string ImportMissing = "NF102";
        public const string UnlistedSource = "NF103";
        public const string PackagesConfigInvalid = "NF104";
        public const string UnknownPackage = "NF105";
        public const string PackageVersionMismatch = "NF106";
        public const string ReferenceMismatch = "NF107";
        public const string ProjectReferenceInvalid = "NF108";
        public const string UnsupportedMsBuild = "NF109";
        public const string SurfaceInvalid = "NF110";
        public const string DuplicateCompileItem = "NF111";
        public const string LanguageVersion = "NF112";
        public const string PackagesFolder = "NF113";
    }
}
