using NfIcbmsg.Icmsg;
using NfIcbmsg.Platform.InMemory;
using NfIcbmsg.Tests.Support;
using Xunit;

namespace NfIcbmsg.Tests.Host
{
    /// <summary>
    /// Host-only: a plain ICMsg instance in unbound = enable mode (D = 8) survives its peer closing and
    /// reopening (docs/protocol.md §5.5, §5.8): the survivor gets unbound(), re-registers its endpoint as a Zephyr
    /// application would, both sides get bound() again and messages flow both ways once more.
    /// </summary>
    public sealed class IcmsgSessionRebondTests
    {
        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void PeerDeregistersAndRegistersAgain(bool survivorReopensFirst)
        {
            SimulatedPair pair = new SimulatedPair(ProtocolFixtures.IcmsgSideX(UnboundMode.Enable, 8));
            try
            {
                ProtocolProbe x = new ProtocolProbe("ep");
                ProtocolProbe y = new ProtocolProbe("ep");
                ProtocolFixtures.BindPair(pair, x, y);
                Exchange(x, y, 0, 0);

                y.Endpoint.Deregister();
                x.WaitUnbound(1);
                Assert.Equal(EndpointState.Unbound, x.Endpoint.State);
                Assert.Equal(IcmsgState.Disconnected, ((IcmsgInstance)pair.SideA).LinkState);

                if (survivorReopensFirst)
                {
                    x.Register(pair.SideA);
                    y.Register(pair.SideB);
                }
                else
                {
                    y.Register(pair.SideB);
                    x.Register(pair.SideA);
                }

                x.WaitBound(2);
                y.WaitBound(2);
                Exchange(x, y, 1, 1);
                AssertClean(pair.SideA, pair.SideB);
            }
            finally
            {
                pair.Dispose();
            }
        }

        [Fact]
        public void PeerInstanceRestartsOverTheSameMemory()
        {
            SimulatedPair pair = new SimulatedPair(ProtocolFixtures.IcmsgSideX(UnboundMode.Enable, 8));
            IpcInstance? restarted = null;
            try
            {
                ProtocolProbe x = new ProtocolProbe("ep");
                ProtocolProbe y = new ProtocolProbe("ep");
                ProtocolFixtures.BindPair(pair, x, y);
                Exchange(x, y, 0, 0);

                // The peer's core goes down: its instance closes (handshake word 0), a new one comes up.
                pair.SideB.Close();
                x.WaitUnbound(1);
                restarted = IpcService.Create(pair.ConfigB, pair.Memory, pair.LineBToA, pair.LineAToB);
                ProtocolProbe y2 = new ProtocolProbe("ep");
                restarted.Open();
                y2.Register(restarted);
                x.Register(pair.SideA);
                x.WaitBound(2);
                y2.WaitBound(1);
                Exchange(x, y2, 1, 0);
                AssertClean(pair.SideA, restarted);
            }
            finally
            {
                pair.Dispose();
                restarted?.Close();
            }
        }

        // One message each way; the probes have already received `xCount` / `yCount` messages.
        private static void Exchange(ProtocolProbe x, ProtocolProbe y, int xCount, int yCount)
        {
            byte[] toY = PayloadPattern.Create(100, 10 + yCount);
            byte[] toX = PayloadPattern.Create(128, 20 + xCount);
            Assert.Equal(SendStatus.Sent, x.Endpoint.TrySend(toY, 0, toY.Length, 0));
            Assert.Equal(SendStatus.Sent, y.Endpoint.TrySend(toX, 0, toX.Length, 0));
            y.ExpectMessage(yCount, toY, "message to Y");
            x.ExpectMessage(xCount, toX, "message to X");
        }

        private static void AssertClean(IpcInstance a, IpcInstance b)
        {
            foreach (IpcInstance side in new[] { a, b })
            {
                Assert.Equal(0, side.Statistics.Rejected);
                Assert.Equal(0, side.Statistics.InternalFaults);
                Assert.Equal(0, side.Statistics.CallbackFaults);
            }
        }
    }
}
