using System;
using System.Threading;
using nanoFramework.TestFramework;
using NfIcbmsg.Platform.InMemory;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Icbmsg
{
    /// <summary>
    /// Running out of tx blocks (docs/protocol.md §6.8): X's 16 blocks are all held by Y. A send that may not wait
    /// fails at once, a timed one after its timeout (both counted), an unbounded one completes when Y
    /// releases, and a send from a received callback never waits (releases arrive on that very thread).
    /// </summary>
    [TestClass]
    public class IcbmsgExhaustionTests
    {
        // How long the unbounded send is shown to wait while every block is held, counted from the moment it
        // began: nothing can free a block meanwhile (Y holds all 16 and releases none), so a send that
        // completed in this window took a block that was not free. The bound is what this test proves.
        private const int BlockedWindowMs = 100;

        private static ProtocolProbe s_x;
        private static ProtocolProbe s_y;
        private static int s_waitingStatus;
        private static int s_callbackStatus;
        private static long s_callbackMs;
        private static int s_callbackTimeout;
        private static readonly ManualResetEvent s_done = new ManualResetEvent(false);
        private static readonly ManualResetEvent s_sending = new ManualResetEvent(false);
        private static readonly byte[] s_small = PayloadPattern.Create(8, 77);

        [TestMethod]
        public void SendWithoutWaitingFailsAtOnce()
        {
            SimulatedPair pair = Exhausted();
            try
            {
                IpcStatistics statistics = pair.SideA.Statistics;
                int waits = statistics.AllocationWaits;
                int timeouts = statistics.AllocationTimeouts;
                Assert.AreEqual((int)SendStatus.NoBuffers, (int)s_x.Endpoint.TrySend(s_small, 0, s_small.Length, 0), "TrySend, no wait");
                Assert.IsFalse(s_x.Endpoint.GetTxBuffer(8, 0).IsActive, "GetTxBuffer, no wait");
                Assert.ThrowsException(typeof(TimeoutException), delegate { s_x.Endpoint.Send(s_small, 0, s_small.Length, 0); });
                Assert.AreEqual(waits, statistics.AllocationWaits, "no-wait sends do not wait");
                Assert.AreEqual(timeouts, statistics.AllocationTimeouts, "no-wait sends do not time out");
                Assert.AreEqual(16, statistics.TxBlocksInUse, "nothing changed");
                ProtocolFixtures.AssertNoFaults(pair.SideA, pair.SideB);
            }
            finally
            {
                Cleanup(pair);
            }
        }

        [TestMethod]
        public void SendWithATimeoutFailsAfterIt()
        {
            SimulatedPair pair = Exhausted();
            try
            {
                IpcStatistics statistics = pair.SideA.Statistics;
                int waits = statistics.AllocationWaits;
                int timeouts = statistics.AllocationTimeouts;
                long start = ProtocolFixtures.Now();
                Assert.AreEqual((int)SendStatus.NoBuffers, (int)s_x.Endpoint.TrySend(s_small, 0, s_small.Length, 50), "TrySend, 50 ms");
                long elapsed = ProtocolFixtures.Now() - start;
                Assert.IsTrue(elapsed >= 45, "waited " + elapsed.ToString() + " ms of 50");
                Assert.IsTrue(elapsed < 2000, "waited " + elapsed.ToString() + " ms of 50");
                Assert.AreEqual(waits + 1, statistics.AllocationWaits, "allocation waits");
                Assert.AreEqual(timeouts + 1, statistics.AllocationTimeouts, "allocation timeouts");

                start = ProtocolFixtures.Now();
                Assert.IsFalse(s_x.Endpoint.GetTxBuffer(8, 50).IsActive, "GetTxBuffer, 50 ms");
                elapsed = ProtocolFixtures.Now() - start;
                Assert.IsTrue(elapsed >= 45, "lease waited " + elapsed.ToString() + " ms of 50");
                Assert.AreEqual(waits + 2, statistics.AllocationWaits, "allocation waits after the lease");
                Assert.AreEqual(timeouts + 2, statistics.AllocationTimeouts, "allocation timeouts after the lease");
                ProtocolFixtures.AssertNoFaults(pair.SideA, pair.SideB);
            }
            finally
            {
                Cleanup(pair);
            }
        }

        [TestMethod]
        public void UnboundedSendCompletesWhenThePeerReleases()
        {
            SimulatedPair pair = Exhausted();
            Thread sender = null;
            RxBuffer[] held = new RxBuffer[0];
            try
            {
                s_done.Reset();
                s_sending.Reset();
                s_waitingStatus = -1;
                int waits = pair.SideA.Statistics.AllocationWaits;
                sender = new Thread(SendForever);
                sender.Start();
                Assert.IsTrue(s_sending.WaitOne(ProtocolFixtures.WaitMs, false), "the sending thread starts");
                Assert.IsFalse(s_done.WaitOne(BlockedWindowMs, false), "the send waits while every block is held");
                Assert.AreEqual(-1, s_waitingStatus, "no status yet");
                Assert.AreEqual(16, pair.SideA.Statistics.TxBlocksInUse, "no block taken meanwhile");

                ProtocolRejectRecorder rejects = new ProtocolRejectRecorder(pair.SideB);
                held = s_y.TakeHeld();
                held[5].Release();
                Assert.IsTrue(s_done.WaitOne(ProtocolFixtures.WaitMs, false), "the send completes after a release");
                Assert.AreEqual((int)SendStatus.Sent, s_waitingStatus, "status of the waiting send");

                // The new message reuses the block just released (block 5, the only free one): the
                // receiver must not still count it as held once its release is out.
                ProtocolFixtures.Until(delegate { return s_y.MessageCount >= 17 || pair.SideB.Statistics.Rejected > 0; }, s_y.Signal, ProtocolFixtures.WaitMs);
                rejects.AssertOnly(RejectReason.BlockInUse, 0);
                s_y.ExpectMessage(16, s_small, "the 17th message");
                Assert.AreEqual(waits + 1, pair.SideA.Statistics.AllocationWaits, "counted as a wait");
                ProtocolFixtures.AssertNoFaults(pair.SideA, pair.SideB);
            }
            finally
            {
                // Release everything before closing, so a sender that still waits gets its block.
                for (int i = 0; i < held.Length; i++)
                {
                    if (held[i].IsHeld)
                    {
                        held[i].Release();
                    }
                }

                Cleanup(pair);
                if (sender != null)
                {
                    sender.Join(ProtocolFixtures.WaitMs);
                }
            }
        }

        [TestMethod]
        public void SendFromTheReceivedCallbackNeverWaits()
        {
            CheckSendFromTheReceivedCallbackNeverWaits(3000);
            CheckSendFromTheReceivedCallbackNeverWaits(-1);
        }

        private static void CheckSendFromTheReceivedCallbackNeverWaits(int timeoutMs)
        {
            // A wait there would wait for a release only this very thread can process. The bounded row
            // shows a regression as a failure after 3 s; the unbounded row is the case that would hang.
            SimulatedPair pair = Exhausted();
            try
            {
                s_done.Reset();
                s_callbackStatus = -1;
                s_callbackTimeout = timeoutMs;
                s_x.Hook = ReplyFromCallback;
                byte[] ping = PayloadPattern.Create(5, 3);
                Assert.AreEqual((int)SendStatus.Sent, (int)s_y.Endpoint.TrySend(ping, 0, ping.Length, 0), "Y sends to X");
                Assert.IsTrue(s_done.WaitOne(ProtocolFixtures.WaitMs, false), "X's callback returns");
                Assert.AreEqual((int)SendStatus.NoBuffers, s_callbackStatus, "a send inside the callback finds no block and does not wait");
                Assert.IsTrue(s_callbackMs < 1000, "the callback's send took " + s_callbackMs.ToString() + " ms");
                s_x.ExpectMessage(0, ping, "X got the message");
                ProtocolFixtures.Eventually(delegate { return pair.SideB.Statistics.TxBlocksInUse == 0; }, "X to release Y's block after its callback");
                ProtocolFixtures.AssertNoFaults(pair.SideA, pair.SideB);
            }
            finally
            {
                Cleanup(pair);
            }
        }

        private static void SendForever()
        {
            s_sending.Set();
            s_waitingStatus = (int)s_x.Endpoint.TrySend(s_small, 0, s_small.Length, Timeout.Infinite);
            s_done.Set();
        }

        private static void ReplyFromCallback(ProtocolProbe probe, RxBuffer buffer)
        {
            long start = ProtocolFixtures.Now();
            s_callbackStatus = (int)probe.Endpoint.TrySend(s_small, 0, s_small.Length, s_callbackTimeout);
            s_callbackMs = ProtocolFixtures.Now() - start;
            s_done.Set();
        }

        // A docs pair, "ep0" bound, and X's 16 blocks all held by Y.
        private static SimulatedPair Exhausted()
        {
            SimulatedPair pair = new SimulatedPair(ProtocolFixtures.DocsSideX());
            s_x = new ProtocolProbe("ep0");
            s_y = new ProtocolProbe("ep0");
            ProtocolFixtures.BindPair(pair, s_x, s_y);
            s_y.HoldAll = true;
            for (int i = 0; i < 16; i++)
            {
                Assert.AreEqual((int)SendStatus.Sent, (int)s_x.Endpoint.TrySend(s_small, 0, s_small.Length, 0), "filling send " + i.ToString());
            }

            s_y.WaitHeld(16);
            Assert.AreEqual(16, pair.SideA.Statistics.TxBlocksInUse, "every tx block of X is held by Y");
            return pair;
        }

        private static void Cleanup(SimulatedPair pair)
        {
            s_x.Hook = null;
            ProtocolFixtures.ReleaseAndDispose(pair, s_y);

            // The probes reach the whole pair: a static must not keep it alive after the test.
            s_x = null;
            s_y = null;
        }
    }
}
