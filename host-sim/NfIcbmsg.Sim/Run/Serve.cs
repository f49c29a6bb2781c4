using System;
using System.Diagnostics;
using System.Threading;

namespace NfIcbmsg.Sim.Run
{
    /// <summary>The receivers' wait (sink, echo): bounded by the peer going quiet, never by a fixed total time.</summary>
    public static class Serve
    {
        /// <summary>
        /// Runs <paramref name="work"/> and waits until <see cref="RunOptions.Count"/> messages came and
        /// the app is <paramref name="settled"/>, or, with a count of 0, until the peer has been quiet
        /// for <see cref="RunOptions.IdleMs"/> after its first message. Returns null when done, else
        /// why not: nothing arrived for <see cref="RunOptions.TimeoutMs"/>, or <paramref name="failed"/>.
        /// </summary>
        public static string? UntilDone(Func<int> received, RunOptions options, Func<bool>? settled = null, Action? work = null, Func<bool>? failed = null)
        {
            settled ??= () => true;
            failed ??= () => false;
            Stopwatch clock = Stopwatch.StartNew();
            int last = received();
            long lastChange = 0;
            while (!failed() && !options.Stop.IsCancellationRequested)
            {
                work?.Invoke();
                int now = received();
                if (now != last)
                {
                    last = now;
                    lastChange = clock.ElapsedMilliseconds;
                }

                long quiet = clock.ElapsedMilliseconds - lastChange;
                bool serving = options.Count == 0 && now > 0;
                if (settled() && (options.Count == 0 ? serving && quiet > options.IdleMs : now >= options.Count))
                {
                    return null;
                }

                if (!serving && quiet > options.TimeoutMs)
                {
                    return now == 0 ? $"no message within {options.TimeoutMs} ms (is the peer sending?)" : $"received {now} of {options.Count} messages, then none for {options.TimeoutMs} ms";
                }

                Thread.Sleep(1);
            }

            return null;
        }
    }
}
