using System;
using System.Collections.Generic;
using System.Linq;
using NfIcbmsg.Hal;
using NfIcbmsg.Sim.Run;

namespace NfIcbmsg.Sim.Bench
{
    /// <summary>
    /// One phase of the bench on one transport: the bench's side A with its endpoints, and side B
    /// running `run`'s echo or sink application with a count of 0 (serve until quiet), in this
    /// process or in a child process over the sim link.
    /// </summary>
    public abstract class BenchLink : IDisposable
    {
        /// <summary>Longest wait for binding or for a peer process.</summary>
        public const int SetupTimeoutMs = 15000;

        /// <summary>Side B's bound on every wait; a phase never lasts this long without traffic.</summary>
        public const int ReceiverTimeoutMs = 60000;

        private IpcInstance? _sender;

        protected BenchLink(string transport)
        {
            Transport = transport;
        }

        public string Transport { get; }

        public IpcInstance Sender
        {
            get => _sender ?? throw new InvalidOperationException("the link has not started");
            protected set => _sender = value;
        }

        public IReadOnlyList<BenchEndpoint> Endpoints { get; protected set; } = Array.Empty<BenchEndpoint>();

        /// <summary>The shared window, for the raw-copy baseline over the same memory.</summary>
        public abstract ISharedMemory Memory { get; }

        /// <summary>Side B's counters while it runs (in-process only); null when side B is another process.</summary>
        public virtual IpcStatistics? ReceiverStatistics => null;

        public BenchEndpoint this[string name] => Endpoints.First(e => e.Config.Name == name);

        /// <summary>Copies <paramref name="count"/> bytes into the window with nothing else: the raw-copy baseline's one operation.</summary>
        public virtual void RawCopy(int offset, byte[] source, int count)
        {
            Memory.Write(offset, source, 0, count);
        }

        /// <summary>Builds both sides, opens them and waits until every endpoint is bound.</summary>
        public abstract void Start(RunMode receiverMode, IReadOnlyList<string> names, int idleMs);

        /// <summary>Waits for side B to go quiet and end; returns its report.</summary>
        public abstract RunReport Finish();

        public abstract void Dispose();

        protected static RunOptions ReceiverOptions(RunMode mode, IReadOnlyList<string> names, int idleMs)
        {
            return new RunOptions { Mode = mode, Endpoints = names, Count = 0, IdleMs = idleMs, Check = PatternCheck.Header, TimeoutMs = ReceiverTimeoutMs };
        }
    }
}
