using System;
using NfGate;

// Exit codes: 0 the gate passed, 1 it found errors, 2 usage error.
if (args.Length > 0 && args[0] is "--help" or "-h")
{
    Console.WriteLine(GateOptions.Usage);
    return 0;
}

GateOptions options = GateOptions.Parse(args, out string error);
if (options == null)
{
    Console.Error.WriteLine($"nf-gate: {error}");
    Console.Error.WriteLine(GateOptions.Usage);
    return 2;
}

GateResult result = new Gate(options).Run();
Report.Write(result, Console.Out);
return result.HasErrors ? 1 : 0;
