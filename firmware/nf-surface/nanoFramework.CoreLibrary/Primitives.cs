// Primitive types of nanoFramework 1.17 mscorlib (docs/nanoframework.md §1.4).
// None implements IComparable or overrides Equals/GetHashCode (ValueType's and Object's apply); only Single and
// Double have CompareTo (of their own type). Char: instance ToLower/ToUpper only.

namespace System
{
    public struct Boolean
    {
        public static readonly string TrueString;
        public static readonly string FalseString;
        public override string ToString() => throw null;
    }

    public struct Char
    {
        public const char MaxValue = (char)0xFFFF;
        public const char MinValue = (char)0;
        public char ToLower() => throw null;
        public char ToUpper() => throw null;
        public override string ToString() => throw null;
    }

    public struct SByte
    {
        public const sbyte MaxValue = 127;
        public const sbyte MinValue = -128;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static sbyte Parse(string s) => throw null;
        public static bool TryParse(string s, out sbyte result) => throw null;
    }

    public struct Byte
    {
        public const byte MaxValue = 255;
        public const byte MinValue = 0;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static byte Parse(string s) => throw null;
        public static bool TryParse(string s, out byte result) => throw null;
    }

    public struct Int16
    {
        public const short MaxValue = 32767;
        public const short MinValue = -32768;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static short Parse(string s) => throw null;
        public static bool TryParse(string s, out short result) => throw null;
    }

    public struct UInt16
    {
        public const ushort MaxValue = 65535;
        public const ushort MinValue = 0;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static ushort Parse(string s) => throw null;
        public static bool TryParse(string s, out ushort result) => throw null;
    }

    public struct Int32
    {
        public const int MaxValue = 2147483647;
        public const int MinValue = -2147483648;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static int Parse(string s) => throw null;
        public static bool TryParse(string s, out int result) => throw null;
    }

    public struct UInt32
    {
        public const uint MaxValue = 4294967295;
        public const uint MinValue = 0;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static uint Parse(string s) => throw null;
        public static bool TryParse(string s, out uint result) => throw null;
    }

    public struct Int64
    {
        public const long MaxValue = 9223372036854775807;
        public const long MinValue = -9223372036854775808;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static long Parse(string s) => throw null;
        public static bool TryParse(string s, out long result) => throw null;
    }

    public struct UInt64
    {
        public const ulong MaxValue = 18446744073709551615;
        public const ulong MinValue = 0;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static ulong Parse(string s) => throw null;
        public static bool TryParse(string s, out ulong result) => throw null;
    }

    public struct Single
    {
        public const float MinValue = -3.40282346638528859e+38f;
        public const float MaxValue = 3.40282346638528859e+38f;
        public const float Epsilon = 1.4e-45f;
        public const float NegativeInfinity = -1.0f / 0.0f;
        public const float PositiveInfinity = 1.0f / 0.0f;
        public const float NaN = 0.0f / 0.0f;
        public static bool IsNaN(float f) => throw null;
        public static bool IsInfinity(float f) => throw null;
        public static bool IsPositiveInfinity(float f) => throw null;
        public static bool IsNegativeInfinity(float f) => throw null;
        public int CompareTo(float value) => throw null;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static float Parse(string s) => throw null;
        public static bool TryParse(string s, out float result) => throw null;
    }

    public struct Double
    {
        public const double MinValue = -1.7976931348623157E+308;
        public const double MaxValue = 1.7976931348623157E+308;
        public const double Epsilon = 4.9406564584124654E-324;
        public const double NegativeInfinity = -1.0 / 0.0;
        public const double PositiveInfinity = 1.0 / 0.0;
        public const double NaN = 0.0 / 0.0;
        public static bool IsNaN(double d) => throw null;
        public static bool IsInfinity(double d) => throw null;
        public static bool IsPositiveInfinity(double d) => throw null;
        public static bool IsNegativeInfinity(double d) => throw null;
        public int CompareTo(double value) => throw null;
        public override string ToString() => throw null;
        public string ToString(string format) => throw null;
        public static double Parse(string s) => throw null;
        public static bool TryParse(string s, out double result) => throw null;
    }

    // Delegates need IntPtr (the method pointer of their constructor); no arithmetic is offered.
    public struct IntPtr
    {
    }

    public struct UIntPtr
    {
    }
}
