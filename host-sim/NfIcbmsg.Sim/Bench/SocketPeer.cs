using System;
using System.Buffers.Binary;
using System.IO;
using System.Net;
using System.Net.Sockets;
using NfIcbmsg.Sim.Commands;
using NfIcbmsg.Sim.Run;

namespace NfIcbmsg.Sim.Bench
{
    /// <summary>
    /// The socket baseline's other process (`bench --socket-peer PORT`): connects to the bench on
    /// loopback and does what a `run` receiver does with each message: copy it out and check its
    /// header (sink frames), or send it back (echo frames). Prints a JSON summary at the end of the stream.
    /// </summary>
    public static class SocketPeer
    {
        public static int Serve(int port, TextWriter output)
        {
            using Socket socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
            StreamVerifier verifier = new StreamVerifier("socket", PatternCheck.Header);
            byte[] frame = new byte[SocketFrame.HeaderSize + 65536];
            byte[] ack = { 1 };
            // Buffered reads: a receiver drains what arrived in one call, as the IPC receiver drains its ring.
            using BufferedStream input = new BufferedStream(new NetworkStream(socket, false), 1 << 16);
            while (input.ReadAtLeast(frame.AsSpan(0, SocketFrame.HeaderSize), SocketFrame.HeaderSize, false) == SocketFrame.HeaderSize)
            {
                int length = BinaryPrimitives.ReadInt32LittleEndian(frame);
                if (length < 0 || length > frame.Length - SocketFrame.HeaderSize || input.ReadAtLeast(frame.AsSpan(SocketFrame.HeaderSize, length), length, false) != length)
                {
                    break;
                }

                switch (frame[4])
                {
                    case SocketFrame.Sink:
                        verifier.Accept(frame.AsSpan(SocketFrame.HeaderSize, length));
                        break;
                    case SocketFrame.Echo:
                        SocketFrame.SendAll(socket, frame, SocketFrame.HeaderSize + length);
                        break;
                    default:
                        SocketFrame.SendAll(socket, ack, 1);
                        break;
                }
            }

            output.WriteLine(JsonReport.Serialize(new ReceiverSummary("socket", "peer", verifier.Failed == 0, verifier.Messages, 0, 0, verifier.FirstError)));
            return verifier.Failed == 0 ? ExitCodes.Success : ExitCodes.Failed;
        }
    }
}
