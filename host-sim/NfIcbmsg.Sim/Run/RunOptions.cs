using System;
using System.Collections.Generic;
using System.Threading;

namespace NfIcbmsg.Sim.Run
{
    /// <summary>Everything `run` was asked to do, validated by the command before a session starts.</summary>
    public sealed record RunOptions
    {
        public string? SharedFile { get; init; }

        /// <summary>Overrides the board's sim-mbox port-base when set.</summary>
        public int? PortBase { get; init; }

        public RunMode Mode { get; init; }

        /// <summary>Endpoint names, each running the mode on its own thread.</summary>
        public IReadOnlyList<string> Endpoints { get; init; } = new[] { "ep0" };

        /// <summary>Messages per endpoint; 0 (echo and sink only) serves until the peer has been quiet for <see cref="IdleMs"/>.</summary>
        public int Count { get; init; } = 1000;

        public SizeRange Size { get; init; } = new SizeRange(8, 256);

        /// <summary>Send with GetTxBuffer/SendNoCopy instead of copying sends.</summary>
        public bool ZeroCopy { get; init; }

        public PatternCheck Check { get; init; } = PatternCheck.Full;

        /// <summary>Bound of every wait: binding, each send, each echo, the gap between messages, the final drain.</summary>
        public int TimeoutMs { get; init; } = 10000;

        /// <summary>With <see cref="Count"/> 0: how long without a message ends the run.</summary>
        public int IdleMs { get; init; } = 1000;

        /// <summary>End the whole run at the first fault (a failed send, a rejected input) instead of serving on.</summary>
        public bool StopOnFault { get; init; }

        /// <summary>Percentage of this side's doorbells lost on purpose once bonded (fault injection).</summary>
        public int DropRingsPercent { get; init; }

        /// <summary>Overrides the instance's idle re-check interval when set.</summary>
        public int? IdleRecheckMs { get; init; }

        /// <summary>Overrides a plain ICMsg instance's unbound mode when set.</summary>
        public NfIcbmsg.UnboundMode? Unbound { get; init; }

        /// <summary>Milliseconds between status lines (0: none).</summary>
        public int StatusIntervalMs { get; init; } = 1000;

        /// <summary>Set on SIGINT/SIGTERM or, with <see cref="StopOnFault"/>, at the first fault: everything winds down and reports.</summary>
        public CancellationToken Stop { get; init; }

        /// <summary>Prints an event (bound, unbound) the moment it happens.</summary>
        public Action<string> Announce { get; init; } = _ => { };
    }
}
