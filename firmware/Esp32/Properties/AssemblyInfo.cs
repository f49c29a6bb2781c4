using System.Reflection;
using System.Runtime.CompilerServices;

[assembly: AssemblyTitle("NfIcbmsg.Esp32")]
[assembly: AssemblyDescription("ESP32 platform for nf-icbmsg: the native shared-memory accessor (interop).")]
[assembly: AssemblyProduct("nf-icbmsg")]

// The native side (firmware/Native/NfIcbmsg.Esp32) is built into a custom nanoCLR image. The CLR loads this
// assembly only when the image carries the same native version AND the checksum the metadata processor
// computes over the InternalCall signatures below: change either and the firmware must be rebuilt.
[assembly: AssemblyNativeVersion("1.0.0.0")]
