using System;
using System.Runtime.CompilerServices;
using NfIcbmsg.Hal;

namespace NfIcbmsg.Platform.Esp32
{
    /// <summary>
    /// The shared-memory seam on ESP32: a window of internal SRAM reached through the native interop methods of
    /// this assembly (firmware/Native/NfIcbmsg.Esp32, built into a custom nanoCLR image). nanoFramework has no
    /// pointers and no raw-memory API, so every access is one native call: 32-bit loads with acquire and stores
    /// with release semantics, bulk copies between a byte array and the window, a full barrier, and cache
    /// maintenance (a no-op on chips whose internal SRAM is not cached, see docs/esp32.md).
    /// </summary>
    /// <remarks>
    /// Every access is checked twice: here, against the window this object was created for (throwing
    /// <see cref="ArgumentOutOfRangeException"/>), and again on the native side against the window the native
    /// module registered, which was itself validated against the chip's internal SRAM. A wrong offset can
    /// therefore never reach memory outside the window, even through a bug in this class.
    /// Dispose only after the instance that uses the window has been closed.
    /// </remarks>
    public sealed class NativeSharedMemory : ISharedMemory, IDisposable
    {
        // Plain fields rather than auto-properties: the metadata processor names every instance field of a class
        // with native methods in the generated header (FIELD__<name>), and a compiler-generated backing-field
        // name would not be a C++ identifier.
        private readonly uint _baseAddress;
        private readonly int _length;
        private readonly int _window;
        private bool _disposedValue;

        /// <summary>
        /// Registers the window [<paramref name="baseAddress"/>, <paramref name="baseAddress"/> + <paramref name="length"/>)
        /// with the native module. Throws <see cref="ArgumentOutOfRangeException"/> when the window is not 4-byte
        /// aligned or not entirely inside the chip's internal SRAM (the native side decides), and
        /// <see cref="InvalidOperationException"/> when all native window slots are taken.
        /// </summary>
        /// <param name="baseAddress">Physical (data-bus) address of offset 0.</param>
        /// <param name="length">Length of the window in bytes.</param>
        public NativeSharedMemory(uint baseAddress, int length)
        {
            if ((baseAddress & 3) != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(baseAddress));
            }

            if (length <= 0 || (length & 3) != 0 || baseAddress > uint.MaxValue - (uint)length + 1)
            {
                throw new ArgumentOutOfRangeException(nameof(length));
            }

            _baseAddress = baseAddress;
            _length = length;
            _window = NativeOpenWindow(baseAddress, length);
        }

        /// <summary>Registers the window an instance configuration spans (both regions, <see cref="InstanceConfig.WindowBase"/> on).</summary>
        /// <param name="config">The instance configuration, e.g. from the generated board configuration.</param>
        public NativeSharedMemory(InstanceConfig config)
            : this(WindowBaseOf(config), WindowLengthOf(config))
        {
        }

        /// <inheritdoc />
        public uint BaseAddress
        {
            get { return _baseAddress; }
        }

        /// <inheritdoc />
        public int Length
        {
            get { return _length; }
        }

        /// <inheritdoc />
        public uint ReadWord(int offset)
        {
            CheckWord(offset);
            return NativeReadWord(_window, offset);
        }

        /// <inheritdoc />
        public void WriteWord(int offset, uint value)
        {
            CheckWord(offset);
            NativeWriteWord(_window, offset, value);
        }

        /// <inheritdoc />
        public void Read(int offset, byte[] destination, int index, int count)
        {
            CheckArray(destination, index, count);
            CheckRange(offset, count);
            if (count != 0)
            {
                NativeRead(_window, offset, destination, index, count);
            }
        }

        /// <inheritdoc />
        public void Write(int offset, byte[] source, int index, int count)
        {
            CheckArray(source, index, count);
            CheckRange(offset, count);
            if (count != 0)
            {
                NativeWrite(_window, offset, source, index, count);
            }
        }

        /// <summary>True: only the native module knows whether the chip caches internal SRAM (the ESP32-P4 does), so every maintenance call reaches it.</summary>
        public bool HasDataCache
        {
            get { return true; }
        }

        /// <inheritdoc />
        public void Barrier()
        {
            CheckDisposed();
            NativeBarrier();
        }

        /// <inheritdoc />
        public void Invalidate(int offset, int length)
        {
            CheckRange(offset, length);
            if (length != 0)
            {
                NativeInvalidate(_window, offset, length);
            }
        }

        /// <inheritdoc />
        public void Flush(int offset, int length)
        {
            CheckRange(offset, length);
            if (length != 0)
            {
                NativeFlush(_window, offset, length);
            }
        }

        /// <summary>Unregisters the window from the native module; later accesses throw <see cref="ObjectDisposedException"/>.</summary>
        public void Dispose()
        {
            if (!_disposedValue)
            {
                _disposedValue = true;
                NativeCloseWindow(_window);
            }
        }

        private static uint WindowBaseOf(InstanceConfig config)
        {
            if (config == null)
            {
                throw new ArgumentNullException(nameof(config));
            }

            return config.WindowBase;
        }

        private static int WindowLengthOf(InstanceConfig config)
        {
            if (config == null)
            {
                throw new ArgumentNullException(nameof(config));
            }

            long length = config.WindowLength;
            if (length <= 0 || length > int.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(config));
            }

            return (int)length;
        }

        private void CheckDisposed()
        {
            if (_disposedValue)
            {
                throw new ObjectDisposedException(nameof(NativeSharedMemory));
            }
        }

        private void CheckWord(int offset)
        {
            CheckDisposed();
            if (offset < 0 || (offset & 3) != 0 || offset > _length - 4)
            {
                throw new ArgumentOutOfRangeException(nameof(offset));
            }
        }

        private void CheckRange(int offset, int count)
        {
            CheckDisposed();
            if (offset < 0 || count < 0 || offset > _length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(offset));
            }
        }

        private static void CheckArray(byte[] buffer, int index, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            if (index < 0 || count < 0 || index > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }
        }

        #region native calls

        // The order and the signatures of these declarations are the interop contract with the native module:
        // the metadata processor's checksum covers them, and tests/NfIcbmsg.Esp32.Tests checks that the native
        // lookup table and marshalling wrappers agree. Changing any of them means rebuilding the firmware.

        /// <summary>Validates the window against internal SRAM and returns its slot, or fails (CLR_E_OUT_OF_RANGE / CLR_E_INVALID_OPERATION).</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeOpenWindow(uint baseAddress, int length);

        /// <summary>Frees a window slot.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void NativeCloseWindow(int window);

        /// <summary>32-bit load followed by a barrier (acquire).</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern uint NativeReadWord(int window, int offset);

        /// <summary>Barrier, 32-bit store, barrier (release, and visible to the other core before returning).</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void NativeWriteWord(int window, int offset, uint value);

        /// <summary>Copies window bytes into an array.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void NativeRead(int window, int offset, byte[] destination, int index, int count);

        /// <summary>Copies array bytes into the window.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void NativeWrite(int window, int offset, byte[] source, int index, int count);

        /// <summary>Full memory barrier.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void NativeBarrier();

        /// <summary>Drops cached copies of a window range (no-op where internal SRAM is not cached).</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void NativeInvalidate(int window, int offset, int length);

        /// <summary>Writes back cached stores of a window range (no-op where internal SRAM is not cached).</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void NativeFlush(int window, int offset, int length);

        #endregion
    }
}
