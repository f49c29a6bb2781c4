using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace NfIcbmsg.Sim.Soak
{
    /// <summary>
    /// Runs soak rounds over the given instances in turn (fresh memory and instances each round, so
    /// traffic starts healthy every time) until the mutation count or the time is reached.
    /// </summary>
    public static class SoakRunner
    {
        public static SoakReport Run(IReadOnlyList<InstanceConfig> configs, long mutations, int seconds, int perRound, uint seed, Action<SoakReport> progress)
        {
            Random random = new Random((int)seed);
            Stopwatch clock = Stopwatch.StartNew();
            SoakReport total = new SoakReport { Seed = seed };
            long lastProgress = 0;
            while (total.Mutations < mutations && (seconds <= 0 || clock.Elapsed.TotalSeconds < seconds))
            {
                InstanceConfig config = configs[total.Rounds % configs.Count];
                SoakRound round = new SoakRound(config, random);
                round.Run(Math.Min(perRound, mutations - total.Mutations));
                total = total with
                {
                    Mutations = total.Mutations + round.Mutations,
                    Rounds = total.Rounds + 1,
                    RoundsBound = total.RoundsBound + (round.Bound ? 1 : 0),
                    Crashes = total.Crashes + round.Crashes,
                    OutsideAccesses = total.OutsideAccesses + round.OutsideAccesses,
                    Hangs = total.Hangs + round.Hangs,
                    Deliveries = total.Deliveries + round.Deliveries,
                    Rejected = total.Rejected + round.Rejected,
                    FirstProblem = total.FirstProblem ?? round.FirstProblem,
                    ElapsedSeconds = clock.Elapsed.TotalSeconds,
                };
                if (progress != null && clock.ElapsedMilliseconds - lastProgress >= 10000)
                {
                    lastProgress = clock.ElapsedMilliseconds;
                    progress(total);
                }
            }

            return total with { ElapsedSeconds = clock.Elapsed.TotalSeconds };
        }
    }
}
