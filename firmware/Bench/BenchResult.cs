namespace NfIcbmsg.Bench
{
    /// <summary>One measured case of <see cref="MessageBench"/>.</summary>
    public sealed class BenchResult
    {
        internal BenchResult(bool pingPong, bool zeroCopy, int size, int messages, double microseconds, double loopsPerMicrosecond)
        {
            PingPong = pingPong;
            ZeroCopy = zeroCopy;
            Size = size;
            Messages = messages;
            MicrosecondsPerMessage = microseconds / messages;
            LoopIterationsPerMessage = MicrosecondsPerMessage * loopsPerMicrosecond;
        }

        /// <summary>Round trips (one message each way, one in flight) rather than a one-way stream.</summary>
        public bool PingPong { get; }

        /// <summary>Sent through a lease and read in place, rather than copied in and out.</summary>
        public bool ZeroCopy { get; }

        /// <summary>Payload bytes per message.</summary>
        public int Size { get; }

        /// <summary>Messages (or round trips) in the batch the figures come from.</summary>
        public int Messages { get; }

        /// <summary>Interpreter time per message (per round trip for ping-pong).</summary>
        public double MicrosecondsPerMessage { get; }

        /// <summary>The same cost in iterations of an empty loop measured in the same run.</summary>
        public double LoopIterationsPerMessage { get; }

        /// <summary>One line: pattern, mode, size, µs and loop iterations per message.</summary>
        public override string ToString()
        {
            return (PingPong ? "ping-pong " : "one-way   ") + (ZeroCopy ? "zero-copy " : "copy      ") + Size.ToString() + " B: "
                + MicrosecondsPerMessage.ToString("F1") + " us/" + (PingPong ? "round trip" : "message") + ", "
                + LoopIterationsPerMessage.ToString("F0") + " loop iterations (fastest batch of " + Messages.ToString() + ")";
        }
    }
}
