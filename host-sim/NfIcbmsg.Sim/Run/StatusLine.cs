using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;

namespace NfIcbmsg.Sim.Run
{
    /// <summary>
    /// The live status of a long run: one line rewritten in place on a terminal, a line per interval
    /// otherwise (a log file, a test). Each line is printed from one statistics snapshot.
    /// </summary>
    public sealed class StatusLine : IDisposable
    {
        private readonly IpcInstance _instance;
        private readonly IReadOnlyList<EndpointApp> _apps;
        private readonly TextWriter _writer;
        private readonly bool _inPlace;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Timer? _timer;
        private readonly object _sync = new object();
        private bool _dirty;

        public StatusLine(IpcInstance instance, IReadOnlyList<EndpointApp> apps, TextWriter writer, bool inPlace, int intervalMs)
        {
            _instance = instance;
            _apps = apps;
            _writer = writer;
            _inPlace = inPlace;
            _timer = intervalMs > 0 ? new Timer(_ => Print(), null, intervalMs, intervalMs) : null;
        }

        /// <summary>An event line (bound, unbound): printed on its own line, above the status line.</summary>
        public void Announce(string line)
        {
            lock (_sync)
            {
                _writer.WriteLine((_inPlace && _dirty ? "\r\u001b[K" : string.Empty) + "event: " + line);
                _dirty = false;
            }
        }

        public void Dispose()
        {
            _timer?.Dispose();
            lock (_sync)
            {
                if (_inPlace && _dirty)
                {
                    _writer.WriteLine();
                    _dirty = false;
                }
            }
        }

        private void Print()
        {
            StatisticsReport s = StatisticsReport.From(_instance.Statistics);
            string rejects = s.Rejected == 0 ? "0" : $"{s.Rejected} ({string.Join(", ", s.RejectedByReason.Select(r => r.Key + " " + r.Value))})";
            string bound = string.Join(" ", _apps.Select(a => a.Name + (a.Endpoint?.IsBound == true ? "+" : "-")));
            string line = $"status: {_clock.Elapsed.TotalSeconds:F0} s  messages out {s.MessagesSent} in {s.MessagesReceived}  rejects {rejects}  blocks tx {s.TxBlocksInUse} rx {s.RxBlocksHeld}  endpoints {bound}";
            lock (_sync)
            {
                if (_inPlace)
                {
                    _writer.Write("\r\u001b[K" + line);
                    _writer.Flush();
                    _dirty = true;
                }
                else
                {
                    _writer.WriteLine(line);
                }
            }
        }
    }
}
