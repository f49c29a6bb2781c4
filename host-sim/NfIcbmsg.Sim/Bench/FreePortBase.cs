using System;
using System.Net;
using System.Net.Sockets;

namespace NfIcbmsg.Sim.Bench
{
    /// <summary>Finds a port base whose first channels' UDP ports are free now, so a bench never collides with a running sim link.</summary>
    public static class FreePortBase
    {
        public static int Find(int channels)
        {
            for (int attempt = 0; attempt < 100; attempt++)
            {
                int portBase = Random.Shared.Next(20000, 60000 - channels);
                if (AllFree(portBase, channels))
                {
                    return portBase;
                }
            }

            throw new InvalidOperationException("no free UDP port base found on 127.0.0.1");
        }

        private static bool AllFree(int portBase, int channels)
        {
            for (int channel = 0; channel < channels; channel++)
            {
                using Socket probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                try
                {
                    probe.Bind(new IPEndPoint(IPAddress.Loopback, portBase + channel));
                }
                catch (SocketException)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
