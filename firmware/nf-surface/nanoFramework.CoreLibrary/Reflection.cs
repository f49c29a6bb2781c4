// Type and the limited reflection of nanoFramework 1.17 mscorlib (shared/nanoframework.md §1.1 "Reflection"):
// Type.GetMethods/GetMethod/GetFields/GetField/GetConstructor/GetInterfaces/IsXxx, MethodInfo.Invoke,
// GetCustomAttributes. No GetProperty/GetProperties, no Activator.

namespace System
{
    public abstract class Type : Reflection.MemberInfo
    {
        protected Type() { }
        public static Type GetTypeFromHandle(RuntimeTypeHandle handle) => throw null;
        public virtual string FullName => throw null;
        public virtual Type BaseType => throw null;
        public bool IsAbstract => throw null;
        public bool IsArray => throw null;
        public bool IsClass => throw null;
        public bool IsEnum => throw null;
        public bool IsInterface => throw null;
        public bool IsNotPublic => throw null;
        public bool IsPublic => throw null;
        public bool IsSealed => throw null;
        public bool IsValueType => throw null;
        public virtual Type GetElementType() => throw null;
        public virtual Type[] GetInterfaces() => throw null;
        public Reflection.MethodInfo[] GetMethods() => throw null;
        public Reflection.MethodInfo GetMethod(string name) => throw null;
        public Reflection.FieldInfo[] GetFields() => throw null;
        public Reflection.FieldInfo GetField(string name) => throw null;
        public Reflection.ConstructorInfo GetConstructor(Type[] types) => throw null;
        public Reflection.ConstructorInfo[] GetConstructors() => throw null;
    }

    public struct RuntimeTypeHandle { }

    public struct RuntimeFieldHandle { }

    public struct RuntimeMethodHandle { }
}

namespace System.Reflection
{
    public abstract class MemberInfo
    {
        protected MemberInfo() { }
        public abstract string Name { get; }
        public abstract Type DeclaringType { get; }
        public virtual object[] GetCustomAttributes(bool inherit) => throw null;
    }

    public abstract class MethodBase : MemberInfo
    {
        protected MethodBase() { }
        public bool IsPublic => throw null;
        public bool IsStatic => throw null;
        public bool IsFinal => throw null;
        public bool IsVirtual => throw null;
        public bool IsAbstract => throw null;
        public virtual object Invoke(object obj, object[] parameters) => throw null;
    }

    public abstract class MethodInfo : MethodBase
    {
        protected MethodInfo() { }
        public virtual Type ReturnType => throw null;
    }

    public abstract class ConstructorInfo : MethodBase
    {
        protected ConstructorInfo() { }
        public virtual object Invoke(object[] parameters) => throw null;
    }

    public abstract class FieldInfo : MemberInfo
    {
        protected FieldInfo() { }
        public abstract Type FieldType { get; }
        public abstract object GetValue(object obj);
        public virtual void SetValue(object obj, object value) { }
    }
}
