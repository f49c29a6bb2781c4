using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using NfIcbmsg.Icbmsg;
using NfIcbmsg.Icmsg;
using NfIcbmsg.Pbuf;
using NfIcbmsg.Platform.InMemory;

namespace NfIcbmsg.Sim.Soak
{
    /// <summary>
    /// One round of the soak: two live instances (one per side of <see cref="InstanceConfig"/>) in one
    /// window, bonded and bound, exchanging messages while the round mutates the shared memory at
    /// random — indices, packet headers and bytes, block headers, control messages, handshake words.
    /// Afterwards both receive threads must still answer and close.
    /// </summary>
    public sealed class SoakRound
    {
        private const int BindTimeoutMs = 3000;
        private const int AliveTimeoutMs = 3000;
        private const int SpinWindowMs = 300;
        private static readonly uint[] s_specials = { 0, 1, 2, 3, 4, 8, 0x7FFF, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFC, 0xFFFFFFFF };

        private readonly InstanceConfig _configA;
        private readonly Random _random;
        private readonly ByteArrayMemory _memory;
        private readonly FencedMemory _fenceA;
        private readonly FencedMemory _fenceB;
        private readonly InProcessMailbox _lineAToB = new InProcessMailbox();
        private readonly InProcessMailbox _lineBToA = new InProcessMailbox();
        private readonly IpcInstance _a;
        private readonly IpcInstance _b;
        private readonly List<int> _hotWords = new List<int>();
        private readonly List<(int Start, int Length)> _regions = new List<(int, int)>();
        private readonly List<PacketBufferLayout> _rings = new List<PacketBufferLayout>();
        private readonly byte[] _payload;
        private long _apiCrashes;
        private string? _firstProblem;

        public SoakRound(InstanceConfig sideA, Random random)
        {
            _configA = sideA;
            _random = random;
            InstanceConfig sideB = sideA.Mirror();
            _memory = new ByteArrayMemory(sideA.WindowBase, (int)sideA.WindowLength);
            _fenceA = Fence(sideA);
            _fenceB = Fence(sideB);
            _a = IpcService.Create(sideA, _fenceA, _lineAToB, _lineBToA);
            _b = IpcService.Create(sideB, _fenceB, _lineBToA, _lineAToB);
            _payload = new byte[Math.Max(_a.MaxMessageSize, _b.MaxMessageSize)];
            random.NextBytes(_payload);
        }

        public long Mutations { get; private set; }

        public long Crashes => _a.Statistics.InternalFaults + _b.Statistics.InternalFaults + _a.Statistics.CallbackFaults + _b.Statistics.CallbackFaults + Interlocked.Read(ref _apiCrashes);

        public long OutsideAccesses => _fenceA.Violations + _fenceB.Violations;

        public long Hangs { get; private set; }

        public long Deliveries => _a.Statistics.MessagesReceived + (long)_b.Statistics.MessagesReceived;

        public long Rejected => _a.Statistics.Rejected + (long)_b.Statistics.Rejected;

        public bool Bound { get; private set; }

        public string? FirstProblem => _firstProblem;

        /// <summary>Opens, binds, mutates <paramref name="mutations"/> times with traffic both ways, then checks liveness and closes.</summary>
        public void Run(long mutations)
        {
            Endpoint[] endpoints = new Endpoint[2];
            ManualResetEventSlim bothBound = new ManualResetEventSlim(false);
            int bound = 0;
            EndpointConfig Config(int side) => new EndpointConfig("soak")
            {
                Bound = ep =>
                {
                    endpoints[side] = ep;
                    if (Interlocked.Increment(ref bound) >= 2)
                    {
                        bothBound.Set();
                    }
                },
                Unbound = ep => ReRegister(side == 0 ? _a : _b, ep),
                Received = (_, buffer) => buffer.ToArray(),
            };

            _a.Open();
            _b.Open();
            _a.RegisterEndpoint(Config(0));
            _b.RegisterEndpoint(Config(1));
            Bound = bothBound.Wait(BindTimeoutMs);
            for (long i = 0; i < mutations; i++)
            {
                Mutate();
                if ((i & 15) == 15)
                {
                    // Let the receive threads at the damage before there is more of it.
                    _lineAToB.Raise();
                    _lineBToA.Raise();
                    Thread.Yield();
                }

                if ((i & 63) == 63)
                {
                    Send(endpoints[0]);
                    Send(endpoints[1]);
                }
            }

            Mutations = mutations;
            CheckAlive(_a, "side A");
            CheckAlive(_b, "side B");
            CloseWithin(_a, "side A");
            CloseWithin(_b, "side B");
            if (_firstProblem == null && Crashes > 0)
            {
                Note($"{Crashes} crashes (receive-loop faults A {_a.Statistics.InternalFaults}, B {_b.Statistics.InternalFaults}; callback faults {_a.Statistics.CallbackFaults + _b.Statistics.CallbackFaults})");
            }

            if (_firstProblem == null && OutsideAccesses > 0)
            {
                Note($"{OutsideAccesses} accesses outside the fenced ranges");
            }
        }

        private void ReRegister(IpcInstance instance, Endpoint endpoint)
        {
            // A plain ICMsg session that the mutations closed opens again when its endpoint registers again.
            try
            {
                instance.RegisterEndpoint(endpoint.Config);
            }
            catch (Exception e) when (e is InvalidOperationException || e is ArgumentException)
            {
            }
        }

        private void Send(Endpoint endpoint)
        {
            if (endpoint == null)
            {
                return;
            }

            int min = endpoint.Instance is IcbmsgInstance ? 0 : 1;
            int length = _random.Next(min, Math.Min(endpoint.TxBufferSize, _payload.Length) + 1);
            try
            {
                endpoint.TrySend(_payload, 0, length, 0);
            }
            catch (InvalidOperationException)
            {
                // Deregistered or closed meanwhile: a documented outcome, not a crash.
            }
            catch (Exception e)
            {
                Interlocked.Increment(ref _apiCrashes);
                Note($"TrySend of {length} bytes threw {e.GetType().Name}: {e.Message}");
            }
        }

        private void Mutate()
        {
            int kind = _random.Next(10);
            if (kind < 3)
            {
                (int start, int length) = _regions[_random.Next(_regions.Count)];
                _memory.Bytes[start + _random.Next(length)] = (byte)_random.Next(256);
            }
            else if (kind < 5)
            {
                (int start, int length) = _regions[_random.Next(_regions.Count)];
                _memory.WriteWord(start + (_random.Next(length / 4) * 4), (uint)_random.NextInt64(0, 1L << 32));
            }
            else if (kind < 8)
            {
                int offset = _hotWords[_random.Next(_hotWords.Count)];
                uint value = _random.Next(3) == 0 ? (uint)_random.Next(0, 4096) : s_specials[_random.Next(s_specials.Length)];
                _memory.WriteWord(offset, value);
            }
            else
            {
                // A packet header or a 3-byte control message at a ring's read position: what a hostile
                // writer would put there, with the write index moved past it half of the time.
                PacketBufferLayout ring = _rings[_random.Next(_rings.Count)];
                uint read = _memory.ReadWord(ring.ReadIndexOffset);
                if (read >= (uint)ring.DataLength || (read & 3) != 0)
                {
                    _memory.WriteWord(ring.ReadIndexOffset, (uint)(_random.Next(ring.DataLength / 4) * 4));
                    return;
                }

                int at = ring.DataOffset + (int)read;
                int length = _random.Next(3) == 0 ? _random.Next(0, 0x10000) : 3;
                _memory.Bytes[at] = (byte)(length >> 8);
                _memory.Bytes[at + 1] = (byte)length;
                if (at + 7 <= ring.DataOffset + ring.DataLength)
                {
                    _memory.Bytes[at + 4] = (byte)_random.Next(0, 5);
                    _memory.Bytes[at + 5] = (byte)_random.Next(0, 8);
                    _memory.Bytes[at + 6] = (byte)_random.Next(0, 40);
                }

                if (_random.Next(2) == 0)
                {
                    _memory.WriteWord(ring.WriteIndexOffset, (uint)((read + 8) % (uint)ring.DataLength));
                }
            }
        }

        private void CheckAlive(IpcInstance instance, string side)
        {
            // Alive: the receive thread still runs (idle re-checks, retries). Not spinning: with the
            // mutations and the traffic stopped it runs at the pace of its timers, not flat out.
            IpcStatistics st = instance.Statistics;
            int before = st.ReceiveRuns;
            long[] was = { st.DoorbellsReceived, st.DoorbellsRung, st.Rejected, st.ControlMessagesReceived, st.IdleRechecks };
            Thread.Sleep(SpinWindowMs);
            int runs = st.ReceiveRuns - before;
            string detail = $"doorbells in {st.DoorbellsReceived - was[0]}, out {st.DoorbellsRung - was[1]}, rejected {st.Rejected - was[2]}, packets {st.ControlMessagesReceived - was[3]}, idle re-checks {st.IdleRechecks - was[4]}, bonded {instance.IsBonded}";
            if (runs == 0)
            {
                Hangs++;
                Note($"{side}: the receive thread did not run for {SpinWindowMs} ms after the mutations stopped");
            }
            else if (runs > SpinWindowMs * 2)
            {
                Hangs++;
                Note($"{side}: the receive thread ran {runs} times in {SpinWindowMs} ms after the mutations stopped (spinning: {detail})");
            }
        }

        private void CloseWithin(IpcInstance instance, string side)
        {
            Task close = Task.Run(instance.Close);
            if (!close.Wait(AliveTimeoutMs))
            {
                Hangs++;
                Note($"{side}: Close did not return within {AliveTimeoutMs} ms");
            }
        }

        private void Note(string problem)
        {
            Interlocked.CompareExchange(ref _firstProblem, $"{_configA.Name}: {problem}", null);
        }

        // What one side may touch, and the words the mutator aims at (ring indices, handshake words,
        // block headers).
        private FencedMemory Fence(InstanceConfig config)
        {
            FencedMemory fence = new FencedMemory(_memory);
            int tx = Offset(config.TxRegionAddress);
            int rx = Offset(config.RxRegionAddress);
            fence.AllowReads(tx, config.TxRegionSize);
            fence.AllowReads(rx, config.RxRegionSize);
            fence.AllowWrites(tx, config.TxRegionSize);
            PacketBufferLayout rxRing;
            if (config.Backend == BackendKind.Icbmsg)
            {
                RegionLayout layout = RegionLayout.Compute(config.RxRegionAddress, config.RxRegionSize, config.RxBlocks, config.TxBlocks, config.DcacheAlignment);
                rxRing = PacketBufferLayout.Create(layout.Begin, Offset(layout.Begin), layout.IcmsgAreaSize, config.DcacheAlignment, false);
                for (int k = 0; k < layout.BlockCount; k++)
                {
                    _hotWords.Add(Offset(layout.BlockAddress(k)));
                }
            }
            else
            {
                rxRing = PacketBufferLayout.Create(config.RxRegionAddress, rx, config.RxRegionSize, config.DcacheAlignment, config.Unbound != UnboundMode.Disable);
            }

            fence.AllowWrites(rxRing.ReadIndexOffset, PacketBufferLayout.IndexSize);
            _hotWords.Add(rxRing.ReadIndexOffset);
            _hotWords.Add(rxRing.WriteIndexOffset);
            if (rxRing.HasHandshake)
            {
                fence.AllowWrites(rxRing.HandshakeOffset, PacketBufferLayout.IndexSize);
                _hotWords.Add(rxRing.HandshakeOffset);
            }

            _rings.Add(rxRing);
            _regions.Add((rx, config.RxRegionSize));
            return fence;
        }

        private int Offset(uint address) => (int)(address - _memory.BaseAddress);
    }
}
