using System.Threading;
using nanoFramework.TestFramework;
using NfIcbmsg.Icmsg;
using NfIcbmsg.Platform.InMemory;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Faults
{
    /// <summary>
    /// Two sides that can never bond (here a session-mode side against a legacy one; a corrupt
    /// handshake word does the same) keep ringing each other to repeat the bonding doorbell. Each ring
    /// wakes the other side, so without a pace they would ring each other flat out; with it each side
    /// runs about once per retry interval.
    /// </summary>
    [TestClass]
    public class BondingPaceTests
    {
        [TestMethod]
        public void SidesThatCannotBondRingEachOtherAtTheRetryPace()
        {
            InstanceConfig configA = ProtocolFixtures.IcmsgSideX(UnboundMode.Enable, 8);
            InstanceConfig configB = configA.Mirror();
            configB.Unbound = UnboundMode.Disable;
            ByteArrayMemory memory = new ByteArrayMemory(configA.WindowBase, (int)configA.WindowLength);
            InProcessMailbox lineAToB = new InProcessMailbox();
            InProcessMailbox lineBToA = new InProcessMailbox();
            IpcInstance a = IpcService.Create(configA, memory, lineAToB, lineBToA);
            IpcInstance b = IpcService.Create(configB, memory, lineBToA, lineAToB);
            try
            {
                a.Open();
                b.Open();
                a.RegisterEndpoint(new EndpointConfig("ep0"));
                b.RegisterEndpoint(new EndpointConfig("ep0"));
                Thread.Sleep(100);
                int runsA = a.Statistics.ReceiveRuns;
                int runsB = b.Statistics.ReceiveRuns;
                int rungA = a.Statistics.DoorbellsRung;
                Thread.Sleep(500);
                runsA = a.Statistics.ReceiveRuns - runsA;
                runsB = b.Statistics.ReceiveRuns - runsB;
                rungA = a.Statistics.DoorbellsRung - rungA;
                Assert.IsFalse(a.IsBonded || b.IsBonded, "the two cannot bond");
                Assert.IsTrue(rungA > 0, "side A still repeats its bonding doorbell");
                Assert.IsTrue(runsA < 250 && runsB < 250, "receive runs in 500 ms: A " + runsA.ToString() + ", B " + runsB.ToString() + " (about 50 each at a 10 ms pace)");
                ProtocolFixtures.AssertNoInternalFaults(a, "side A");
                ProtocolFixtures.AssertNoInternalFaults(b, "side B");
            }
            finally
            {
                a.Close();
                b.Close();
            }
        }
    }
}
