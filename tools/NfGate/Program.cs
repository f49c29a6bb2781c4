using System;
using System.IO;
using NfGate;

// Exit codes: 0 the gate passed, 1 it found errors, 2 usage error.
if (args.Length > 0 && args[0] is "--help" or "-h")
{
    Console.WriteLine(GateOptions.Usage);
    return 0;
}

if (args.Length > 0 && args[0] == "--sources")
{
    string? repo = args.Length == 3 && args[1] == "--repo" ? args[2] : args.Length == 1 ? Directory.GetCurrentDirectory() : null;
    if (repo == null)
    {
        Console.Error.WriteLine("usage: NfGate --sources [--repo DIR]");
        return 2;
    }

    return SourceListing.Write(Path.GetFullPath(repo), Console.Out, Console.Error);
}

if (args.Length > 0 && args[0] == "--conform")
{
    if (args.Length != 2 && !(args.Length == 4 && args[2] == "--repo"))
    {
        Console.Error.WriteLine("usage: NfGate --conform DIR [--repo DIR]");
        return 2;
    }

    string root = Path.GetFullPath(args.Length == 4 ? args[3] : Directory.GetCurrentDirectory());
    return SurfaceConformance.Run(new SurfaceCompiler(Path.Combine(root, "firmware", "nf-surface")), Path.GetFullPath(args[1]), Console.Out);
}

GateOptions? options = GateOptions.Parse(args, out string? error);
if (options == null)
{
    Console.Error.WriteLine($"nf-gate: {error}");
    Console.Error.WriteLine(GateOptions.Usage);
    return 2;
}

GateResult result = new Gate(options).Run();
Report.Write(result, Console.Out);
return result.HasErrors ? 1 : 0;
