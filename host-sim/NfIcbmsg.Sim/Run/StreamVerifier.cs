using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading;
using NfIcbmsg.Sim.Traffic;

namespace NfIcbmsg.Sim.Run
{
    /// <summary>
    /// Checks the pattern messages of one endpoint as they arrive, per stream id (a message's stream
    /// id is in its header; every stream's sequence starts at 0). Fed on the receive thread only.
    /// </summary>
    public sealed class StreamVerifier
    {
        private readonly string _endpoint;
        private readonly PatternCheck _check;
        private readonly StreamTally[] _byId = new StreamTally[256];
        private readonly List<StreamTally> _streams = new List<StreamTally>();
        private int _messages;
        private int _failed;
        private string? _firstError;

        public StreamVerifier(string endpoint, PatternCheck check)
        {
            _endpoint = endpoint;
            _check = check;
        }

        public int Messages => Volatile.Read(ref _messages);

        public int Failed => Volatile.Read(ref _failed);

        public string? FirstError => Volatile.Read(ref _firstError);

        /// <summary>The streams seen, in order of first arrival. Read once the traffic stopped.</summary>
        public IReadOnlyList<StreamTally> Streams
        {
            get
            {
                lock (_streams)
                {
                    return _streams.ToArray();
                }
            }
        }

        /// <summary>Checks a message of whatever stream its header names.</summary>
        public string? Accept(ReadOnlySpan<byte> message)
        {
            byte stream = message.Length >= MessagePattern.HeaderSize ? message[4] : (byte)0;
            return Accept(message, stream);
        }

        /// <summary>Checks a message that must belong to <paramref name="stream"/>.</summary>
        public string? Accept(ReadOnlySpan<byte> message, byte stream)
        {
            StreamTally tally = _byId[stream];
            if (tally == null)
            {
                tally = new StreamTally(_endpoint, stream);
                _byId[stream] = tally;
                lock (_streams)
                {
                    _streams.Add(tally);
                }
            }

            string? error = _check == PatternCheck.Full
                ? MessagePattern.Verify(message, tally.NextSequence, stream)
                : CheckHeader(message, tally.NextSequence, stream);
            if (error != null)
            {
                error = $"{_endpoint}: {error}";
                Interlocked.CompareExchange(ref _firstError, error, null);
                Interlocked.Increment(ref _failed);
            }

            tally.Count(message.Length, error);
            Interlocked.Increment(ref _messages);
            return error;
        }

        // The header of MessagePattern: sequence u32 LE, stream u8, reserved u8, length u16 LE.
        private static string? CheckHeader(ReadOnlySpan<byte> message, uint expected, byte stream)
        {
            if (message.Length < MessagePattern.HeaderSize)
            {
                return $"message of {message.Length} bytes is shorter than the {MessagePattern.HeaderSize}-byte header";
            }

            uint sequence = BinaryPrimitives.ReadUInt32LittleEndian(message);
            if (sequence != expected)
            {
                return $"sequence {sequence}, expected {expected}";
            }

            if (message[4] != stream)
            {
                return $"stream {message[4]}, expected {stream}";
            }

            int length = BinaryPrimitives.ReadUInt16LittleEndian(message[6..]);
            return length == message.Length ? null : $"header says {length} bytes, {message.Length} arrived";
        }
    }
}
