using System.Collections.Generic;
using System.Linq;
using NfIcbmsg.Devicetree.Diagnostics;

namespace NfIcbmsg.Devicetree.Boards
{
    /// <summary>One way the two board files fail to mirror each other, with the place in each file.</summary>
    public sealed record PairMismatch(DiagnosticSeverity Severity, string Instance, SourceLocation A, SourceLocation B, string Message)
    {
        public override string ToString()
        {
            string severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
            return A + ": " + severity + ": instance " + Instance + ": " + Message + " (other side: " + B + ")";
        }
    }

    /// <summary>The same instance in both files, with each side's layout.</summary>
    public sealed record InstancePair(string Name, BoardInstance A, BoardInstance B, InstanceLayout LayoutA, InstanceLayout LayoutB)
    {
        /// <summary>ICBMsg: the side that assigns endpoint addresses (docs/protocol.md §6.5); null for ICMsg.</summary>
        public BoardInstance? Initiator
        {
            get
            {
                if (A.Backend != BackendKind.Icbmsg)
                {
                    return null;
                }

                return LayoutA.IsInitiator ? A : B;
            }
        }
    }

    /// <summary>The result of checking two board files against each other.</summary>
    public sealed class PairReport
    {
        public PairReport(BoardFile a, BoardFile b)
        {
            A = a;
            B = b;
            Pairs = new List<InstancePair>();
            Mismatches = new List<PairMismatch>();
        }

        public BoardFile A { get; }

        public BoardFile B { get; }

        /// <summary>Instances present in both files whose parameters mirror each other.</summary>
        public List<InstancePair> Pairs { get; }

        public List<PairMismatch> Mismatches { get; }

        /// <summary>Both files valid, every instance paired, nothing mismatched.</summary>
        public bool Mirrors
        {
            get { return !A.HasErrors && !B.HasErrors && !Mismatches.Any(m => m.Severity == DiagnosticSeverity.Error); }
        }
    }
}
