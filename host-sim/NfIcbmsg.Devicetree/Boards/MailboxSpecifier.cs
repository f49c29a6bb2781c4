using System.Collections.Generic;
using System.Linq;
using NfIcbmsg.Devicetree.Diagnostics;

namespace NfIcbmsg.Devicetree.Boards
{
    /// <summary>
    /// One direction of an instance's mailbox as written in 'mboxes': the device (by the label the file
    /// uses, e.g. "&amp;cpuapp_vevif_tx") and its specifier cells (0, 1 or more, per the device's #mbox-cells).
    /// </summary>
    public sealed record MailboxSpecifier(MailboxDevice Device, string DeviceName, IReadOnlyList<uint> Cells, SourceLocation Location)
    {
        /// <summary>The channel number the tools use (the sim link, generated constants): the first cell, 0 when there is none.</summary>
        public int Channel
        {
            get { return Cells.Count == 0 ? 0 : (int)Cells[0]; }
        }

        /// <summary>Same device label and the same cells.</summary>
        public bool SameAs(MailboxSpecifier other)
        {
            return DeviceName == other.DeviceName && Cells.SequenceEqual(other.Cells);
        }

        /// <summary>"&amp;mbox 0", "&amp;bellboard 20 1", "&amp;mbox" (no cells).</summary>
        public override string ToString()
        {
            return Cells.Count == 0 ? DeviceName : DeviceName + " " + string.Join(" ", Cells);
        }
    }
}
