using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using NfIcbmsg.Devicetree.Boards;
using NfIcbmsg.Devicetree.Generation;
using Xunit;

namespace NfIcbmsg.Devicetree.Tests
{
    /// <summary>
    /// The generated device configurations: the committed files are what the board files say now (the
    /// CI check), they compile (this project imports their projitems) and Create() returns what the
    /// board model returns; the check names the file when a board changes.
    /// </summary>
    public class GeneratorTests
    {
        [Fact]
        public void Committed_generated_files_are_current()
        {
            List<string> problems = TestSupport.Bounded(() => GeneratedConfigs.Check(TestSupport.Catalog));
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void Generated_set_is_the_nanoframework_sides()
        {
            List<string> problems = new List<string>();
            List<GeneratedFile> files = GeneratedConfigs.PlanAll(TestSupport.Catalog, problems);
            Assert.Empty(problems);
            Assert.Equal(new[]
            {
                "firmware/Boards/Esp32DevkitcAppcpu/Ipc0Config.cs",
                "firmware/Boards/Esp32s3DevkitcProcpu/Ipc0Config.cs",
                "firmware/Boards/SimLocal/Ipc0Config.cs",
                "firmware/Boards/SimLocal/Ipc1Config.cs",
                "firmware/Boards/SimLocal/Ipc2Config.cs",
                "firmware/Boards/SimRemote/Ipc0Config.cs",
                "firmware/Boards/SimRemote/Ipc1Config.cs",
                "firmware/Boards/SimRemote/Ipc2Config.cs",
            }, files.Select(f => f.Path));
        }

        [Fact]
        public void Compiled_configs_create_what_the_board_model_says()
        {
            BoardCatalog catalog = TestSupport.Catalog;
            List<GeneratedFile> files = GeneratedConfigs.PlanAll(catalog, new List<string>());
            Type[] compiled = typeof(GeneratorTests).Assembly.GetTypes().Where(t => t.Namespace == "NfIcbmsg.Boards").ToArray();
            Assert.Equal(files.Count, compiled.Length);
            foreach (GeneratedFile file in files)
            {
                string className = ConfigGenerator.ClassName(BoardCatalog.BoardName(file.Source), file.Instance);
                Type type = compiled.Single(t => t.Name == className);
                MethodInfo? create = type.GetMethod("Create");
                Assert.NotNull(create);
                InstanceConfig? created = (InstanceConfig?)create.Invoke(null, null);
                InstanceConfig expected = catalog.Load(file.Source).FindInstance(file.Instance)!.ToInstanceConfig();
                foreach (PropertyInfo property in typeof(InstanceConfig).GetProperties())
                {
                    Assert.Equal(property.GetValue(expected), property.GetValue(created));
                }
            }
        }

        [Fact]
        public void Gpio_pins_are_constants_of_the_esp32_config()
        {
            Type? type = typeof(GeneratorTests).Assembly.GetType("NfIcbmsg.Boards.Esp32DevkitcAppcpuIpc0Config");
            Assert.NotNull(type);
            Assert.Equal(25, type.GetField("TxPin")?.GetValue(null));
            Assert.Equal(33, type.GetField("RxPin")?.GetValue(null));
            Type? sim = typeof(GeneratorTests).Assembly.GetType("NfIcbmsg.Boards.SimRemoteIpc1Config");
            Assert.NotNull(sim);
            Assert.Equal(47300, sim.GetField("PortBase")?.GetValue(null));
            Assert.Equal(3, sim.GetField("TxChannel")?.GetValue(null));
        }

        [Fact]
        public void Generated_code_stays_in_the_nanoframework_subset()
        {
            foreach (GeneratedFile file in GeneratedConfigs.PlanAll(TestSupport.Catalog, new List<string>()))
            {
                Assert.StartsWith(ConfigGenerator.HeaderPrefix + file.Source + ", instance " + file.Instance + ". Do not edit:", file.Content);
                Assert.Contains("namespace NfIcbmsg.Boards", file.Content);
                foreach (string forbidden in new[] { "System.Linq", "System.Collections.Generic", "var ", "$\"", "List<", "=>", "async", "?." })
                {
                    Assert.DoesNotContain(forbidden, file.Content);
                }
            }
        }

        [Fact]
        public void Check_names_the_file_that_a_board_change_makes_stale()
        {
            BoardCatalog copy = CopyOfRepository();
            string local = copy.Full("boards/sim/local.overlay");
            File.WriteAllText(local, File.ReadAllText(local).Replace("tx-blocks = <16>;", "tx-blocks = <20>;"));
            List<string> problems = GeneratedConfigs.Check(copy);
            Assert.Equal(new[]
            {
                "firmware/Boards/SimLocal/Ipc0Config.cs: not current with boards/sim/local.overlay, instance ipc0 (first difference at line 10): run `nf-sim boards generate --all` and commit it",
            }, problems.Where(p => p.StartsWith("firmware/")).ToArray());

            GeneratedConfigs.Write(copy, GeneratedConfigs.PlanAll(copy, new List<string>()));
            Assert.Empty(GeneratedConfigs.Check(copy));
        }

        [Fact]
        public void Check_names_missing_and_orphaned_files_and_the_projitems()
        {
            BoardCatalog copy = CopyOfRepository();
            File.Delete(copy.Full("firmware/Boards/SimLocal/Ipc1Config.cs"));
            File.WriteAllText(copy.Full("firmware/Boards/Stray.cs"), "// hand-written\n");
            List<string> problems = GeneratedConfigs.Check(copy);
            Assert.Contains("firmware/Boards/SimLocal/Ipc1Config.cs: missing; it is generated from boards/sim/local.overlay, instance ipc1: run `nf-sim boards generate --all` and commit it", problems);
            Assert.Contains(problems, p => p.StartsWith("firmware/Boards/Stray.cs: has no \"// Generated by nf-sim boards generate from ...\" header"));

            File.Delete(copy.Full("firmware/Boards/Stray.cs"));
            GeneratedConfigs.Write(copy, GeneratedConfigs.PlanAll(copy, new List<string>()));
            File.WriteAllText(copy.Full(GeneratedConfigs.ProjitemsPath), File.ReadAllText(copy.Full(GeneratedConfigs.ProjitemsPath)).Replace("    <Compile Include=\"$(MSBuildThisFileDirectory)SimLocal\\Ipc1Config.cs\" />\n", string.Empty));
            Assert.Equal(new[] { "firmware/Boards/NfIcbmsg.Boards.projitems: not current with the generated files (first difference at line 16): run `nf-sim boards generate --all` and commit it" }, GeneratedConfigs.Check(copy));
        }

        [Fact]
        public void Explicitly_generated_side_stays_in_the_set_until_its_board_goes()
        {
            BoardCatalog copy = CopyOfRepository();
            List<string> problems = new List<string>();
            GeneratedFile? native = GeneratedConfigs.Plan(copy, "boards/esp32_devkitc/procpu.overlay", "ipc0", problems);
            Assert.NotNull(native);
            Assert.Empty(problems);
            GeneratedConfigs.Write(copy, GeneratedConfigs.PlanAll(copy, problems).Append(native).ToList());
            Assert.Empty(GeneratedConfigs.Check(copy));
            Assert.Contains("Esp32DevkitcProcpu\\Ipc0Config.cs", File.ReadAllText(copy.Full(GeneratedConfigs.ProjitemsPath)));

            File.Delete(copy.Full("boards/esp32_devkitc/procpu.overlay"));
            Assert.Contains(GeneratedConfigs.Check(copy), p => p.StartsWith("firmware/Boards/Esp32DevkitcProcpu/Ipc0Config.cs: generated from boards/esp32_devkitc/procpu.overlay, instance ipc0, which no longer yields it (boards/esp32_devkitc/procpu.overlay: board file not found)"));
        }

        /// <summary>boards/ and firmware/Boards/ of the checkout in a temporary directory, for tests that change files.</summary>
        private static BoardCatalog CopyOfRepository()
        {
            string root = TestSupport.TempDirectory();
            foreach (string folder in new[] { "boards", "firmware/Boards" })
            {
                string from = Path.Combine(TestSupport.RepositoryRoot, folder);
                foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
                {
                    string to = Path.Combine(root, folder, Path.GetRelativePath(from, file));
                    Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                    File.Copy(file, to);
                }
            }

            return BoardCatalog.At(root);
        }
    }
}
