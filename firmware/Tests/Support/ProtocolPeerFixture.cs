using nanoFramework.TestFramework;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Platform.InMemory;

namespace NfIcbmsg.Tests.Support
{
    /// <summary>
    /// One real ICBMsg instance (the target) against a <see cref="ProtocolScriptedPeer"/>: the target's
    /// memory goes through a <see cref="ProtocolRegionGuard"/>, its Error reports through a
    /// <see cref="ProtocolRejectRecorder"/>, and its endpoint "ep0" through a <see cref="ProtocolProbe"/>.
    /// <see cref="Start"/> bonds and binds "ep0" at address 0 the way a Zephyr peer would.
    /// </summary>
    public sealed class ProtocolPeerFixture
    {
        /// <summary>Name of the endpoint <see cref="Start"/> binds.</summary>
        public const string EndpointName = "ep0";

        /// <summary>Builds, but does not open, the target configured by <paramref name="targetConfig"/>.</summary>
        public ProtocolPeerFixture(InstanceConfig targetConfig)
        {
            Config = targetConfig;
            Memory = new RegionPairMemory(targetConfig);
            Guard = ProtocolRegionGuard.ForSide(Memory, targetConfig, "target");
            TargetRx = new InProcessMailbox();
            TargetTx = new InProcessMailbox();
            Target = IpcService.Create(targetConfig, Guard, TargetTx, TargetRx);
            Rejects = new ProtocolRejectRecorder(Target);
            Peer = new ProtocolScriptedPeer(targetConfig.Mirror(), Memory, TargetRx);
            Probe = new ProtocolProbe(EndpointName);
        }

        /// <summary>The target's configuration.</summary>
        public InstanceConfig Config { get; }

        /// <summary>The shared window (raw: the scripted peer writes through it).</summary>
        public RegionPairMemory Memory { get; }

        /// <summary>The target's fenced view of the window.</summary>
        public ProtocolRegionGuard Guard { get; }

        /// <summary>The line the peer rings the target on.</summary>
        public InProcessMailbox TargetRx { get; }

        /// <summary>The line the target rings (nobody listens: the scripted peer polls).</summary>
        public InProcessMailbox TargetTx { get; }

        /// <summary>The instance under test.</summary>
        public IpcInstance Target { get; }

        /// <summary>The target's Error reports.</summary>
        public ProtocolRejectRecorder Rejects { get; }

        /// <summary>The test's side of the link.</summary>
        public ProtocolScriptedPeer Peer { get; }

        /// <summary>The target's endpoint "ep0".</summary>
        public ProtocolProbe Probe { get; }

        /// <summary>True when the target assigns the endpoint addresses.</summary>
        public bool TargetIsInitiator
        {
            get { return ((IcbmsgInstance)Target).IsInitiator; }
        }

        /// <summary>Opens the target, bonds with it and binds "ep0" at address 0; fails the test if any step does not happen.</summary>
        public void Start()
        {
            Target.Open();
            Peer.Bond();
            Peer.ExpectMagic();
            ProtocolFixtures.WaitBonded(Target, "target");
            Probe.Register(Target);
            if (TargetIsInitiator)
            {
                Assert.AreEqual(0, Peer.AnswerBound(EndpointName), "address the target assigned to ep0");
            }
            else
            {
                Peer.OfferBound(EndpointName, 0, 0);
                Peer.ExpectControl(ControlMessage.ReleaseBound, 0, 0, "the target's answer to MSG_BOUND");
            }

            Probe.WaitBound(1);
            Assert.AreEqual(0, Target.Statistics.Rejected, "rejections while binding");
        }

        /// <summary>
        /// Sends a valid message in the peer's block <paramref name="block"/> and fails unless the target
        /// delivers it as message number <paramref name="index"/> and answers MSG_RELEASE_DATA for the block.
        /// </summary>
        public void ExpectDelivered(int index, int block, byte[] payload, string what)
        {
            Peer.SendData(0, block, payload);
            Probe.ExpectMessage(index, payload, what);
            Peer.ExpectControl(ControlMessage.ReleaseData, 0, block, what + ": release");
        }

        /// <summary>
        /// The checks every rejected input gets: exactly one rejection, of <paramref name="reason"/>, both
        /// counted and reported; then a valid message in block <paramref name="validBlock"/> is still
        /// delivered and released (the receive thread works on, the ring is not stalled), nothing more is
        /// rejected, and nothing outside the regions was touched.
        /// </summary>
        public void ExpectRejectedThenWorking(RejectReason reason, int validBlock, string what)
        {
            Rejects.WaitTotal(1);
            Rejects.AssertOnly(reason, 1);
            byte[] valid = PayloadPattern.Create(30, 100 + validBlock);
            ExpectDelivered(Probe.MessageCount, validBlock, valid, "a valid message after " + what);
            Rejects.AssertOnly(reason, 1);
            AssertHealthy();
        }

        /// <summary>
        /// Fails if the target wrote a packet the peer has not read yet, once a whole receive pass of the target
        /// that began now has ended (so an answer to what the peer sent before would be in the ring).
        /// </summary>
        public void ExpectNoPacket(string what)
        {
            ProtocolFixtures.WaitReceivePass(Target, TargetRx, "the target before checking it wrote nothing (" + what + ")");
            Peer.ExpectNoPacket(what);
        }

        /// <summary>Fails if the target touched memory outside its regions or its receive loop met an exception.</summary>
        public void AssertHealthy()
        {
            Guard.AssertClean();
            ProtocolFixtures.AssertNoInternalFaults(Target, "target");
            Rejects.AssertConsistent();
        }

        /// <summary>Closes the target (safe to call twice).</summary>
        public void Close()
        {
            Target.Close();
        }
    }
}
