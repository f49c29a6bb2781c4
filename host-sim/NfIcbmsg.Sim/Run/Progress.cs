using System;
using System.Diagnostics;
using System.Threading;

namespace NfIcbmsg.Sim.Run
{
    /// <summary>Bounded waits on work the peer drives: give up only when nothing moved for the timeout.</summary>
    public static class Progress
    {
        /// <summary>
        /// Waits until <paramref name="done"/> holds. Returns false once <paramref name="progress"/> has
        /// not changed for <paramref name="quietMs"/> (the peer stopped), never waits longer than that per step.
        /// </summary>
        public static bool WaitUntil(Func<bool> done, Func<long> progress, int quietMs)
        {
            Stopwatch clock = Stopwatch.StartNew();
            long last = progress();
            long lastChange = 0;
            while (!done())
            {
                long now = clock.ElapsedMilliseconds;
                if (now - lastChange > quietMs)
                {
                    return false;
                }

                Thread.Sleep(1);
                long current = progress();
                if (current != last)
                {
                    last = current;
                    lastChange = clock.ElapsedMilliseconds;
                }
            }

            return true;
        }
    }
}
