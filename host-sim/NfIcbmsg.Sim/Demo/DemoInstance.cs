using System.Collections.Generic;

namespace NfIcbmsg.Sim.Demo
{
    /// <summary>One instance of the demo: its configuration (side A's view) and the endpoints bound on it.</summary>
    public sealed record DemoInstance(InstanceConfig Config, IReadOnlyList<string> Endpoints);
}
