using System.Linq;
using NfIcbmsg.Devicetree.Boards;
using NfIcbmsg.Platform;

namespace NfIcbmsg.Sim.Link
{
    /// <summary>
    /// One side of one instance as a board file describes it: the instance configuration seen from
    /// that file's side (a pair of board files, one per side, mirror each other), and the port base
    /// of the sim mailbox its channels belong to.
    /// </summary>
    public sealed record BoardSide(InstanceConfig Config, int PortBase, string BoardPath)
    {
        /// <summary>
        /// Reads <paramref name="boardPath"/> and picks <paramref name="instanceName"/>. The port base is
        /// the sim mailbox's port-base, or the sim link's default when the instance's mailbox is not a
        /// sim mailbox. Throws <see cref="BoardSideException"/> with the board's own diagnostics.
        /// </summary>
        public static BoardSide Load(string boardPath, string instanceName)
        {
            BoardFile board = BoardLoader.Load(boardPath);
            if (board.HasErrors)
            {
                throw new BoardSideException($"board file {boardPath} has errors:\n  " + string.Join("\n  ", board.Diagnostics.Where(d => d.IsError)));
            }

            BoardInstance instance = board.FindInstance(instanceName);
            if (instance == null)
            {
                string known = string.Join(", ", board.EnabledInstances.Select(i => i.Name));
                throw new BoardSideException($"board file {boardPath} has no enabled IPC instance '{instanceName}' (it has: {(known.Length == 0 ? "none" : known)})");
            }

            if (!instance.IsComplete)
            {
                throw new BoardSideException($"instance '{instanceName}' in {boardPath} is incomplete (regions, blocks, mboxes or mbox-names missing)");
            }

            int portBase = instance.Mailbox.Kind == MailboxKind.Sim ? instance.Mailbox.PortBase : UdpMailbox.DefaultPortBase;
            // The board model carries the device's defaults; on the host a wake-up costs microseconds.
            InstanceConfig config = instance.ToInstanceConfig();
            config.IdleRecheckMs = InstanceConfig.HostIdleRecheckMs;
            return new BoardSide(config, portBase, boardPath);
        }
    }
}
