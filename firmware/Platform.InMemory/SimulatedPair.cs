using System;

namespace NfIcbmsg.Platform.InMemory
{
    /// <summary>
    /// Two simulated cores in one process: one shared window, one line per mailbox channel, and an
    /// instance for each side (side B is the mirror of side A's configuration). Each instance runs
    /// its own receive thread, as each core would.
    /// </summary>
    public sealed class SimulatedPair : IDisposable
    {
        /// <summary>Builds both sides of <paramref name="sideA"/>; nothing is opened yet.</summary>
        public SimulatedPair(InstanceConfig sideA)
        {
            if (sideA == null)
            {
                throw new ArgumentNullException(nameof(sideA));
            }

            if (sideA.WindowLength > int.MaxValue)
            {
                throw new ArgumentException("the two regions span more than 2 GiB");
            }

            ConfigA = sideA;
            ConfigB = sideA.Mirror();
            Memory = new RegionPairMemory(sideA);
            LineAToB = new InProcessMailbox();
            LineBToA = new InProcessMailbox();
            SideA = IpcService.Create(ConfigA, Memory, LineAToB, LineBToA);
            SideB = IpcService.Create(ConfigB, Memory, LineBToA, LineAToB);
        }

        /// <summary>Side A's configuration.</summary>
        public InstanceConfig ConfigA { get; }

        /// <summary>Side B's configuration (the mirror of A's).</summary>
        public InstanceConfig ConfigB { get; }

        /// <summary>The shared SRAM both sides see.</summary>
        public RegionPairMemory Memory { get; }

        /// <summary>A's tx channel, B's rx channel.</summary>
        public InProcessMailbox LineAToB { get; }

        /// <summary>B's tx channel, A's rx channel.</summary>
        public InProcessMailbox LineBToA { get; }

        /// <summary>Side A.</summary>
        public IpcInstance SideA { get; }

        /// <summary>Side B.</summary>
        public IpcInstance SideB { get; }

        /// <summary>Opens A, then B (either order bonds).</summary>
        public void Open()
        {
            SideA.Open();
            SideB.Open();
        }

        /// <summary>Closes both sides.</summary>
        public void Dispose()
        {
            SideA.Close();
            SideB.Close();
        }
    }
}
