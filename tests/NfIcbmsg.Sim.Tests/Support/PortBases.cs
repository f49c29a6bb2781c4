using NfIcbmsg.Sim.Bench;

namespace NfIcbmsg.Sim.Tests.Support
{
    /// <summary>A port base per test whose sim-board channels (0..5: ipc0, ipc1, ipc2) are free now, so tests run in parallel without sharing lines.</summary>
    public static class PortBases
    {
        public static int Next()
        {
            return FreePortBase.Find(6);
        }
    }
}
