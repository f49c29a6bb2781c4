using System.Linq;
using NfIcbmsg.Devicetree;
using NfIcbmsg.Devicetree.Boards;
using NfIcbmsg.Platform;
using NfIcbmsg.Sim.Boards;

namespace NfIcbmsg.Sim.Link
{
    /// <summary>
    /// One side of one instance as a board file describes it: the instance configuration seen from
    /// that file's side (a pair of board files, one per side, mirror each other), and the port base
    /// of the sim mailbox its channels belong to.
    /// </summary>
    public sealed record BoardSide(InstanceConfig Config, int PortBase, string BoardPath)
    {
        /// <summary>The instance as the board file describes it (its mailbox specifiers), when loaded from a file.</summary>
        public BoardInstance? Instance { get; init; }

        /// <summary>
        /// The sim link carries channel N as UDP port PORT_BASE + N, one port per direction. Null when this side's
        /// channels map one to one, else why not and how to make it run.
        /// </summary>
        public string? SimLinkProblem(int? txChannel, int? rxChannel)
        {
            if (txChannel.HasValue != rxChannel.HasValue)
            {
                return "--tx-channel and --rx-channel go together: give both (the other side's run takes them swapped)";
            }

            if (txChannel is int tx && rxChannel is int rx)
            {
                return tx == rx || tx < 0 || rx < 0 || tx > 0xFFFF || rx > 0xFFFF
                    ? $"--tx-channel {tx} and --rx-channel {rx}: expected two different channels 0..65535"
                    : null;
            }

            if (Instance == null || Instance.MapsToSimLink)
            {
                return null;
            }

            // A side is loaded from a complete instance only, so both specifiers are set.
            return $"instance '{Config.Name}' of {BoardPath} cannot run over the sim link as written: tx {Instance.TxSpecifier} and rx {Instance.RxSpecifier} "
                + (Instance.TxSpecifier!.Cells.Count == 0 || Instance.RxSpecifier!.Cells.Count == 0 ? "do not both name a channel number" : $"both map to channel {Config.TxChannel}")
                + ", and the sim link needs one UDP port (PORT_BASE + channel) per direction. To run it, pass --tx-channel N --rx-channel M (two different channels; the other side's run takes them swapped), or run both sides in one process with `nf-sim demo --board FILE`";
        }
        /// <summary>
        /// Reads <paramref name="boardPath"/> (or the copy shipped with nf-sim, see <see cref="BundledBoards"/>) and
        /// picks <paramref name="instanceName"/>. The port base is the sim mailbox's port-base, or the sim link's
        /// default when the instance's mailbox is not a sim mailbox. Throws <see cref="BoardSideException"/> with the board's own diagnostics.
        /// </summary>
        public static BoardSide Load(string boardPath, string instanceName)
        {
            return Load(boardPath, instanceName, ReadOptions.None);
        }

        /// <summary>As <see cref="Load(string, string)"/>, the board file read on top of a base devicetree or with include directories.</summary>
        public static BoardSide Load(string boardPath, string instanceName, ReadOptions options)
        {
            BoardFile board = BundledBoards.Load(boardPath, options);
            boardPath = board.Path;
            if (board.HasErrors)
            {
                throw new BoardSideException($"board file {boardPath} has errors:\n  " + string.Join("\n  ", board.Diagnostics.Where(d => d.IsError)));
            }

            BoardInstance? instance = board.FindInstance(instanceName);
            if (instance == null)
            {
                string known = string.Join(", ", board.EnabledInstances.Select(i => i.Name));
                throw new BoardSideException($"board file {boardPath} has no enabled IPC instance '{instanceName}' (it has: {(known.Length == 0 ? "none" : known)})");
            }

            if (instance.MissingFromBase.Count > 0)
            {
                throw new BoardSideException($"instance '{instanceName}' in {boardPath} is incomplete: {string.Join(", ", instance.MissingFromBase)} defined in the base devicetree: pass --base build/zephyr/zephyr.dts");
            }

            if (!instance.IsComplete)
            {
                throw new BoardSideException($"instance '{instanceName}' in {boardPath} is incomplete (regions, blocks, mboxes or mbox-names missing)");
            }

            int portBase = instance.Mailbox.Kind == MailboxKind.Sim ? instance.Mailbox.PortBase : UdpMailbox.DefaultPortBase;
            // The board model carries the device's defaults; on the host a wake-up costs microseconds.
            InstanceConfig config = instance.ToInstanceConfig();
            config.IdleRecheckMs = InstanceConfig.HostIdleRecheckMs;
            return new BoardSide(config, portBase, boardPath) { Instance = instance };
        }
    }
}
