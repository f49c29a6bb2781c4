using System.Collections.Generic;
using System.Linq;
using NfIcbmsg.Devicetree.Diagnostics;
using NfIcbmsg.Devicetree.Tree;

namespace NfIcbmsg.Devicetree.Boards
{
    /// <summary>
    /// A board file read and validated: its instances, mailboxes, reserved regions and every finding.
    /// When the file could not be read at all, <see cref="Tree"/> is null and the one fatal error is in
    /// <see cref="Diagnostics"/>.
    /// </summary>
    public sealed class BoardFile
    {
        private readonly List<Diagnostic> _diagnostics = new List<Diagnostic>();

        public BoardFile(string path, DtTree? tree)
        {
            Path = path;
            Tree = tree;
            Instances = new List<BoardInstance>();
            ReservedRegions = new List<MemoryRegion>();
            Mailboxes = new List<MailboxDevice>();
        }

        public string Path { get; }

        public DtTree? Tree { get; }

        /// <summary>nf,runtime of the root node, or null when the file does not say.</summary>
        public string? Runtime { get; internal set; }

        /// <summary>Every IPC instance, enabled or not, in tree order.</summary>
        public List<BoardInstance> Instances { get; }

        public IEnumerable<BoardInstance> EnabledInstances
        {
            get { return Instances.Where(i => i.Enabled); }
        }

        /// <summary>Every /reserved-memory child with a reg.</summary>
        public List<MemoryRegion> ReservedRegions { get; }

        public List<MailboxDevice> Mailboxes { get; }

        public IReadOnlyList<Diagnostic> Diagnostics
        {
            get { return _diagnostics; }
        }

        public bool HasErrors
        {
            get { return _diagnostics.Any(d => d.IsError); }
        }

        /// <summary>The enabled instance with that node name, else the one with that label.</summary>
        public BoardInstance? FindInstance(string name)
        {
            return Instances.FirstOrDefault(i => i.Name == name && i.Enabled) ?? Instances.FirstOrDefault(i => i.Enabled && i.Matches(name));
        }

        /// <summary>Enabled instances the file (with its base, if any) describes completely.</summary>
        public IEnumerable<BoardInstance> CompleteInstances
        {
            get { return EnabledInstances.Where(i => i.IsComplete); }
        }

        internal void Report(Diagnostic diagnostic)
        {
            if (!_diagnostics.Contains(diagnostic))
            {
                _diagnostics.Add(diagnostic);
            }
        }
    }
}
