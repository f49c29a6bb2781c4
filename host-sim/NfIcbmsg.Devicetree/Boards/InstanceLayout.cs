using NfIcbmsg.Icbmsg;
using NfIcbmsg.Pbuf;

namespace NfIcbmsg.Devicetree.Boards
{
    /// <summary>
    /// How an instance's two regions are laid out, from one side. For ICBMsg the split is
    /// <see cref="RegionLayout"/>'s (the one implementation of docs/protocol.md §6.2) and the ring inside each ICMsg
    /// area is <see cref="PacketBufferLayout"/>'s; for ICMsg the ring spans the whole region (docs/protocol.md §5.1).
    /// </summary>
    public sealed class InstanceLayout
    {
        private InstanceLayout(BoardInstance instance)
        {
            Instance = instance;
        }

        public BoardInstance Instance { get; }

        /// <summary>ICBMsg: the region this side writes (local = tx-blocks).</summary>
        public RegionLayout? Tx { get; private set; }

        /// <summary>ICBMsg: the region this side reads (local = rx-blocks).</summary>
        public RegionLayout? Rx { get; private set; }

        /// <summary>The ring of the tx region (for ICBMsg: inside its ICMsg area).</summary>
        public PacketBufferLayout? TxRing { get; private set; }

        public PacketBufferLayout? RxRing { get; private set; }

        /// <summary>Why the layout cannot be computed, or null. Names the region ("tx region &amp;sram_tx: ...").</summary>
        public string? Error { get; private set; }

        /// <summary>True when the error is about the tx region (for placing the message).</summary>
        public bool ErrorInTxRegion { get; private set; }

        /// <summary>ICBMsg roles (docs/protocol.md §6.5): the side whose RX blocks start below its TX blocks is the initiator.</summary>
        public bool IsInitiator
        {
            get { return Tx != null && Rx != null && Rx.BlocksAddress < Tx.BlocksAddress; }
        }

        /// <summary>Computes the layout of a complete instance; on failure <see cref="Error"/> says why.</summary>
        public static InstanceLayout Compute(BoardInstance instance)
        {
            System.Diagnostics.Debug.Assert(instance.IsComplete);
            InstanceLayout layout = new InstanceLayout(instance);
            int alignment = (int)instance.DcacheAlignment;
            string error;
            if (instance.Backend == BackendKind.Icbmsg)
            {
                // A complete ICBMsg instance has both block counts.
                int tx = (int)instance.TxBlocks!.Value;
                int rx = (int)instance.RxBlocks!.Value;
                layout.Tx = RegionLayout.TryCompute(instance.TxRegion.Address, (int)instance.TxRegion.Size, tx, rx, alignment, out error);
                if (layout.Tx == null)
                {
                    return layout.Fail(true, error);
                }

                layout.Rx = RegionLayout.TryCompute(instance.RxRegion.Address, (int)instance.RxRegion.Size, rx, tx, alignment, out error);
                if (layout.Rx == null)
                {
                    return layout.Fail(false, error);
                }

                // ICBMsg runs its ICMsg with D = A and no handshake word (docs/protocol.md §6.2).
                layout.TxRing = PacketBufferLayout.TryCreate(layout.Tx.Begin, 0, layout.Tx.IcmsgAreaSize, layout.Tx.Alignment, false, out error);
                if (layout.TxRing == null)
                {
                    return layout.Fail(true, error);
                }

                layout.RxRing = PacketBufferLayout.TryCreate(layout.Rx.Begin, 0, layout.Rx.IcmsgAreaSize, layout.Rx.Alignment, false, out error);
                return layout.RxRing == null ? layout.Fail(false, error) : layout;
            }

            bool handshake = instance.Unbound != UnboundMode.Disable;
            layout.TxRing = PacketBufferLayout.TryCreate(instance.TxRegion.Address, 0, (int)instance.TxRegion.Size, alignment, handshake, out error);
            if (layout.TxRing == null)
            {
                return layout.Fail(true, error);
            }

            layout.RxRing = PacketBufferLayout.TryCreate(instance.RxRegion.Address, 0, (int)instance.RxRegion.Size, alignment, handshake, out error);
            return layout.RxRing == null ? layout.Fail(false, error) : layout;
        }

        private InstanceLayout Fail(bool txRegion, string error)
        {
            // Compute is given complete instances only: both regions are set.
            MemoryRegion region = (txRegion ? Instance.TxRegion : Instance.RxRegion)!;
            Error = (txRegion ? "tx" : "rx") + " region " + region.Name + ": " + error;
            ErrorInTxRegion = txRegion;
            Tx = null;
            Rx = null;
            TxRing = null;
            RxRing = null;
            return this;
        }
    }
}
