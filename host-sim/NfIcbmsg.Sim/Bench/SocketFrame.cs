using System.Net.Sockets;

namespace NfIcbmsg.Sim.Bench
{
    /// <summary>
    /// The socket baseline's framing: a 4-byte little-endian payload length, one operation byte, the
    /// payload. Sink frames are consumed, echo frames sent back whole, a sync frame answered with one byte.
    /// </summary>
    public static class SocketFrame
    {
        public const int HeaderSize = 5;

        public const byte Sink = 0;
        public const byte Echo = 1;
        public const byte Sync = 2;

        /// <summary>Reads exactly <paramref name="count"/> bytes; false at the end of the stream.</summary>
        public static bool ReceiveExactly(Socket socket, byte[] buffer, int offset, int count)
        {
            while (count > 0)
            {
                int read = socket.Receive(buffer, offset, count, SocketFlags.None);
                if (read == 0)
                {
                    return false;
                }

                offset += read;
                count -= read;
            }

            return true;
        }

        public static void SendAll(Socket socket, byte[] buffer, int count)
        {
            int offset = 0;
            while (offset < count)
            {
                offset += socket.Send(buffer, offset, count - offset, SocketFlags.None);
            }
        }
    }
}
