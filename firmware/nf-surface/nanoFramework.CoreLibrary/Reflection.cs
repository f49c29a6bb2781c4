// Type and the limited reflection of nanoFramework 1.17 mscorlib (docs/nanoframework.md §1.1 "Reflection"):
// Type.GetMethods/GetMethod/GetFields/GetField/GetConstructor/GetInterfaces/IsXxx, MethodInfo.Invoke,
// GetCustomAttributes. No GetProperty/GetProperties, no Activator.

namespace System
{
    public abstract class Type : Reflection.MemberInfo
    {
        protected Type() { }
        public static Type GetTypeFromHandle(RuntimeTypeHandle handle) => throw null;
        public abstract string FullName { get; }
        public abstract Type BaseType { get; }
        public bool IsAbstract => throw null;
        public bool IsArray => throw null;
        public bool IsClass => throw null;
        public bool IsEnum => throw null;
        public bool IsInterface => throw null;
        public bool IsNotPublic => throw null;
        public bool IsPublic => throw null;
        public bool IsValueType => throw null;
        public abstract Type GetElementType();
        public abstract Type[] GetInterfaces();
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
        public abstract object[] GetCustomAttributes(bool inherit);
    }

    public abstract class MethodBase : MemberInfo
    {
        protected MethodBase() { }
        public bool IsPublic => throw null;
        public bool IsStatic => throw null;
        public bool IsFinal => throw null;
        public bool IsVirtual => throw null;
        public bool IsAbstract => throw null;
        public object Invoke(object obj, object[] parameters) => throw null;
    }

    public abstract class MethodInfo : MethodBase
    {
        protected MethodInfo() { }
        public abstract Type ReturnType { get; }
    }

    public abstract class ConstructorInfo : MethodBase
    {
        protected ConstructorInfo() { }
        public object Invoke(object[] parameters) => throw null;
    }

    public abstract class FieldInfo : MemberInfo
    {
        protected FieldInfo() { }
        public abstract Type FieldType { get; }
        public abstract object GetValue(object obj);
        public virtual void SetValue(object obj, object value) { }
    }
}
