using nanoFramework.TestFramework;
using NfIcbmsg.Icmsg;
using NfIcbmsg.Platform.InMemory;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Icmsg
{
    /// <summary>
    /// docs/protocol.md §8.6: the session handshake with unbound = detect and dcache-alignment 8 (rd@0, hs@4, wr@8,
    /// data@12). X's request and ack live in R2+4 (its rx region), Y's in R1+4. No magic is written; the
    /// closer writes 0 into its word and the other side gets unbound(). The step-by-step words are checked
    /// with one side scripted by the test, so that every intermediate value is observable.
    /// </summary>
    [TestClass]
    public class IcmsgSessionTraceTests
    {
        private static RegionPairMemory s_memory;
        private static ProtocolRegionGuard s_guard;
        private static InProcessMailbox s_toSide;

        [TestMethod]
        public void PairBondsWithSessionIdsAndNoMagic()
        {
            SimulatedPair pair = new SimulatedPair(ProtocolFixtures.IcmsgSideX(UnboundMode.Detect, 8));
            try
            {
                RegionPairMemory bytes = pair.Memory;
                int r1 = ProtocolFixtures.At(ProtocolFixtures.R1);
                int r2 = ProtocolFixtures.At(ProtocolFixtures.R2);
                ProtocolProbe x = new ProtocolProbe("ep");
                ProtocolProbe y = new ProtocolProbe("ep");
                pair.Open();
                x.Register(pair.SideA);
                ProtocolFixtures.Eventually(delegate { return ProtocolFixtures.Word(bytes, r2 + 4) == 1; }, "X to request session 1 in R2+4");
                ByteAssert.Equal(new byte[] { 0x01, 0x00, 0x00, 0x00 }, bytes, r2 + 4, "X opened: R2+4");
                Assert.AreEqual(0u, ProtocolFixtures.Word(bytes, r1 + 4), "R1+4 before Y opens");

                y.Register(pair.SideB);
                x.WaitBound(1);
                y.WaitBound(1);
                ByteAssert.Equal(new byte[] { 0x01, 0x00, 0x02, 0x00 }, bytes, r2 + 4, "X's word: request 1, ack 2");
                ByteAssert.Equal(new byte[] { 0x02, 0x00, 0x01, 0x00 }, bytes, r1 + 4, "Y's word: request 2, ack 1");
                Assert.AreEqual((int)IcmsgState.ConnectedSidEnabled, (int)((IcmsgInstance)pair.SideA).LinkState, "X's link state");
                Assert.AreEqual((int)IcmsgState.ConnectedSidEnabled, (int)((IcmsgInstance)pair.SideB).LinkState, "Y's link state");
                ByteAssert.All(0, bytes, r1 + 8, ProtocolFixtures.RegionSize - 8, "R1 from wr_idx on: no magic, no packet");
                ByteAssert.All(0, bytes, r2 + 8, ProtocolFixtures.RegionSize - 8, "R2 from wr_idx on: no magic, no packet");

                // Data starts at +12 with D = 8 and the handshake word.
                byte[] hello = ProtocolFixtures.Ascii("hello");
                Assert.AreEqual((int)SendStatus.Sent, (int)x.Endpoint.TrySend(hello, 0, hello.Length, 0), "X sends hello");
                y.ExpectMessage(0, hello, "Y receives hello");
                ByteAssert.Equal(new byte[] { 0x00, 0x05, 0x00, 0x00, 0x68, 0x65, 0x6C, 0x6C, 0x6F }, bytes, r1 + 0x0C, "hello at R1+0x00C");
                ByteAssert.Equal(new byte[] { 0x0C, 0x00, 0x00, 0x00 }, bytes, r1 + 8, "R1 wr_idx = 12");

                // Y closes: its word becomes 0, X sees the request id change and gets unbound().
                y.Endpoint.Deregister();
                x.WaitUnbound(1);
                ByteAssert.Equal(new byte[] { 0x00, 0x00, 0x00, 0x00 }, bytes, r1 + 4, "Y closed: R1+4");
                Assert.AreEqual((int)IcmsgState.Disconnected, (int)((IcmsgInstance)pair.SideA).LinkState, "X's link state after Y closed");
                Assert.AreEqual((int)SendStatus.NotBound, (int)x.Endpoint.TrySend(hello, 0, hello.Length, 0), "X sends after unbound");
                Assert.AreEqual(0, y.UnboundCount, "the closing side gets no unbound()");
                ProtocolFixtures.AssertNoInternalFaults(pair.SideA, "X");
                ProtocolFixtures.AssertNoInternalFaults(pair.SideB, "Y");
            }
            finally
            {
                pair.Dispose();
            }
        }

        [TestMethod]
        public void FirstSideFollowsTheTraceStepByStep()
        {
            // X is real, the test plays Y by writing R1+4 and ringing.
            IpcInstance x = CreateSide(ProtocolFixtures.IcmsgSideX(UnboundMode.Detect, 8), "X");
            RegionPairMemory memory = s_memory;
            ProtocolRegionGuard guard = s_guard;
            InProcessMailbox toX = s_toSide;
            RegionPairMemory bytes = memory;
            int r1 = ProtocolFixtures.At(ProtocolFixtures.R1);
            int r2 = ProtocolFixtures.At(ProtocolFixtures.R2);
            try
            {
                ProtocolProbe probe = new ProtocolProbe("ep");
                x.Open();
                probe.Register(x);
                ProtocolFixtures.Eventually(delegate { return ProtocolFixtures.Word(bytes, r2 + 4) == 1; }, "X to request session 1");
                ByteAssert.Equal(new byte[] { 0x01, 0x00, 0x00, 0x00 }, bytes, r2 + 4, "step 1, X opens: R2+4");

                // Stale indices in X's tx ring, to see tx_init(R1) happen at step 3.
                memory.WriteWord(r1, 0x10);
                memory.WriteWord(r1 + 8, 0x20);
                memory.WriteWord(r1 + 4, 0x00000002);
                toX.Raise();
                ProtocolFixtures.Eventually(delegate { return ProtocolFixtures.Word(bytes, r2 + 4) == 0x00020001; }, "X to acknowledge session 2");
                ByteAssert.Equal(new byte[] { 0x01, 0x00, 0x02, 0x00 }, bytes, r2 + 4, "step 3, X acks Y: R2+4");
                Assert.AreEqual(0u, ProtocolFixtures.Word(bytes, r1), "tx_init(R1): rd_idx");
                Assert.AreEqual(0u, ProtocolFixtures.Word(bytes, r1 + 8), "tx_init(R1): wr_idx");
                Assert.AreEqual(0, probe.BoundCount, "X is not bound before Y acknowledges its id");
                Assert.AreEqual((int)IcmsgState.InitializingSidDetect, (int)((IcmsgInstance)x).LinkState, "X's state at step 3");

                memory.WriteWord(r1 + 4, 0x00010002);
                toX.Raise();
                probe.WaitBound(1);
                Assert.AreEqual((int)IcmsgState.ConnectedSidEnabled, (int)((IcmsgInstance)x).LinkState, "step 5, X connected");
                ByteAssert.Equal(new byte[] { 0x01, 0x00, 0x02, 0x00 }, bytes, r2 + 4, "R2+4 after X connected");
                ByteAssert.All(0, bytes, r1 + 8, ProtocolFixtures.RegionSize - 8, "no magic in R1");

                // Y closes: 0 in its word, ring; X reports unbound().
                memory.WriteWord(r1 + 4, 0);
                toX.Raise();
                probe.WaitUnbound(1);
                Assert.AreEqual((int)IcmsgState.Disconnected, (int)((IcmsgInstance)x).LinkState, "X after Y closed");
                guard.AssertClean();
                ProtocolFixtures.AssertNoInternalFaults(x, "X");
            }
            finally
            {
                x.Close();
                Forget();
            }
        }

        [TestMethod]
        public void SecondSideSeedsItsIdFromThePeersWord()
        {
            // Y is real, the test plays X, which has opened already (R2+4 = 1). Y takes id 2, resets its tx
            // ring and acknowledges 1 at once (its handler runs right after opening): R1+4 = 0x00010002.
            IpcInstance y = CreateSide(ProtocolFixtures.IcmsgSideX(UnboundMode.Detect, 8).Mirror(), "Y");
            RegionPairMemory memory = s_memory;
            ProtocolRegionGuard guard = s_guard;
            InProcessMailbox toY = s_toSide;
            RegionPairMemory bytes = memory;
            int r1 = ProtocolFixtures.At(ProtocolFixtures.R1);
            int r2 = ProtocolFixtures.At(ProtocolFixtures.R2);
            try
            {
                memory.WriteWord(r2 + 4, 0x00000001);
                memory.WriteWord(r2, 0x10);
                memory.WriteWord(r2 + 8, 0x20);
                ProtocolProbe probe = new ProtocolProbe("ep");
                y.Open();
                probe.Register(y);
                ProtocolFixtures.Eventually(delegate { return ProtocolFixtures.Word(bytes, r1 + 4) == 0x00010002; }, "Y to request 2 and acknowledge 1");
                ByteAssert.Equal(new byte[] { 0x02, 0x00, 0x01, 0x00 }, bytes, r1 + 4, "Y's word");
                Assert.AreEqual(0u, ProtocolFixtures.Word(bytes, r2), "tx_init(R2): rd_idx");
                Assert.AreEqual(0u, ProtocolFixtures.Word(bytes, r2 + 8), "tx_init(R2): wr_idx");
                Assert.AreEqual(0, probe.BoundCount, "Y waits for X to acknowledge 2");

                memory.WriteWord(r2 + 4, 0x00020001);
                toY.Raise();
                probe.WaitBound(1);
                Assert.AreEqual((int)IcmsgState.ConnectedSidEnabled, (int)((IcmsgInstance)y).LinkState, "Y connected");
                ByteAssert.All(0, bytes, r2 + 8, ProtocolFixtures.RegionSize - 8, "no magic in R2");
                guard.AssertClean();
                ProtocolFixtures.AssertNoInternalFaults(y, "Y");
            }
            finally
            {
                y.Close();
                Forget();
            }
        }

        // One real side over a fresh window (s_memory), fenced by s_guard; the test rings it on s_toSide
        // and nobody listens to its own doorbell.
        private static IpcInstance CreateSide(InstanceConfig config, string side)
        {
            s_memory = new RegionPairMemory(config);
            s_guard = ProtocolRegionGuard.ForSide(s_memory, config, side);
            s_toSide = new InProcessMailbox();
            return IpcService.Create(config, s_guard, new InProcessMailbox(), s_toSide);
        }

        // The side and its window must not outlive the test in statics.
        private static void Forget()
        {
            s_memory = null;
            s_guard = null;
            s_toSide = null;
        }
    }
}
