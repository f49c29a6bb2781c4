using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Icmsg;
using NfIcbmsg.Sim.Link;

namespace NfIcbmsg.Sim.Run
{
    /// <summary>
    /// One side of one instance over the sim link, running one application mode on its endpoints:
    /// attach, run each endpoint on its own thread from the moment it is bound, drain (every release of
    /// ours written, every block of ours back), close. Setup problems throw; everything after is reported.
    /// </summary>
    public static class RunSession
    {
        /// <summary>
        /// Runs the session. Status lines and events go to <paramref name="status"/> (rewritten in place
        /// when <paramref name="statusInPlace"/>); <see cref="RunOptions.Stop"/> ends it early with a report.
        /// </summary>
        public static RunReport Execute(RunOptions options, BoardSide side, TextWriter? status = null, bool statusInPlace = false)
        {
            InstanceConfig config = side.Config;
            if (options.IdleRecheckMs is int recheck)
            {
                config.IdleRecheckMs = recheck;
            }

            if (options.Unbound is UnboundMode unbound)
            {
                if (config.Backend != BackendKind.Icmsg)
                {
                    throw new RunSetupException($"--unbound applies to plain ICMsg instances: {config.Name} is an ICBMsg instance, which has no session handshake");
                }

                config.Unbound = unbound;
            }

            int portBase = options.PortBase ?? side.PortBase;
            using SimLinkSide link = SimLinkSide.Attach(config, options.SharedFile ?? throw new ArgumentException("a sim-link run needs a shared file", nameof(options)), portBase, options.DropRingsPercent);
            IpcInstance instance = link.Instance;
            if (options.ZeroCopy && !(instance is IcbmsgInstance))
            {
                throw new RunSetupException($"--zero-copy needs an ICBMsg instance: {config.Name} is a plain ICMsg instance, whose messages are copied into the ring");
            }

            bool sends = options.Mode is RunMode.Source or RunMode.Ping;
            if (sends && options.Size.Max > instance.MaxMessageSize)
            {
                throw new RunSetupException($"--size {options.Size} exceeds the {instance.MaxMessageSize} bytes instance {config.Name} carries from this side");
            }

            using CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(options.Stop);
            List<EndpointApp> apps = new List<EndpointApp>();
            using StatusLine line = new StatusLine(instance, apps, status ?? TextWriter.Null, statusInPlace, status == null ? 0 : options.StatusIntervalMs);
            options = options with { Stop = stop.Token, Announce = line.Announce };

            // Streams of the lower-tx side are 0.., of the other 0x80..: a source facing a source is caught.
            byte sideBit = config.TxRegionAddress < config.RxRegionAddress ? (byte)0 : (byte)0x80;
            apps.AddRange(options.Endpoints.Select((name, i) => EndpointApp.For(options, name, (byte)(sideBit | i))));
            RejectionLog rejections = new RejectionLog();
            instance.Error += rejections.Add;
            foreach (EndpointApp app in apps)
            {
                instance.RegisterEndpoint(app.CreateConfig());
            }

            Stopwatch clock = Stopwatch.StartNew();
            instance.Open();

            // Each endpoint works as soon as it is bound: one the peer never binds holds up no other.
            // The traffic clock starts when the last endpoint is bound, as the C peer measures it.
            long servingSince = 0;
            Thread[] threads = apps.Select(app => new Thread(() => ServeWhenBound(app, options, () => Interlocked.Exchange(ref servingSince, clock.Elapsed.Ticks)))
            {
                Name = "run-" + app.Name,
            }).ToArray();
            foreach (Thread thread in threads)
            {
                thread.Start();
            }

            bool Faulted() => instance.Statistics.Rejected > 0 || apps.Any(a => a.Error != null);
            while (!threads.All(t => t.Join(10)))
            {
                if (options.StopOnFault && Faulted())
                {
                    stop.Cancel();
                }
            }

            if (options.StopOnFault && Faulted())
            {
                stop.Cancel();
            }

            string? error = UnboundError(apps, link, options, rejections);
            double trafficMs = 0;
            if (apps.Any(a => a.IsBound))
            {
                string? drained = Drain(instance, options, apps);
                error ??= drained;
                trafficMs = (clock.Elapsed - TimeSpan.FromTicks(Interlocked.Read(ref servingSince))).TotalMilliseconds;
                foreach (EndpointApp app in apps.Where(a => a.IsBound))
                {
                    app.Finish();
                }
            }

            // Every figure of the report comes from one snapshot, taken with the receive thread stopped.
            instance.Close();
            line.Dispose();
            StatisticsReport statistics = StatisticsReport.From(instance.Statistics);
            bool verified = error == null && statistics.Rejected == 0 && statistics.CallbackFaults == 0 && apps.All(a => a.Verified);
            if (error == null && statistics.Rejected > 0)
            {
                error = $"{statistics.Rejected} inputs from the peer failed validation: {string.Join("; ", rejections.First)}";
            }

            error ??= apps.Select(a => a.Error).FirstOrDefault(e => e != null);
            if (options.Stop.IsCancellationRequested && !verified)
            {
                error = $"stopped early ({(options.StopOnFault ? "--stop-on-fault, or a signal" : "a signal")}): {error ?? "not every message was verified"}";
            }

            return new RunReport
            {
                Mode = options.Mode.ToString().ToLowerInvariant(),
                Board = side.BoardPath,
                Instance = config.Name,
                SharedFile = options.SharedFile,
                PortBase = portBase,
                TxChannel = config.TxChannel,
                RxChannel = config.RxChannel,
                Role = instance is IcbmsgInstance icbmsg ? (icbmsg.IsInitiator ? "initiator" : "follower") : null,
                Verified = verified,
                Error = verified ? null : error ?? "not every message was verified",
                ElapsedMs = clock.Elapsed.TotalMilliseconds,
                TrafficMs = trafficMs,
                Endpoints = apps.Select(a => a.Report()).ToArray(),
                Statistics = statistics,
                DoorbellDatagramsSent = link.TxLine.Raised,
                DoorbellDatagramsReceived = link.RxLine.Received,
                DoorbellDatagramsIgnored = link.RxLine.Ignored,
                DoorbellsDropped = link.Doorbell?.Dropped ?? 0,
                Rejections = rejections.First,
            };
        }

        /// <param name="serving">Called when the endpoint is bound, just before it serves.</param>
        private static void ServeWhenBound(EndpointApp app, RunOptions options, Action serving)
        {
            if (app.WaitBound(options.TimeoutMs))
            {
                serving();
                app.Run();
            }
        }

        private static string? UnboundError(List<EndpointApp> apps, SimLinkSide link, RunOptions options, RejectionLog rejections)
        {
            string[] unbound = apps.Where(a => !a.IsBound).Select(a => a.Name).ToArray();
            if (unbound.Length == 0)
            {
                return null;
            }

            IpcInstance instance = link.Instance;
            string invalid = instance.Statistics.Rejected > 0 ? $"; what the peer wrote failed validation {instance.Statistics.Rejected} times: {string.Join("; ", rejections.First)}" : string.Empty;
            if (!instance.IsBonded)
            {
                return $"no peer bonded within {options.TimeoutMs} ms on {link.Memory.Path} (this side listens on udp 127.0.0.1:{link.RxLine.Port}, channel {link.RxLine.Channel}, and rings 127.0.0.1:{link.TxLine.Port}, channel {link.TxLine.Channel}): is the other side running with the mirrored board file and the same --shm and port base?{invalid}";
            }

            string names = string.Join(", ", unbound.Select(n => "'" + n + "'"));
            string hint = string.Empty;
            if (instance is IcbmsgInstance icbmsg)
            {
                string[] parked = icbmsg.GetParkedNames();
                hint = icbmsg.IsInitiator
                    ? "; the peer has not confirmed them (it answers only names it registered)"
                    : parked.Length > 0 ? $"; the peer offered {string.Join(", ", parked.Select(n => "'" + n + "'"))}" : "; the peer offered no endpoint yet";
            }

            return $"the link bonded, but endpoint {names} did not bind within {options.TimeoutMs} ms{hint}{invalid}";
        }

        // Drain before close (docs/protocol.md §13.8): every release this side owes is in the ring and every
        // block it sent came back, so neither side leaks the other's blocks when this process exits.
        private static string? Drain(IpcInstance instance, RunOptions options, List<EndpointApp> apps)
        {
            // Bindings that never completed keep their blocks by design: the BOUND of a name the peer
            // never registered (initiator), a parked BOUND for a name this side never registered (follower).
            int pendingTx = 0;
            int parkedRx = 0;
            if (instance is IcbmsgInstance icbmsg)
            {
                pendingTx = icbmsg.IsInitiator ? apps.Where(a => !a.IsBound).Sum(a => icbmsg.TxLayout.BlocksFor(a.Name.Length + 1)) : 0;
                parkedRx = icbmsg.GetParkedNames().Sum(n => icbmsg.RxLayout.BlocksFor(n.Length + 1));
            }

            IpcStatistics s = instance.Statistics;
            bool drained = Progress.WaitUntil(
                () => s.RxBlocksHeld <= parkedRx && s.TxBlocksInUse <= pendingTx,
                () => s.ControlMessagesReceived + (long)s.ControlMessagesSent,
                options.TimeoutMs);
            return drained ? null : $"not drained within {options.TimeoutMs} ms: {s.TxBlocksInUse - pendingTx} tx blocks not released by the peer, {s.RxBlocksHeld - parkedRx} rx blocks whose release could not be written";
        }
    }
}
