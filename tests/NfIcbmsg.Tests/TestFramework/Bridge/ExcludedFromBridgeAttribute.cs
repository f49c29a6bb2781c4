using System;

namespace NfIcbmsg.Tests.Bridge
{
    /// <summary>
    /// Keeps a [TestClass] out of the bridge's discovery: used by the specimens that fail or skip on
    /// purpose so that the bridge's own tests can run them directly and watch the outcome.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
    public sealed class ExcludedFromBridgeAttribute : Attribute
    {
    }
}
