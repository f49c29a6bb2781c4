using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using Microsoft.Win32.SafeHandles;
using NfIcbmsg.Hal;

namespace NfIcbmsg.Platform
{
    /// <summary>
    /// The sim link's shared SRAM (docs/sim-link.md): one file per instance standing for the physical
    /// window [base, end) of its two regions, mapped read-write and shared by both processes (or
    /// read-only by an inspector). The byte at physical address P is at file offset P - base.
    /// Words are loaded with acquire and stored with release semantics, and <see cref="Barrier"/> is a
    /// full fence, which is what makes stores visible to the other process in program order.
    /// Cache maintenance is a no-op: a shared mapping is coherent between processes of one host.
    /// </summary>
    public sealed class MappedFileMemory : ISharedMemory, IDisposable
    {
        private readonly MemoryMappedFile _map;
        private readonly MemoryMappedViewAccessor _view;
        private readonly SafeMemoryMappedViewHandle _handle;
        private nint _address;

        private MappedFileMemory(string path, uint baseAddress, int length, bool readOnly, MemoryMappedFile map, MemoryMappedViewAccessor view)
        {
            Path = path;
            BaseAddress = baseAddress;
            Length = length;
            IsReadOnly = readOnly;
            _map = map;
            _view = view;
            _handle = view.SafeMemoryMappedViewHandle;
            bool added = false;
            _handle.DangerousAddRef(ref added);
            _address = _handle.DangerousGetHandle() + (nint)view.PointerOffset;
        }

        /// <summary>The file that backs the window.</summary>
        public string Path { get; }

        /// <inheritdoc />
        public uint BaseAddress { get; }

        /// <inheritdoc />
        public int Length { get; }

        /// <summary>True when mapped read-only (an inspector): every store throws.</summary>
        public bool IsReadOnly { get; }

        /// <summary>
        /// Maps <paramref name="path"/>, creating it zero-filled first when it does not exist. Creation
        /// is atomic (a full-size temp file linked into place), so a peer that opens the file at the
        /// same moment sees either no file or the finished one, never one still being sized.
        /// </summary>
        public static MappedFileMemory OpenOrCreate(string path, uint baseAddress, int length)
        {
            CheckLength(length);
            if (!File.Exists(path))
            {
                CreateZeroFilled(path, length);
            }

            return Open(path, baseAddress, length, false);
        }

        /// <summary>
        /// Maps an existing file of exactly <paramref name="length"/> bytes. Throws
        /// <see cref="SimLinkException"/> naming the file when it is missing or has another size.
        /// </summary>
        public static MappedFileMemory Open(string path, uint baseAddress, int length, bool readOnly)
        {
            if (path == null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            CheckLength(length);
            FileStream stream = OpenStream(path, readOnly);
            try
            {
                if (stream.Length != length)
                {
                    throw new SimLinkException($"shared-memory file {path} has {stream.Length} bytes, but this instance's window 0x{baseAddress:X8}..0x{baseAddress + (ulong)length:X8} needs exactly {length}: the file belongs to another board or instance (start both sides from a fresh file)");
                }

                MemoryMappedFileAccess access = readOnly ? MemoryMappedFileAccess.Read : MemoryMappedFileAccess.ReadWrite;
                MemoryMappedFile map = MemoryMappedFile.CreateFromFile(stream, null, 0, access, HandleInheritability.None, false);
                try
                {
                    return new MappedFileMemory(path, baseAddress, length, readOnly, map, map.CreateViewAccessor(0, length, access));
                }
                catch
                {
                    map.Dispose();
                    throw;
                }
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        /// <inheritdoc />
        public uint ReadWord(int offset)
        {
            CheckWord(offset);
            uint value = Volatile.Read(ref Word(offset));
            return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
        }

        /// <inheritdoc />
        public void WriteWord(int offset, uint value)
        {
            CheckWritable();
            CheckWord(offset);
            Volatile.Write(ref Word(offset), BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value));
        }

        /// <inheritdoc />
        public void Read(int offset, byte[] destination, int index, int count)
        {
            CheckRange(offset, count);
            Bytes(offset, count).CopyTo(destination.AsSpan(index, count));
        }

        /// <inheritdoc />
        public void Write(int offset, byte[] source, int index, int count)
        {
            CheckWritable();
            CheckRange(offset, count);
            source.AsSpan(index, count).CopyTo(Bytes(offset, count));
        }

        /// <summary>False: host processes share a mapped file through coherent caches.</summary>
        public bool HasDataCache => false;

        /// <inheritdoc />
        public void Barrier()
        {
            Interlocked.MemoryBarrier();
        }

        /// <inheritdoc />
        public void Invalidate(int offset, int length)
        {
            CheckRange(offset, length);
        }

        /// <inheritdoc />
        public void Flush(int offset, int length)
        {
            CheckRange(offset, length);
        }

        /// <summary>Unmaps the file. Accesses afterwards throw <see cref="ObjectDisposedException"/>.</summary>
        public void Dispose()
        {
            if (_address == 0)
            {
                return;
            }

            _address = 0;
            _handle.DangerousRelease();
            _view.Dispose();
            _map.Dispose();
        }

        private static FileStream OpenStream(string path, bool readOnly)
        {
            try
            {
                return new FileStream(path, FileMode.Open, readOnly ? FileAccess.Read : FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (FileNotFoundException e)
            {
                throw new SimLinkException($"shared-memory file {path} does not exist", e);
            }
            catch (DirectoryNotFoundException e)
            {
                throw new SimLinkException($"shared-memory file {path} does not exist (no such directory)", e);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new SimLinkException($"shared-memory file {path} cannot be opened {(readOnly ? "for reading" : "for reading and writing")}: {e.Message}", e);
            }
        }

        private static void CreateZeroFilled(string path, int length)
        {
            string full = System.IO.Path.GetFullPath(path);
            string temp = $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            try
            {
                using (FileStream stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    stream.SetLength(length);
                }

                // No overwrite (a hard link on Unix): when the peer placed its file first, keep that one.
                File.Move(temp, full, false);
            }
            catch (IOException) when (File.Exists(full))
            {
                // The peer created it between our check and our move; theirs is as good as ours.
            }
            catch (DirectoryNotFoundException e)
            {
                throw new SimLinkException($"shared-memory file {path} cannot be created: directory {System.IO.Path.GetDirectoryName(full)} does not exist", e);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new SimLinkException($"shared-memory file {path} cannot be created: {e.Message}", e);
            }
            finally
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
        }

        private static void CheckLength(int length)
        {
            if (length <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(length), length, "the shared window needs at least one byte");
            }
        }

        // The host library does not enable unsafe code; a ref into the mapped view (the view's address
        // as a byte offset from a null ref) gives Volatile and Span access without pointers.
        private ref byte At(int offset)
        {
            nint address = _address;
            if (address == 0)
            {
                throw new ObjectDisposedException(nameof(MappedFileMemory));
            }

            return ref Unsafe.AddByteOffset(ref Unsafe.NullRef<byte>(), address + offset);
        }

        private ref uint Word(int offset)
        {
            return ref Unsafe.As<byte, uint>(ref At(offset));
        }

        private Span<byte> Bytes(int offset, int count)
        {
            return MemoryMarshal.CreateSpan(ref At(offset), count);
        }

        private void CheckWritable()
        {
            if (IsReadOnly)
            {
                throw new InvalidOperationException($"shared-memory file {Path} is mapped read-only");
            }
        }

        private void CheckWord(int offset)
        {
            if (offset < 0 || (offset & 3) != 0 || offset > Length - 4)
            {
                throw new ArgumentOutOfRangeException(nameof(offset), offset, $"a word access needs a 4-aligned offset in 0..{Length - 4}");
            }
        }

        private void CheckRange(int offset, int count)
        {
            if (offset < 0 || count < 0 || offset > Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(offset), offset, $"{count} bytes at this offset leave the {Length}-byte window");
            }
        }
    }
}
