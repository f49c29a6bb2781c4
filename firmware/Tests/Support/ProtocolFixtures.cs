using System;
using System.Threading;
using nanoFramework.TestFramework;
using NfIcbmsg.Hal;
using NfIcbmsg.Icmsg;
using NfIcbmsg.Platform.InMemory;

namespace NfIcbmsg.Tests.Support
{
    /// <summary>A condition a test waits for (a delegate of our own: nanoFramework runs no generic ones).</summary>
    public delegate bool ProtocolCondition();

    /// <summary>
    /// The configurations and waits the ICMsg/ICBMsg tests share: the Zephyr docs example of docs/protocol.md §8
    /// (side X: tx 0x20070000/0x800 with 16 blocks, rx 0x20078000/0x800 with 32 blocks; Y mirrors it)
    /// and bounded waits for what the receive threads do.
    /// </summary>
    public static class ProtocolFixtures
    {
        /// <summary>Region R1 (X writes, Y reads).</summary>
        public const uint R1 = 0x20070000;

        /// <summary>Region R2 (Y writes, X reads).</summary>
        public const uint R2 = 0x20078000;

        /// <summary>Size of each region.</summary>
        public const int RegionSize = 0x800;

        /// <summary>The longest any test waits for one thing (the brief: never more than 5 s).</summary>
        public const int WaitMs = 5000;

        /// <summary>Side X of the docs example as an ICBMsg instance (X is the follower, Y the initiator).</summary>
        public static InstanceConfig DocsSideX()
        {
            InstanceConfig config = new InstanceConfig();
            config.Name = "ipc0";
            config.Backend = BackendKind.Icbmsg;
            config.TxRegionAddress = R1;
            config.TxRegionSize = RegionSize;
            config.RxRegionAddress = R2;
            config.RxRegionSize = RegionSize;
            config.TxBlocks = 16;
            config.RxBlocks = 32;
            config.TxChannel = 0;
            config.RxChannel = 1;
            return config;
        }

        /// <summary>The same regions as a plain ICMsg instance (docs/protocol.md §8.5, §8.6).</summary>
        public static InstanceConfig IcmsgSideX(UnboundMode mode, int dcacheAlignment)
        {
            InstanceConfig config = DocsSideX();
            config.Backend = BackendKind.Icmsg;
            config.TxBlocks = 0;
            config.RxBlocks = 0;
            config.Unbound = mode;
            config.DcacheAlignment = dcacheAlignment;
            return config;
        }

        /// <summary>Window offset of a physical address of the docs example (the window starts at R1).</summary>
        public static int At(uint address)
        {
            return (int)(address - R1);
        }

        /// <summary>The little-endian word stored at window offset <paramref name="offset"/>.</summary>
        public static uint Word(byte[] bytes, int offset)
        {
            return (uint)(bytes[offset] | (bytes[offset + 1] << 8) | (bytes[offset + 2] << 16) | (bytes[offset + 3] << 24));
        }

        /// <summary>The little-endian word stored at window offset <paramref name="offset"/> of <paramref name="memory"/>.</summary>
        public static uint Word(RegionPairMemory memory, int offset)
        {
            return memory.ReadWord(offset);
        }

        /// <summary>The bytes of an ASCII string.</summary>
        public static byte[] Ascii(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }

        /// <summary>Milliseconds since an arbitrary start (monotonic).</summary>
        public static long Now()
        {
            return Environment.TickCount64;
        }

        /// <summary>
        /// Waits until <paramref name="condition"/> holds, at most <paramref name="timeoutMs"/>; re-checks
        /// whenever <paramref name="signal"/> fires (null: every millisecond). True when it held in time.
        /// </summary>
        public static bool Until(ProtocolCondition condition, WaitHandle signal, int timeoutMs)
        {
            long deadline = Now() + timeoutMs;
            while (true)
            {
                if (condition())
                {
                    return true;
                }

                long left = deadline - Now();
                if (left <= 0)
                {
                    return condition();
                }

                if (signal == null)
                {
                    Thread.Sleep(1);
                }
                else
                {
                    int slice = left > 20 ? 20 : (int)left;
                    signal.WaitOne(slice, false);
                }
            }
        }

        /// <summary>Fails the test unless <paramref name="condition"/> holds within <see cref="WaitMs"/>.</summary>
        public static void Eventually(ProtocolCondition condition, string what)
        {
            Assert.IsTrue(Until(condition, null, WaitMs), "timed out after " + WaitMs.ToString() + " ms waiting for " + what);
        }

        /// <summary>
        /// Fails the test unless the receive thread of <paramref name="instance"/> has run a whole pass that began
        /// after this call, within <see cref="WaitMs"/>; <paramref name="doorbell"/> is the line the instance listens
        /// on, rung until it has. By then everything in the instance's rx ring at the call has been read and
        /// handled, and whatever that work owed (releases, binding answers, callbacks) is done: a test may assert
        /// that something did not happen because of what came before the call. The rings are doorbells with
        /// nothing new behind them, which the protocol allows at any time.
        /// </summary>
        public static void WaitReceivePass(IpcInstance instance, IMailboxTx doorbell, string what)
        {
            // ReceiveRuns counts a run as it begins: run first + 1 began after this read, and run first + 2
            // beginning means run first + 1 has ended. Each ring makes the thread run once more, so the count
            // cannot stall on a thread that went idle.
            int first = instance.Statistics.ReceiveRuns;
            Eventually(delegate
            {
                doorbell.Raise();
                return instance.Statistics.ReceiveRuns >= first + 2;
            }, "a whole receive pass of " + what);
        }

        /// <summary><see cref="WaitReceivePass(IpcInstance, IMailboxTx, string)"/> for one side of <paramref name="pair"/>.</summary>
        public static void WaitReceivePass(SimulatedPair pair, IpcInstance side, string what)
        {
            WaitReceivePass(side, side == pair.SideA ? pair.LineBToA : pair.LineAToB, what);
        }

        /// <summary>Fails the test unless <paramref name="instance"/> has bonded within <see cref="WaitMs"/>.</summary>
        public static void WaitBonded(IpcInstance instance, string side)
        {
            Eventually(delegate { return instance.IsBonded; }, side + " to bond");
        }

        /// <summary>Opens both sides of <paramref name="pair"/>, registers <paramref name="a"/> on side A and <paramref name="b"/> on side B, and waits until both are bound.</summary>
        public static void BindPair(SimulatedPair pair, ProtocolProbe a, ProtocolProbe b)
        {
            pair.Open();
            a.Register(pair.SideA);
            b.Register(pair.SideB);
            a.WaitBound(1);
            b.WaitBound(1);
        }

        /// <summary>Fails the test if a receive loop met an unexpected exception or a callback threw, on either side.</summary>
        public static void AssertNoFaults(IpcInstance a, IpcInstance b)
        {
            AssertNoInternalFaults(a, "side A");
            AssertNoInternalFaults(b, "side B");
            Assert.AreEqual(0, a.Statistics.CallbackFaults + b.Statistics.CallbackFaults, "callbacks that threw");
        }

        /// <summary>Releases what <paramref name="holder"/> holds (so no sender is left waiting), then closes both sides.</summary>
        public static void ReleaseAndDispose(SimulatedPair pair, ProtocolProbe holder)
        {
            try
            {
                if (holder != null)
                {
                    holder.HoldAll = false;
                    holder.ReleaseAll();
                }
            }
            finally
            {
                pair.Dispose();
            }
        }

        /// <summary>Fails the test if the instance's receive loop met an unexpected exception.</summary>
        public static void AssertNoInternalFaults(IpcInstance instance, string side)
        {
            Assert.AreEqual(0, instance.Statistics.InternalFaults, side + ": exceptions inside the receive loop");
        }
    }
}
