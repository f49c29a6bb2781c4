using System.Reflection;

[assembly: AssemblyTitle("Bench")]
[assembly: AssemblyDescription("nf-icbmsg device bench: managed cost per message and heap per instance on the device's interpreter.")]
[assembly: AssemblyProduct("nf-icbmsg")]
