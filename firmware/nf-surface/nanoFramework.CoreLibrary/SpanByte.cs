// System.SpanByte: nanoFramework 1.x's byte-only span (docs/nanoframework.md §1.1). It does not exist on
// desktop .NET, and Span<T> does not exist on nanoFramework 1.x.

namespace System
{
    public readonly ref struct SpanByte
    {
        public SpanByte(byte[] array) { }
        public SpanByte(byte[] array, int start, int length) { }
        public static SpanByte Empty => throw null;
        public int Length => throw null;
        public bool IsEmpty => throw null;
        public byte this[int index] { get => throw null; set { } }
        public void CopyTo(SpanByte destination) { }
        public SpanByte Slice(int start) => throw null;
        public SpanByte Slice(int start, int length) => throw null;
        public byte[] ToArray() => throw null;
        public static implicit operator SpanByte(byte[] array) => throw null;
    }
}
