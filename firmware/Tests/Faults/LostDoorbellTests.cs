using System.Threading;
using nanoFramework.TestFramework;
using NfIcbmsg.Platform.InMemory;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Faults
{
    /// <summary>
    /// Doorbells are interrupts and can be lost. After bonding, both sides lose 10 % or all of their
    /// rings; traffic both ways still completes because an idle receive thread re-checks the rings
    /// every InstanceConfig.IdleRecheckMs, and every message arrives intact and in order. With the
    /// re-check turned off, one lost ring leaves a message unread.
    /// </summary>
    [TestClass]
    public class LostDoorbellTests
    {
        // Each probe keeps a copy of every message until the end: sized to fit a 128 KB device heap.
        private const int Messages = 80;
        private const int LargestMessage = 200;

        // A receive thread that has not run for this long owes no pass to an earlier doorbell: a pending wake
        // is taken within a scheduling slice (a few ms on the host, 20 ms on the nanoCLR).
        private const int QuietMs = 100;

        // How long a message whose ring was lost is shown to stay unread with the re-check off: three of the
        // device's default re-check intervals, so an instance that ignored the setting and re-checked at the
        // default (or the host's shorter one) would have read it.
        private const int UnreadWindowMs = 3 * InstanceConfig.DeviceIdleRecheckMs;

        [TestMethod]
        public void TrafficBothWaysCompletesWhenRingsAreLost()
        {
            CheckTrafficBothWaysCompletesWhenRingsAreLost(10);
            CheckTrafficBothWaysCompletesWhenRingsAreLost(100);
        }

        private static void CheckTrafficBothWaysCompletesWhenRingsAreLost(int dropPercent)
        {
            InstanceConfig configA = ProtocolFixtures.DocsSideX();
            configA.IdleRecheckMs = 5;
            InstanceConfig configB = configA.Mirror();
            RegionPairMemory memory = new RegionPairMemory(configA);
            InProcessMailbox lineAToB = new InProcessMailbox();
            InProcessMailbox lineBToA = new InProcessMailbox();
            ProtocolLossyMailbox lossyA = new ProtocolLossyMailbox(lineAToB, dropPercent, 11);
            ProtocolLossyMailbox lossyB = new ProtocolLossyMailbox(lineBToA, dropPercent, 29);
            IpcInstance a = IpcService.Create(configA, memory, lossyA, lineBToA);
            IpcInstance b = IpcService.Create(configB, memory, lossyB, lineAToB);
            ProtocolProbe x = new ProtocolProbe("ep0");
            ProtocolProbe y = new ProtocolProbe("ep0");
            try
            {
                Bind(a, b, x, y);
                lossyA.Arm();
                lossyB.Arm();

                for (int i = 0; i < Messages; i++)
                {
                    byte[] toY = PayloadPattern.Create(1 + (i * 37) % LargestMessage, i);
                    byte[] toX = PayloadPattern.Create(1 + (i * 53) % LargestMessage, 1000 + i);
                    Assert.AreEqual((int)SendStatus.Sent, (int)x.Endpoint.TrySend(toY, 0, toY.Length, ProtocolFixtures.WaitMs), "X's message " + i.ToString());
                    Assert.AreEqual((int)SendStatus.Sent, (int)y.Endpoint.TrySend(toX, 0, toX.Length, ProtocolFixtures.WaitMs), "Y's message " + i.ToString());
                }

                for (int i = 0; i < Messages; i++)
                {
                    y.ExpectMessage(i, PayloadPattern.Create(1 + (i * 37) % LargestMessage, i), "Y's copy of X's message " + i.ToString());
                    x.ExpectMessage(i, PayloadPattern.Create(1 + (i * 53) % LargestMessage, 1000 + i), "X's copy of Y's message " + i.ToString());
                }

                ProtocolFixtures.Eventually(delegate { return a.Statistics.TxBlocksInUse == 0 && b.Statistics.TxBlocksInUse == 0; }, "every block to be released");
                Assert.IsTrue(lossyA.Dropped > 0 && lossyB.Dropped > 0, "rings lost: A " + lossyA.Dropped.ToString() + ", B " + lossyB.Dropped.ToString());
                if (dropPercent == 100)
                {
                    Assert.AreEqual(0, lossyA.Passed + lossyB.Passed, "no ring got through");
                }

                // A later ring may have covered every ring lost so far. A re-check only counts when no doorbell
                // came for a whole interval, so once both sides have re-checked after the last release neither
                // owes a pass to any ring; a last message each way, its ring lost too, can then be found by
                // nothing but a re-check.
                int rechecksA = a.Statistics.IdleRechecks;
                int rechecksB = b.Statistics.IdleRechecks;
                ProtocolFixtures.Eventually(delegate { return a.Statistics.IdleRechecks > rechecksA && b.Statistics.IdleRechecks > rechecksB; }, "both sides to re-check while idle");
                lossyA.LoseAll();
                lossyB.LoseAll();
                rechecksA = a.Statistics.IdleRechecks;
                rechecksB = b.Statistics.IdleRechecks;
                byte[] lastToY = PayloadPattern.Create(LargestMessage, Messages);
                byte[] lastToX = PayloadPattern.Create(LargestMessage, 1000 + Messages);
                Assert.AreEqual((int)SendStatus.Sent, (int)x.Endpoint.TrySend(lastToY, 0, lastToY.Length, 0), "X's last message");
                Assert.AreEqual((int)SendStatus.Sent, (int)y.Endpoint.TrySend(lastToX, 0, lastToX.Length, 0), "Y's last message");
                y.ExpectMessage(Messages, lastToY, "Y's copy of X's last message");
                x.ExpectMessage(Messages, lastToX, "X's copy of Y's last message");
                Assert.IsTrue(a.Statistics.IdleRechecks > rechecksA && b.Statistics.IdleRechecks > rechecksB, "both sides re-checked to find the last message");
                Assert.AreEqual(0, a.Statistics.Rejected + b.Statistics.Rejected, "rejections");
                ProtocolFixtures.AssertNoFaults(a, b);
            }
            finally
            {
                a.Close();
                b.Close();
            }
        }

        private static void Bind(IpcInstance a, IpcInstance b, ProtocolProbe x, ProtocolProbe y)
        {
            a.Open();
            b.Open();
            x.Register(a);
            y.Register(b);
            x.WaitBound(1);
            y.WaitBound(1);
        }

        [TestMethod]
        public void WithoutTheRecheckALostRingLeavesTheMessageUnread()
        {
            InstanceConfig configA = ProtocolFixtures.DocsSideX();
            configA.IdleRecheckMs = Timeout.Infinite;
            InstanceConfig configB = configA.Mirror();
            RegionPairMemory memory = new RegionPairMemory(configA);
            InProcessMailbox lineAToB = new InProcessMailbox();
            InProcessMailbox lineBToA = new InProcessMailbox();
            ProtocolLossyMailbox lossyA = new ProtocolLossyMailbox(lineAToB, 100, 5);
            IpcInstance a = IpcService.Create(configA, memory, lossyA, lineBToA);
            IpcInstance b = IpcService.Create(configB, memory, lineBToA, lineAToB);
            ProtocolProbe x = new ProtocolProbe("ep0");
            ProtocolProbe y = new ProtocolProbe("ep0");
            try
            {
                Bind(a, b, x, y);
                lossyA.Arm();

                // B's receive thread may still owe a pass to a doorbell of the binding: let it go quiet first, so
                // that only a doorbell for this message could make it read the ring.
                int runs = b.Statistics.ReceiveRuns;
                ProtocolFixtures.Eventually(delegate
                {
                    Thread.Sleep(QuietMs);
                    int now = b.Statistics.ReceiveRuns;
                    bool quiet = now == runs;
                    runs = now;
                    return quiet;
                }, "B's receive thread to go quiet after binding");
                byte[] message = PayloadPattern.Create(20, 3);
                int rung = a.Statistics.DoorbellsRung;
                runs = b.Statistics.ReceiveRuns;
                Assert.AreEqual((int)SendStatus.Sent, (int)x.Endpoint.TrySend(message, 0, message.Length, 0), "the send");
                Assert.IsTrue(a.Statistics.DoorbellsRung > rung, "the send rang B's doorbell");
                Assert.IsTrue(lossyA.Dropped >= 1 && lossyA.Passed == 0, "and the ring was lost");

                // Nothing else wakes B now; the window is the bound this test proves.
                Thread.Sleep(UnreadWindowMs);
                Assert.AreEqual(runs, b.Statistics.ReceiveRuns, "B's receive thread did not run without a doorbell");
                Assert.AreEqual(0, y.MessageCount, "unread without its doorbell");
                Assert.AreEqual(0, b.Statistics.IdleRechecks, "no re-check when turned off");

                // The message waited in the ring for nothing but a doorbell: one ring, and it arrives.
                lineAToB.Raise();
                y.ExpectMessage(0, message, "the message on the next doorbell");
            }
            finally
            {
                a.Close();
                b.Close();
            }
        }

        [TestMethod]
        public void TheIntervalIsValidated()
        {
            InstanceConfig config = ProtocolFixtures.DocsSideX();
            ByteArrayMemory memory = new ByteArrayMemory(config.WindowBase, (int)config.WindowLength);
            InProcessMailbox line = new InProcessMailbox();
            Assert.AreEqual(InstanceConfig.DeviceIdleRecheckMs, config.IdleRecheckMs, "the default");
            config.IdleRecheckMs = 0;
            Assert.ThrowsException(typeof(System.ArgumentException), delegate { IpcService.Create(config, memory, line, line); });
            config.IdleRecheckMs = -2;
            Assert.ThrowsException(typeof(System.ArgumentException), delegate { IpcService.Create(config, memory, line, line); });
        }
    }
}
