namespace NfIcbmsg.Hal
{
    /// <summary>
    /// The shared-memory seam: a window of physical addresses [BaseAddress, BaseAddress + Length)
    /// that both cores see. Offsets are relative to the window. Every implementation checks every
    /// access against the window once, here, and throws <see cref="System.ArgumentOutOfRangeException"/>
    /// when it falls outside: the protocol layers validate peer data before they get here, so a throw
    /// from the seam is a bug, never a peer's doing.
    /// </summary>
    public interface ISharedMemory
    {
        /// <summary>Physical address of offset 0.</summary>
        uint BaseAddress { get; }

        /// <summary>Length of the window in bytes.</summary>
        int Length { get; }

        /// <summary>Loads a little-endian 32-bit word with acquire semantics (4-aligned offsets only).</summary>
        uint ReadWord(int offset);

        /// <summary>Stores a little-endian 32-bit word with release semantics (4-aligned offsets only).</summary>
        void WriteWord(int offset, uint value);

        /// <summary>Copies <paramref name="count"/> bytes from the window into <paramref name="destination"/>.</summary>
        void Read(int offset, byte[] destination, int index, int count);

        /// <summary>Copies <paramref name="count"/> bytes from <paramref name="source"/> into the window.</summary>
        void Write(int offset, byte[] source, int index, int count);

        /// <summary>Full memory barrier: every load and store before it is visible before any after it.</summary>
        void Barrier();

        /// <summary>
        /// False when no data cache fronts the window, so <see cref="Invalidate"/> and <see cref="Flush"/> would
        /// only check their range: the protocol asks once, at construction, and then leaves them out of its hot
        /// paths. A seam that cannot tell, or a checking decorator that must see every maintenance call, answers true.
        /// </summary>
        bool HasDataCache { get; }

        /// <summary>Drops cached copies of a range before reading what the peer wrote (no-op without a data cache).</summary>
        void Invalidate(int offset, int length);

        /// <summary>Writes back cached stores of a range so the peer sees them (no-op without a data cache).</summary>
        void Flush(int offset, int length);
    }
}
