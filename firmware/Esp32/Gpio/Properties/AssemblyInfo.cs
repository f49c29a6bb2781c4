using System.Reflection;

[assembly: AssemblyTitle("NfIcbmsg.Esp32.Gpio")]
[assembly: AssemblyDescription("ESP32 platform for nf-icbmsg: GPIO doorbell lines (managed only).")]
[assembly: AssemblyProduct("nf-icbmsg")]

// No AssemblyNativeVersion: this assembly has no native methods and never goes into the firmware image. The GPIO
// doorbell is kept out of NfIcbmsg.Esp32 so that a change here never moves that assembly's native lookup table.
