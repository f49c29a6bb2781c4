using NfIcbmsg.Devicetree.Diagnostics;
using NfIcbmsg.Devicetree.Tree;

namespace NfIcbmsg.Devicetree.Boards
{
    /// <summary>A reserved-memory node's first reg entry: [Address, Address + Size).</summary>
    public sealed record MemoryRegion(DtNode Node, uint Address, long Size, SourceLocation Location)
    {
        public long End
        {
            get { return (long)Address + Size; }
        }

        /// <summary>"&amp;sram_tx" when the node has a label, else its path.</summary>
        public string Name
        {
            get { return Node.Labels.Count > 0 ? "&" + Node.Labels[0] : Node.Path; }
        }

        public bool Overlaps(MemoryRegion other)
        {
            return Address < other.End && other.Address < End;
        }

        /// <summary>"0x20070000..0x20070800 (0x800 bytes)".</summary>
        public string Range
        {
            get { return "0x" + Address.ToString("X8") + "..0x" + End.ToString("X8") + " (0x" + Size.ToString("X") + " bytes)"; }
        }
    }
}
