using System.Reflection;

[assembly: AssemblyTitle("MultiEndpoint")]
[assembly: AssemblyDescription("nf-icbmsg sample: Zephyr's multi_endpoint traffic on ESP32 over shared internal SRAM and GPIO doorbells.")]
[assembly: AssemblyProduct("nf-icbmsg")]
