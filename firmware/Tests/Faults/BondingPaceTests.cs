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
        // How long the two sides are watched, and the pace they must keep: fewer than one receive run per
        // 2 ms each (250 in half a second): five times the retry pace, far below two sides ringing flat out.
        private const int RateWindowMs = 500;
        private const int MinMsPerRun = 2;

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

                // Both sides are in the retry regime once each has rung at least twice. The rates are taken over
                // the time the window really lasted, which a loaded machine stretches.
                ProtocolFixtures.Eventually(delegate { return a.Statistics.DoorbellsRung >= 2 && b.Statistics.DoorbellsRung >= 2; }, "both sides to repeat their bonding doorbell");
                long start = ProtocolFixtures.Now();
                int runsA = a.Statistics.ReceiveRuns;
                int runsB = b.Statistics.ReceiveRuns;
                int rungA = a.Statistics.DoorbellsRung;
                Thread.Sleep(RateWindowMs);
                runsA = a.Statistics.ReceiveRuns - runsA;
                runsB = b.Statistics.ReceiveRuns - runsB;
                rungA = a.Statistics.DoorbellsRung - rungA;
                long elapsed = ProtocolFixtures.Now() - start;
                Assert.IsFalse(a.IsBonded || b.IsBonded, "the two cannot bond");
                Assert.IsTrue(rungA > 0, "side A still repeats its bonding doorbell");
                Assert.IsTrue(runsA * MinMsPerRun < elapsed && runsB * MinMsPerRun < elapsed, "receive runs in " + elapsed.ToString() + " ms: A " + runsA.ToString() + ", B " + runsB.ToString() + " (about one each per " + IcmsgLink.BondingRepeatMs.ToString() + " ms; at most one per " + MinMsPerRun.ToString() + " ms)");
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
