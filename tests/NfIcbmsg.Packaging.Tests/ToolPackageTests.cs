using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using NfIcbmsg.Packaging.Tests.Support;
using Xunit;

namespace NfIcbmsg.Packaging.Tests
{
    /// <summary>
    /// The nf-sim tool package: a .NET tool named nf-sim that carries the simulator board, and runs from its package
    /// layout with no checkout anywhere above it (the installed-tool run itself is in .ci/run).
    /// </summary>
    public class ToolPackageTests
    {
        private const string Tools = "tools/net10.0/any/";

        private static string V => Repository.Version;

        private static string Package => $"nf-sim.{V}.nupkg";

        [Fact]
        public void Package_IsADotnetToolNamedNfSim()
        {
            Nuspec nuspec = HostPackages.ReadNuspec(Package, "nf-sim");
            Assert.Equal("DotnetTool", nuspec.Metadata.Descendants().Single(e => e.Name.LocalName == "packageType").Attribute("name")?.Value);
            Assert.Equal("MIT", nuspec.Value("license"));
            Assert.Equal("README.md", nuspec.Value("readme"));
            XElement command = XDocument.Load(new MemoryStream(HostPackages.Read(Package, Tools + "DotnetToolSettings.xml"))).Descendants("Command").Single();
            Assert.Equal("nf-sim", command.Attribute("Name")?.Value);
            Assert.Equal("nf-sim.dll", command.Attribute("EntryPoint")?.Value);
            Assert.Equal(V, HostPackageTests.InformationalVersion(HostPackages.Read(Package, Tools + "nf-sim.dll")));
        }

        [Fact]
        public void Package_CarriesEveryFileOfTheSimulatorBoardUnchanged()
        {
            string folder = Repository.Full("boards/sim");
            List<string> board = Directory.EnumerateFiles(folder).Select(f => "boards/sim/" + Path.GetFileName(f)).OrderBy(f => f, StringComparer.Ordinal).ToList();
            Assert.Contains("boards/sim/local.overlay", board);
            Assert.Contains("boards/sim/remote.overlay", board);
            List<string> shipped = HostPackages.Entries(Package).Where(e => e.StartsWith(Tools + "boards/", StringComparison.Ordinal)).Select(e => e.Substring(Tools.Length)).OrderBy(e => e, StringComparer.Ordinal).ToList();
            Assert.Equal(board, shipped);
            foreach (string file in board)
            {
                Assert.True(File.ReadAllBytes(Repository.Full(file)).AsSpan().SequenceEqual(HostPackages.Read(Package, Tools + file)), file + " differs from the copy in the tool package");
            }
        }

        [Fact]
        public void Tool_RunsFromItsPackageLayout_OnTheShippedBoardOrACheckoutsOwn_AndSaysWhatNeedsACheckout()
        {
            string place = Path.Combine(Path.GetTempPath(), "nf-sim-tool-" + Guid.NewGuid().ToString("N"));
            string work = Path.Combine(place, "work");
            Directory.CreateDirectory(work);
            try
            {
                ZipFile.ExtractToDirectory(Path.Combine(HostPackages.Folder, Package), Path.Combine(place, "package"));
                string tool = Path.Combine(place, "package", Tools.TrimEnd('/'), "nf-sim.dll");

                (int code, string output, string error) = Run(tool, work, "--version");
                Assert.True(code == 0, error);
                Assert.Equal(V, output.Trim());

                (code, output, error) = Run(tool, work, "demo", "--messages", "50", "--json");
                Assert.True(code == 0, $"demo outside a checkout exited {code}: {error}");
                Assert.Contains("\"verified\": true", output);

                (code, output, error) = Run(tool, work, "boards", "check", "boards/sim/local.overlay", "boards/sim/remote.overlay");
                Assert.True(code == 0, $"boards check of the shipped pair exited {code}: {output}{error}");
                Assert.Contains("(nf-sim)/boards/sim/local.overlay", output);

                // Anywhere inside a checkout (here a folder below its root) its own file wins over the shipped copy:
                // here one whose ipc1 is disabled.
                string checkout = Path.Combine(place, "checkout");
                Directory.CreateDirectory(Path.Combine(checkout, "firmware"));
                Directory.CreateDirectory(Path.Combine(checkout, "boards", "sim"));
                File.Copy(Repository.Full("boards/sim/sim-mbox.dtsi"), Path.Combine(checkout, "boards", "sim", "sim-mbox.dtsi"));
                string local = File.ReadAllText(Repository.Full("boards/sim/local.overlay"));
                int ipc1 = local.IndexOf("ipc1: ipc1 {", StringComparison.Ordinal);
                int okay = local.IndexOf("status = \"okay\"", ipc1, StringComparison.Ordinal);
                Assert.True(ipc1 > 0 && okay > ipc1, "boards/sim/local.overlay no longer has an enabled ipc1 node");
                File.WriteAllText(Path.Combine(checkout, "boards", "sim", "local.overlay"), local.Remove(okay, "status = \"okay\"".Length).Insert(okay, "status = \"disabled\""));
                (code, output, error) = Run(tool, Path.Combine(checkout, "firmware"), "demo", "--messages", "20", "--json");
                Assert.True(code == 0, $"demo in a checkout exited {code}: {error}");
                Assert.Contains("\"instance\": \"ipc0\"", output);
                Assert.DoesNotContain("\"instance\": \"ipc1\"", output);

                foreach (string command in new[] { "list", "generate" })
                {
                    string[] args = command == "list" ? new[] { "boards", "list" } : new[] { "boards", "generate", "--check" };
                    (code, output, error) = Run(tool, work, args);
                    Assert.Equal(2, code);
                    Assert.Contains($"boards {command} works on a checkout of nf-icbmsg", error);
                    Assert.Contains("--repo DIR", error);
                }
            }
            finally
            {
                Directory.Delete(place, true);
            }
        }

        private static (int Code, string Output, string Error) Run(string tool, string workingDirectory, params string[] args)
        {
            ProcessStartInfo info = new(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(tool);
            foreach (string arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            using Process process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + info.FileName);
            System.Threading.Tasks.Task<string> output = process.StandardOutput.ReadToEndAsync();
            System.Threading.Tasks.Task<string> error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(true);
                throw new TimeoutException("nf-sim " + string.Join(" ", args) + " did not finish within 60 s");
            }

            return (process.ExitCode, output.Result, error.Result);
        }
    }
}
