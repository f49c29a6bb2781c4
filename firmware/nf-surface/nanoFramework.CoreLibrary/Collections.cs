// Non-generic collection interfaces and ArrayList of nanoFramework 1.17 mscorlib (docs/nanoframework.md §1.4).
// Hashtable, Queue and Stack live in the nanoFramework.System.Collections package. ArrayList has no Sort.

namespace System.Collections
{
    public interface IEnumerable
    {
        IEnumerator GetEnumerator();
    }

    public interface IEnumerator
    {
        object Current { get; }
        bool MoveNext();
        void Reset();
    }

    public interface ICollection : IEnumerable
    {
        int Count { get; }
        object SyncRoot { get; }
        bool IsSynchronized { get; }
        void CopyTo(Array array, int index);
    }

    public interface IList : ICollection
    {
        object this[int index] { get; set; }
        bool IsReadOnly { get; }
        bool IsFixedSize { get; }
        int Add(object value);
        void Clear();
        bool Contains(object value);
        int IndexOf(object value);
        void Insert(int index, object value);
        void Remove(object value);
        void RemoveAt(int index);
    }

    public interface IComparer
    {
        int Compare(object x, object y);
    }

    public class ArrayList : IList, ICloneable
    {
        public ArrayList() { }
        public virtual int Capacity { get => throw null; set { } }
        public virtual int Count => throw null;
        public virtual object SyncRoot => throw null;
        public virtual bool IsSynchronized => throw null;
        public virtual bool IsReadOnly => throw null;
        public virtual bool IsFixedSize => throw null;
        public virtual object this[int index] { get => throw null; set { } }
        public virtual int Add(object value) => throw null;
        public virtual void Insert(int index, object value) { }
        public virtual void Remove(object obj) { }
        public virtual void RemoveAt(int index) { }
        public virtual void Clear() { }
        public virtual bool Contains(object item) => throw null;
        public virtual int IndexOf(object value) => throw null;
        public virtual int BinarySearch(object value, IComparer comparer) => throw null;
        public virtual void CopyTo(Array array) { }
        public virtual void CopyTo(Array array, int arrayIndex) { }
        public virtual object[] ToArray() => throw null;
        public virtual Array ToArray(Type type) => throw null;
        public virtual object Clone() => throw null;
        public virtual IEnumerator GetEnumerator() => throw null;
    }
}
