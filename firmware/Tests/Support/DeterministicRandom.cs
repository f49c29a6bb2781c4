namespace NfIcbmsg.Tests.Support
{
    /// <summary>
    /// xorshift32: the same sequence on the nanoCLR and on .NET for the same seed (System.Random differs
    /// between the two runtimes, and nanoFramework lacks Next(min, max)), so a failing stress run can be
    /// replayed anywhere from its seed.
    /// </summary>
    public sealed class DeterministicRandom
    {
        private uint _state;

        /// <summary>Starts the sequence at <paramref name="seed"/> (0 is replaced, xorshift would stay at 0).</summary>
        public DeterministicRandom(uint seed)
        {
            _state = seed == 0 ? 0x9E3779B9u : seed;
        }

        /// <summary>The next 32 bits.</summary>
        public uint NextUInt()
        {
            uint x = _state;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            _state = x;
            return x;
        }

        /// <summary>A value in 0 .. <paramref name="bound"/>-1 (bound > 0; the tiny modulo bias does not matter here).</summary>
        public int Next(int bound)
        {
            return (int)(NextUInt() % (uint)bound);
        }

        /// <summary>A value in <paramref name="low"/> .. <paramref name="high"/>, both included.</summary>
        public int Between(int low, int high)
        {
            return low + Next(high - low + 1);
        }
    }
}
