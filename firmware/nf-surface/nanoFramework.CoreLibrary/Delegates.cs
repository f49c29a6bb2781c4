// Delegates of nanoFramework 1.17 mscorlib. Only non-generic delegates are declared: the real mscorlib also
// declares Action<T>, Func<...> and EventHandler<T>, but the 1.17 runtime crashes on them
// (docs/nanoframework.md §1.1, §9), so the surface leaves them out and such code fails to compile.

using System.Reflection;

namespace System
{
    // Overrides Equals and defines ==/!= but not GetHashCode, as in the real mscorlib.
#pragma warning disable CS0659, CS0661
    public abstract class Delegate
#pragma warning restore CS0659, CS0661
    {
        protected Delegate() { }
        public MethodInfo Method => throw null;
        public object Target => throw null;
        public static Delegate Combine(Delegate a, Delegate b) => throw null;
        public static Delegate Remove(Delegate source, Delegate value) => throw null;
        public virtual Delegate[] GetInvocationList() => throw null;
        public override bool Equals(object obj) => throw null;
        public static bool operator ==(Delegate d1, Delegate d2) => throw null;
        public static bool operator !=(Delegate d1, Delegate d2) => throw null;
    }

    public abstract class MulticastDelegate : Delegate
    {
        protected MulticastDelegate() { }
    }

    // Non-generic Action: CancellationToken.Register and Assert.ThrowsException take it.
    public delegate void Action();

    public delegate void EventHandler(object sender, EventArgs e);
}
