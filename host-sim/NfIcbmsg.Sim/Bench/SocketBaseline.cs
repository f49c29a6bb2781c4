using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Tasks;
using NfIcbmsg.Sim.Run;
using NfIcbmsg.Sim.Traffic;

namespace NfIcbmsg.Sim.Bench
{
    /// <summary>
    /// The same payload stream over a TCP connection on loopback to another process (a child
    /// `nf-sim bench --socket-peer`): one send call per message, as the sim link rings once per message.
    /// </summary>
    public sealed class SocketBaseline : IDisposable
    {
        private readonly Socket _socket;
        private readonly ChildProcess _peer;
        private readonly byte[] _frame = new byte[SocketFrame.HeaderSize + 65536];
        private readonly byte[] _reply = new byte[SocketFrame.HeaderSize + 65536];

        private SocketBaseline(Socket socket, ChildProcess peer)
        {
            _socket = socket;
            _peer = peer;
        }

        public static SocketBaseline Start()
        {
            using TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            ChildProcess peer = ChildProcess.Start("bench", "--socket-peer", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Task<Socket> accept = listener.AcceptSocketAsync();
            if (!accept.Wait(BenchLink.SetupTimeoutMs))
            {
                (int? _, string _, string error) = peer.Wait(100);
                peer.Dispose();
                throw new BenchException($"the socket peer did not connect within {BenchLink.SetupTimeoutMs} ms: {error.Trim()}");
            }

            Socket socket = accept.Result;
            socket.NoDelay = true;
            return new SocketBaseline(socket, peer);
        }

        public BenchCase Throughput(int size, byte stream, int durationMs)
        {
            Frame(SocketFrame.Sink, size);
            MessagePattern.Fill(_frame.AsSpan(SocketFrame.HeaderSize), 0, stream, size);
            long deadline = Stopwatch.GetTimestamp() + (durationMs * Stopwatch.Frequency / 1000);
            Stopwatch clock = Stopwatch.StartNew();
            uint sequence = 0;
            do
            {
                BinaryPrimitives.WriteUInt32LittleEndian(_frame.AsSpan(SocketFrame.HeaderSize), sequence++);
                SocketFrame.SendAll(_socket, _frame, SocketFrame.HeaderSize + size);
            } while (Stopwatch.GetTimestamp() < deadline);

            // The clock stops when the peer has read everything, as the IPC's stops when every block is back.
            Frame(SocketFrame.Sync, 0);
            SocketFrame.SendAll(_socket, _frame, SocketFrame.HeaderSize);
            bool synced = SocketFrame.ReceiveExactly(_socket, _reply, 0, 1);
            return new BenchCase { Transport = "socket", Kind = "throughput", Size = size, Messages = sequence, Seconds = clock.Elapsed.TotalSeconds, Verified = synced, Error = synced ? null : "the socket peer closed the connection" };
        }

        public BenchCase Turnaround(int size, byte stream, int durationMs)
        {
            Frame(SocketFrame.Echo, size);
            MessagePattern.Fill(_frame.AsSpan(SocketFrame.HeaderSize), 0, stream, size);
            long[] roundTrips = new long[Math.Max(1024, durationMs * 500)];
            int count = 0;
            string? error = null;
            long deadline = Stopwatch.GetTimestamp() + (durationMs * Stopwatch.Frequency / 1000);
            Stopwatch clock = Stopwatch.StartNew();
            do
            {
                BinaryPrimitives.WriteUInt32LittleEndian(_frame.AsSpan(SocketFrame.HeaderSize), (uint)count);
                long start = Stopwatch.GetTimestamp();
                SocketFrame.SendAll(_socket, _frame, SocketFrame.HeaderSize + size);
                if (!SocketFrame.ReceiveExactly(_socket, _reply, 0, SocketFrame.HeaderSize + size))
                {
                    error = "the socket peer closed the connection";
                    break;
                }

                roundTrips[count] = Stopwatch.GetTimestamp() - start;
                if (BinaryPrimitives.ReadUInt32LittleEndian(_reply.AsSpan(SocketFrame.HeaderSize)) != (uint)count++)
                {
                    error = $"echo {count - 1} came back with another sequence";
                    break;
                }
            } while (count < roundTrips.Length && Stopwatch.GetTimestamp() < deadline);

            return new BenchCase { Transport = "socket", Kind = "turnaround", Size = size, Messages = count, Seconds = clock.Elapsed.TotalSeconds, Latency = LatencySummary.FromTicks(roundTrips, count), Verified = error == null, Error = error };
        }

        /// <summary>Ends the stream and collects the peer's own verification.</summary>
        public ReceiverSummary Finish()
        {
            _socket.Shutdown(SocketShutdown.Send);
            (int? code, string output, string error) = _peer.Wait(BenchLink.SetupTimeoutMs);
            try
            {
                ReceiverSummary summary = JsonSerializer.Deserialize<ReceiverSummary>(output, JsonReport.Options) ?? throw new JsonException("the summary is null");
                return summary with { Phase = "all", Verified = summary.Verified && code == 0 };
            }
            catch (JsonException)
            {
                return new ReceiverSummary("socket", "all", false, 0, 0, 0, $"the socket peer exited {code} without a report: {error.Trim()}");
            }
        }

        public void Dispose()
        {
            _socket.Dispose();
            _peer.Dispose();
        }

        private void Frame(byte operation, int length)
        {
            BinaryPrimitives.WriteInt32LittleEndian(_frame, length);
            _frame[4] = operation;
        }
    }
}
