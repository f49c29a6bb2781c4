using System.Reflection;

// Version attributes come from Nerdbank.GitVersioning (version.json). No AssemblyNativeVersion: this library
// has no native (interop) methods, so it depends on no firmware version of its own.
[assembly: AssemblyTitle("NfIcbmsg")]
[assembly: AssemblyDescription("Zephyr ICBMsg IPC (ICMsg with dynamically allocated buffers) for .NET nanoFramework")]
[assembly: AssemblyCompany("nf-icbmsg contributors")]
[assembly: AssemblyProduct("NfIcbmsg")]
[assembly: AssemblyCopyright("Copyright (c) nf-icbmsg contributors")]
