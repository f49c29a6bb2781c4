// API surface of nanoFramework 1.17 mscorlib (reference only: bodies never run).
// What it encodes: docs/nanoframework.md §1. See ../README.md.

namespace System
{
    public class Object
    {
        public Object() { }
        public virtual bool Equals(object obj) => throw null;
        public static bool Equals(object objA, object objB) => throw null;
        public static bool ReferenceEquals(object objA, object objB) => throw null;
        public virtual int GetHashCode() => throw null;
        public Type GetType() => throw null;
        public virtual string ToString() => throw null;
        protected object MemberwiseClone() => throw null;
    }

    // Overrides Equals but not GetHashCode, as in the real mscorlib.
#pragma warning disable CS0659
    public abstract class ValueType
#pragma warning restore CS0659
    {
        protected ValueType() { }
        public override bool Equals(object obj) => throw null;
    }

    // ToString() gives the number on nanoFramework; there is no GetNames/GetValues/IsDefined/Parse.
    public abstract class Enum : ValueType
    {
        protected Enum() { }
        public bool HasFlag(Enum flag) => throw null;
        public override string ToString() => throw null;
    }

    public struct Void { }

    public abstract class MarshalByRefObject
    {
        protected MarshalByRefObject() { }
    }

    public interface IDisposable
    {
        void Dispose();
    }

    public interface IComparable
    {
        int CompareTo(object obj);
    }

    public interface ICloneable
    {
        object Clone();
    }

    public class EventArgs
    {
        public static readonly EventArgs Empty;
        public EventArgs() { }
    }

    public sealed class Version
    {
        public Version(int major, int minor) { }
        public Version(int major, int minor, int build, int revision) { }
        public int Major => throw null;
        public int Minor => throw null;
        public int Build => throw null;
        public int Revision => throw null;
        public override string ToString() => throw null;
    }

    // No Collect on nanoFramework: nanoFramework.Runtime.Native.GC.Run does that.
    public static class GC
    {
        public static void SuppressFinalize(object obj) { }
        public static void ReRegisterForFinalize(object obj) { }
        public static void WaitForPendingFinalizers() { }
    }

    public static class Console
    {
        public static void Write(string value) { }
        public static void WriteLine() { }
        public static void WriteLine(string value) { }
    }
}
