using System.Collections.Generic;

namespace NfIcbmsg.Sim.Run
{
    /// <summary>The first few inputs the peer wrote that the instance dropped, for error messages (all are counted in the statistics).</summary>
    public sealed class RejectionLog
    {
        private const int Kept = 5;
        private readonly List<string> _first = new List<string>();

        public void Add(IpcInstance instance, RejectReason reason, string message)
        {
            lock (_first)
            {
                if (_first.Count < Kept)
                {
                    _first.Add($"{reason}: {message}");
                }
            }
        }

        public IReadOnlyList<string> First
        {
            get
            {
                lock (_first)
                {
                    return _first.ToArray();
                }
            }
        }
    }
}
