using System.Threading;
using nanoFramework.TestFramework;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Tests.Support;

namespace NfIcbmsg.Tests.Icbmsg
{
    /// <summary>
    /// Every ICBMsg control message a peer writes is checked before use (docs/protocol.md §6.4, §6.10, §13.3): a
    /// scripted peer writes bad ones straight into its ring and rings. Each is dropped and counted once
    /// under its <see cref="RejectReason"/>, reported through the instance's Error event, answered with
    /// nothing, and a valid message afterwards still arrives; the target never touches memory outside the
    /// two regions. The target is X (follower: 32 rx blocks of 48 bytes, 16 tx blocks of 100) unless the
    /// row says initiator (Y: 16 rx blocks of 100, 32 tx blocks of 48).
    /// </summary>
    [TestClass]
    public class IcbmsgPeerValidationTests
    {
        private static readonly byte[] s_five = new byte[] { 1, 2, 3, 4, 5 };

        [TestMethod]
        public void ShortControlMessagesAreDropped()
        {
            CheckShortControlMessagesAreDropped(1);
            CheckShortControlMessagesAreDropped(2);
        }

        private static void CheckShortControlMessagesAreDropped(int length)
        {
            ProtocolPeerFixture f = Fixture(false);
            try
            {
                f.Start();
                f.Peer.WritePacket(new byte[] { ControlMessage.Data, 0 }, 0, length);
                f.Peer.Ring();
                f.ExpectRejectedThenWorking(RejectReason.ControlMessageTooShort, 2, "a " + length.ToString() + "-byte control message");
            }
            finally
            {
                f.Close();
            }
        }

        [TestMethod]
        public void UnknownTypesAreDropped()
        {
            CheckUnknownTypesAreDropped(4);
            CheckUnknownTypesAreDropped(0x7F);
            CheckUnknownTypesAreDropped(0xFF);
        }

        private static void CheckUnknownTypesAreDropped(int type)
        {
            ProtocolPeerFixture f = Fixture(false);
            try
            {
                f.Start();
                f.Peer.PutBlock(1, 5, s_five);
                f.Peer.Control((byte)type, 0, 1);
                f.ExpectRejectedThenWorking(RejectReason.ControlMessageUnknown, 2, "type " + type.ToString());
            }
            finally
            {
                f.Close();
            }
        }

        [TestMethod]
        public void AddressesAtOrAboveTheEndpointCountAreDropped()
        {
            CheckAddressesAtOrAboveTheEndpointCountAreDropped(0, 4);
            CheckAddressesAtOrAboveTheEndpointCountAreDropped(0, 255);
            CheckAddressesAtOrAboveTheEndpointCountAreDropped(1, 4);
            CheckAddressesAtOrAboveTheEndpointCountAreDropped(2, 4);
            CheckAddressesAtOrAboveTheEndpointCountAreDropped(3, 4);
        }

        private static void CheckAddressesAtOrAboveTheEndpointCountAreDropped(int type, int address)
        {
            // Even RELEASE_DATA (which carries no address) is dropped for one out of range (docs/protocol.md §6.4).
            ProtocolPeerFixture f = Fixture(false);
            try
            {
                f.Start();
                f.Peer.PutBlock(1, 4, ProtocolFixtures.Ascii("ep9\0"));
                f.Peer.Control((byte)type, address, 1);
                f.ExpectRejectedThenWorking(RejectReason.EndpointAddressOutOfRange, 2, ControlMessage.Name((byte)type) + " for address " + address.ToString());
            }
            finally
            {
                f.Close();
            }
        }

        [TestMethod]
        public void BlockIndicesBeyondTheRegionAreDropped()
        {
            CheckBlockIndicesBeyondTheRegionAreDropped(0, 0, 32, false);
            CheckBlockIndicesBeyondTheRegionAreDropped(0, 0, 255, false);
            CheckBlockIndicesBeyondTheRegionAreDropped(2, 1, 32, false);
            CheckBlockIndicesBeyondTheRegionAreDropped(1, 0, 16, false);
            CheckBlockIndicesBeyondTheRegionAreDropped(3, 0, 16, false);
            CheckBlockIndicesBeyondTheRegionAreDropped(0, 0, 16, true);
            CheckBlockIndicesBeyondTheRegionAreDropped(1, 0, 32, true);
            CheckBlockIndicesBeyondTheRegionAreDropped(3, 0, 200, true);
        }

        private static void CheckBlockIndicesBeyondTheRegionAreDropped(int type, int address, int block, bool initiator)
        {
            // DATA and BOUND name the sender's blocks (the target's rx blocks), the releases the target's
            // own tx blocks: each is checked against its own count.
            ProtocolPeerFixture f = Fixture(initiator);
            try
            {
                f.Start();
                f.Peer.Control((byte)type, address, block);
                f.ExpectRejectedThenWorking(RejectReason.BlockIndexOutOfRange, 2, ControlMessage.Name((byte)type) + " naming block " + block.ToString());
            }
            finally
            {
                f.Close();
            }
        }

        [TestMethod]
        public void BlockSizesBeyondTheBlocksAreDropped()
        {
            CheckBlockSizesBeyondTheBlocksAreDropped(0, 0, 1533);
            CheckBlockSizesBeyondTheBlocksAreDropped(0, 31, 45);
            CheckBlockSizesBeyondTheBlocksAreDropped(0, 16, 765);
            CheckBlockSizesBeyondTheBlocksAreDropped(0, 5, -1);
            CheckBlockSizesBeyondTheBlocksAreDropped(0, 0, -2147483648);
            CheckBlockSizesBeyondTheBlocksAreDropped(2, 31, 45);
            CheckBlockSizesBeyondTheBlocksAreDropped(2, 0, 1533);
        }

        private static void CheckBlockSizesBeyondTheBlocksAreDropped(int type, int block, int size)
        {
            // 32 blocks of 48: from block b at most (32 - b) * 48 - 4 bytes fit.
            ProtocolPeerFixture f = Fixture(false);
            try
            {
                f.Start();
                f.Peer.PutBlock(block, (uint)size, ProtocolFixtures.Ascii("ep1\0"));
                f.Peer.Control((byte)type, 1, block);
                f.ExpectRejectedThenWorking(RejectReason.BlockSizeInvalid, 2, ControlMessage.Name((byte)type) + " claiming " + ((uint)size).ToString() + " bytes in block " + block.ToString());
            }
            finally
            {
                f.Close();
            }
        }

        [TestMethod]
        public void TheLargestValidSizesAreAccepted()
        {
            ProtocolPeerFixture f = Fixture(false);
            try
            {
                f.Start();
                byte[] all = PayloadPattern.Create(32 * 48 - 4, 1);
                f.ExpectDelivered(0, 0, all, "1532 bytes from block 0");
                byte[] last = PayloadPattern.Create(44, 2);
                f.ExpectDelivered(1, 31, last, "44 bytes in block 31");
                Assert.AreEqual(0, f.Target.Statistics.Rejected, "nothing rejected");
                f.AssertHealthy();
            }
            finally
            {
                f.Close();
            }
        }

        [TestMethod]
        public void DataIntoBlocksStillHeldIsDropped()
        {
            CheckDataIntoBlocksStillHeldIsDropped(3);
            CheckDataIntoBlocksStillHeldIsDropped(4);
        }

        private static void CheckDataIntoBlocksStillHeldIsDropped(int block)
        {
            ProtocolPeerFixture f = Fixture(false);
            try
            {
                f.Start();
                f.Probe.HoldAll = true;
                byte[] held = PayloadPattern.Create(60, 3);
                f.Peer.SendData(0, 3, held);
                f.Probe.WaitHeld(1);
                f.Probe.HoldAll = false;
                f.ExpectNoPacket("a held message is not released");

                f.Peer.PutBlock(block, 5, s_five);
                f.Peer.Control(ControlMessage.Data, 0, block);
                f.Rejects.WaitTotal(1);
                f.Rejects.AssertOnly(RejectReason.BlockInUse, 1);
                f.ExpectNoPacket("nothing answers the rejected message");

                f.Probe.ReleaseAll();
                f.Peer.ExpectControl(ControlMessage.ReleaseData, 0, 3, "the release of the held message");
                f.ExpectRejectedThenWorking(RejectReason.BlockInUse, 5, "DATA into held block " + block.ToString());
            }
            finally
            {
                f.Close();
            }
        }

        [TestMethod]
        public void ReleasesOfBlocksNeverSentAreDropped()
        {
            CheckReleasesOfBlocksNeverSentAreDropped(0);
            CheckReleasesOfBlocksNeverSentAreDropped(5);
            CheckReleasesOfBlocksNeverSentAreDropped(15);
        }

        private static void CheckReleasesOfBlocksNeverSentAreDropped(int block)
        {
            ProtocolPeerFixture f = Fixture(false);
            try
            {
                f.Start();
                f.Peer.Control(ControlMessage.ReleaseData, 0, block);
                f.ExpectRejectedThenWorking(RejectReason.ReleaseOfFreeBlock, 2, "RELEASE_DATA of block " + block.ToString());
                Assert.AreEqual(0, f.Target.Statistics.TxBlocksInUse, "no block of the target was touched");
            }
            finally
            {
                f.Close();
            }
        }

        [TestMethod]
        public void ReleasesOfFreedOrLeasedBlocksAreDropped()
        {
            CheckReleasesOfFreedOrLeasedBlocksAreDropped(false);
            CheckReleasesOfFreedOrLeasedBlocksAreDropped(true);
        }

        private static void CheckReleasesOfFreedOrLeasedBlocksAreDropped(bool leased)
        {
            ProtocolPeerFixture f = Fixture(false);
            try
            {
                f.Start();
                Endpoint endpoint = f.Probe.Endpoint;
                TxLease lease = default(TxLease);
                if (leased)
                {
                    lease = endpoint.GetTxBuffer(10, 0);
                    Assert.IsTrue(lease.IsActive, "a lease");
                }
                else
                {
                    byte[] payload = PayloadPattern.Create(10, 1);
                    Assert.AreEqual((int)SendStatus.Sent, (int)endpoint.TrySend(payload, 0, payload.Length, 0), "the target sends");
                    f.Peer.ExpectControl(ControlMessage.Data, 0, 0, "the target's message");
                    f.Peer.Control(ControlMessage.ReleaseData, 0, 0);
                    ProtocolFixtures.Eventually(delegate { return f.Target.Statistics.TxBlocksInUse == 0; }, "the first release to free block 0");
                }

                f.Peer.Control(ControlMessage.ReleaseData, 0, 0);
                f.ExpectRejectedThenWorking(RejectReason.ReleaseOfFreeBlock, 2, leased ? "RELEASE_DATA of a leased block" : "a second RELEASE_DATA");
                if (leased)
                {
                    Assert.IsTrue(lease.IsActive, "the lease survives the bogus release");
                    Assert.AreEqual(1, f.Target.Statistics.TxBlocksInUse, "the leased block stays taken");
                    endpoint.Drop(lease);
                }

                Assert.AreEqual(0, f.Target.Statistics.TxBlocksInUse, "no block in use");
            }
            finally
            {
                f.Close();
            }
        }

        [TestMethod]
        public void UnexpectedReleaseBoundIsDropped()
        {
            CheckUnexpectedReleaseBoundIsDropped(false);
            CheckUnexpectedReleaseBoundIsDropped(true);
        }

        private static void CheckUnexpectedReleaseBoundIsDropped(bool initiator)
        {
            // Block 0 held the initiator's name until the binding completed; a second RELEASE_BOUND (or any
            // RELEASE_BOUND to the follower) finds no pending binding.
            ProtocolPeerFixture f = Fixture(initiator);
            try
            {
                f.Start();
                f.Peer.Control(ControlMessage.ReleaseBound, 0, 0);
                f.ExpectRejectedThenWorking(RejectReason.ReleaseBoundUnexpected, 2, "an unexpected RELEASE_BOUND");
                Assert.AreEqual(1, f.Probe.BoundCount, "bound() once only");
            }
            finally
            {
                f.Close();
            }
        }

        [TestMethod]
        public void ReleaseBoundForAnotherAddressIsDropped()
        {
            ProtocolPeerFixture f = Fixture(true);
            try
            {
                f.Start();
                ProtocolProbe second = new ProtocolProbe("ep1");
                second.Register(f.Target);
                f.Peer.WaitPacket(ProtocolFixtures.WaitMs);
                Assert.AreEqual((int)ControlMessage.Bound, (int)f.Peer.PacketByte(0), "the target offers ep1");
                Assert.AreEqual(1, (int)f.Peer.PacketByte(1), "at address 1");
                int block = f.Peer.PacketByte(2);
                f.Peer.Control(ControlMessage.ReleaseBound, 2, block);
                f.Rejects.WaitTotal(1);
                f.Rejects.AssertOnly(RejectReason.ReleaseBoundUnexpected, 1);
                Assert.AreEqual(0, second.BoundCount, "not bound by a release for another address");

                f.Peer.Control(ControlMessage.ReleaseBound, 1, block);
                second.WaitBound(1);
                f.ExpectRejectedThenWorking(RejectReason.ReleaseBoundUnexpected, 2, "RELEASE_BOUND for address 2");
            }
            finally
            {
                f.Close();
            }
        }

        [TestMethod]
        public void InvalidBoundNamesAreDropped()
        {
            CheckInvalidBoundNamesAreDropped(0);
            CheckInvalidBoundNamesAreDropped(1);
            CheckInvalidBoundNamesAreDropped(2);
            CheckInvalidBoundNamesAreDropped(3);
            CheckInvalidBoundNamesAreDropped(4);
        }

        private static void CheckInvalidBoundNamesAreDropped(int variant)
        {
            ProtocolPeerFixture f = Fixture(false);
            try
            {
                f.Start();
                string what;
                if (variant == 0)
                {
                    what = "a name without NUL";
                    f.Peer.PutBlock(1, 4, ProtocolFixtures.Ascii("abcd"));
                }
                else if (variant == 1)
                {
                    what = "an empty name";
                    f.Peer.PutBlock(1, 1, new byte[] { 0 });
                }
                else if (variant == 2)
                {
                    what = "a name with a control character";
                    f.Peer.PutBlock(1, 4, new byte[] { 0x61, 0x07, 0x62, 0x00 });
                }
                else if (variant == 4)
                {
                    // The name is read a piece at a time; a bad byte past the first piece counts the same.
                    what = "a 40-character name with a control character at 35";
                    byte[] name = ProtocolFixtures.Ascii("abcdefghijklmnopqrstuvwxyz0123456789ABCD\0");
                    name[35] = 0x1B;
                    f.Peer.PutBlock(1, (uint)name.Length, name);
                }
                else
                {
                    what = "a name block of size 0";
                    f.Peer.PutBlock(1, 0, ProtocolFixtures.Ascii("ep1\0"));
                }

                f.Peer.Control(ControlMessage.Bound, 1, 1);
                f.ExpectRejectedThenWorking(RejectReason.BoundNameInvalid, 2, what);
                Assert.AreEqual(0, ((IcbmsgInstance)f.Target).GetParkedNames().Length, "nothing parked");
                Assert.AreEqual(0, f.Target.Statistics.RxBlocksHeld, "no block kept");
            }
            finally
            {
                f.Close();
            }
        }

        [TestMethod]
        public void BoundToTheInitiatorIsDropped()
        {
            ProtocolPeerFixture f = Fixture(true);
            try
            {
                f.Start();
                f.Peer.OfferBound("ep1", 1, 1);
                f.ExpectRejectedThenWorking(RejectReason.ControlMessageUnknown, 2, "MSG_BOUND sent to the initiator");
            }
            finally
            {
                f.Close();
            }
        }

        [TestMethod]
        public void BoundForAnAddressInUseIsDropped()
        {
            ProtocolPeerFixture f = Fixture(false);
            try
            {
                f.Start();
                f.Peer.OfferBound("other", 0, 1);
                f.ExpectRejectedThenWorking(RejectReason.BoundAddressInUse, 2, "MSG_BOUND for the bound address 0");
                Assert.AreEqual(0, ((IcbmsgInstance)f.Target).GetParkedNames().Length, "nothing parked");
            }
            finally
            {
                f.Close();
            }
        }

        [TestMethod]
        public void ControlMessagesLongerThanThreeBytesAreAccepted()
        {
            // docs/protocol.md §5.11: bytes beyond the third are reserved and ignored.
            ProtocolPeerFixture f = Fixture(false);
            try
            {
                f.Start();
                byte[] payload = PayloadPattern.Create(20, 4);
                f.Peer.PutBlock(6, (uint)payload.Length, payload);
                f.Peer.WritePacket(new byte[] { ControlMessage.Data, 0, 6, 0xAA, 0x55 }, 0, 5);
                f.Peer.Ring();
                f.Probe.ExpectMessage(0, payload, "DATA with two extra bytes");
                f.Peer.ExpectControl(ControlMessage.ReleaseData, 0, 6, "its release");
                Assert.AreEqual(0, f.Target.Statistics.Rejected, "nothing rejected");
                f.AssertHealthy();
            }
            finally
            {
                f.Close();
            }
        }

        [TestMethod]
        public void ANameLongerThanOneReadPieceIsParkedWhole()
        {
            ProtocolPeerFixture f = Fixture(false);
            try
            {
                f.Start();
                string name = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
                f.Peer.OfferBound(name, 1, 1);
                ProtocolFixtures.Eventually(delegate { return ((IcbmsgInstance)f.Target).GetParkedNames().Length == 1; }, "the 62-character name to be parked");
                Assert.AreEqual(name, ((IcbmsgInstance)f.Target).GetParkedNames()[0], "parked name");
                f.AssertHealthy();
            }
            finally
            {
                f.Close();
            }
        }

        private static ProtocolPeerFixture Fixture(bool initiator)
        {
            InstanceConfig config = ProtocolFixtures.DocsSideX();
            return new ProtocolPeerFixture(initiator ? config.Mirror() : config);
        }
    }
}
