// System.Array of nanoFramework 1.17 (docs/nanoframework.md §1.4): single-dimension and jagged only.
// Missing on purpose: Resize, Sort, Reverse, Fill, Empty, the 1-argument Clear; Buffer.BlockCopy does not exist.

using System.Collections;

namespace System
{
    public abstract class Array : ICloneable, IList
    {
        protected Array() { }

        public int Length => throw null;

        public static void Copy(Array sourceArray, Array destinationArray, int length) { }
        public static void Copy(Array sourceArray, int sourceIndex, Array destinationArray, int destinationIndex, int length) { }
        public static void Clear(Array array, int index, int length) { }
        public static int IndexOf(Array array, object value) => throw null;
        public static int IndexOf(Array array, object value, int startIndex) => throw null;
        public static int IndexOf(Array array, object value, int startIndex, int count) => throw null;
        public static int BinarySearch(Array array, object value, IComparer comparer) => throw null;
        public static int BinarySearch(Array array, int index, int length, object value, IComparer comparer) => throw null;

        public void CopyTo(Array array, int index) { }
        public object GetValue(int index) => throw null;
        public IEnumerator GetEnumerator() => throw null;
        public object Clone() => throw null;

        int ICollection.Count => throw null;
        object ICollection.SyncRoot => throw null;
        bool ICollection.IsSynchronized => throw null;
        object IList.this[int index] { get => throw null; set { } }
        bool IList.IsReadOnly => throw null;
        bool IList.IsFixedSize => throw null;
        int IList.Add(object value) => throw null;
        void IList.Clear() { }
        bool IList.Contains(object value) => throw null;
        int IList.IndexOf(object value) => throw null;
        void IList.Insert(int index, object value) { }
        void IList.Remove(object value) { }
        void IList.RemoveAt(int index) { }
    }
}
