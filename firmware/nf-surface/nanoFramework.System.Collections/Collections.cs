// API surface of package nanoFramework.System.Collections 1.5.75 (docs/nanoframework.md §1.4).
// Hashtable has Contains(key), not ContainsKey; Queue has only the parameterless constructor.

namespace System.Collections
{
    public class DictionaryEntry
    {
        public object Key;
        public object Value;
        public DictionaryEntry(object key, object value) { Key = key; Value = value; }
    }

    public interface IDictionaryEnumerator : IEnumerator
    {
        object Key { get; }
        object Value { get; }
        DictionaryEntry Entry { get; }
    }

    public interface IDictionary : ICollection
    {
        object this[object key] { get; set; }
        ICollection Keys { get; }
        ICollection Values { get; }
        bool IsReadOnly { get; }
        bool IsFixedSize { get; }
        bool Contains(object key);
        void Add(object key, object value);
        void Clear();
        void Remove(object key);
    }

    public class Hashtable : IDictionary, ICloneable
    {
        public Hashtable() { }
        public Hashtable(int capacity) { }
        public Hashtable(int capacity, float loadFactor) { }
        public object this[object key] { get => throw null; set { } }
        public ICollection Keys => throw null;
        public ICollection Values => throw null;
        public int Count => throw null;
        public object SyncRoot => throw null;
        public bool IsSynchronized => throw null;
        public bool IsReadOnly => throw null;
        public bool IsFixedSize => throw null;
        public void Add(object key, object value) { }
        public bool Contains(object key) => throw null;
        public void Remove(object key) { }
        public void Clear() { }
        public object Clone() => throw null;
        public void CopyTo(Array array, int arrayIndex) { }
        public IEnumerator GetEnumerator() => throw null;
    }

    public class Queue : ICollection, ICloneable
    {
        public Queue() { }
        public virtual int Count => throw null;
        public virtual object SyncRoot => throw null;
        public virtual bool IsSynchronized => throw null;
        public virtual void Enqueue(object obj) { }
        public virtual object Dequeue() => throw null;
        public virtual object Peek() => throw null;
        public virtual bool Contains(object obj) => throw null;
        public virtual void Clear() { }
        public virtual object[] ToArray() => throw null;
        public virtual void CopyTo(Array array, int index) { }
        public virtual object Clone() => throw null;
        public virtual IEnumerator GetEnumerator() => throw null;
    }

    public class Stack : ICollection
    {
        public Stack() { }
        public virtual int Count => throw null;
        public virtual object SyncRoot => throw null;
        public virtual bool IsSynchronized => throw null;
        public virtual void Push(object obj) { }
        public virtual object Pop() => throw null;
        public virtual object Peek() => throw null;
        public virtual bool Contains(object obj) => throw null;
        public virtual void Clear() { }
        public virtual object[] ToArray() => throw null;
        public virtual void CopyTo(Array array, int index) { }
        public virtual IEnumerator GetEnumerator() => throw null;
    }
}
