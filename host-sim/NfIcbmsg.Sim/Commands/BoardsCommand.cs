using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using NfIcbmsg.Devicetree.Boards;
using NfIcbmsg.Devicetree.Generation;
using NfIcbmsg.Devicetree.Reporting;
using NfIcbmsg.Sim.Boards;

namespace NfIcbmsg.Sim.Commands
{
    /// <summary>
    /// `boards`: list, show, check and generate board files (boards/README.md). Exit codes: 0 fine,
    /// 1 the input has errors / the pair does not mirror / generated files are not current, 2 misuse.
    /// All work is in NfIcbmsg.Devicetree; this file only maps options to it.
    /// </summary>
    public static class BoardsCommand
    {
        public static Command Create()
        {
            Command boards = new Command("boards", "Board files (devicetree overlays): list, show, check a pair, generate device configurations");
            boards.Subcommands.Add(CreateList());
            boards.Subcommands.Add(CreateShow());
            boards.Subcommands.Add(CreateCheck());
            boards.Subcommands.Add(CreateGenerate());
            return boards;
        }

        private const string JsonDescription = "Print JSON for scripts instead of text";

        private static Command CreateList()
        {
            Option<string> repo = SimOptions.Repository();
            Option<bool> json = SimOptions.Json(JsonDescription);
            Command command = new Command("list", "List the board files under boards/ and their IPC instances");
            command.Options.Add(repo);
            command.Options.Add(json);
            command.SetAction(parse =>
            {
                BoardCatalog? catalog = Catalog(parse.GetValue(repo), ErrorWriter.For(parse), "boards list");
                if (catalog == null)
                {
                    return ExitCodes.Setup;
                }

                List<BoardFile> files = catalog.BoardFiles().Select(catalog.Load).ToList();
                TextWriter output = parse.InvocationConfiguration.Output;
                if (parse.GetValue(json))
                {
                    output.WriteLine(BoardJson.List(files));
                    return ExitCodes.Success;
                }

                TextTable table = new TextTable();
                table.Add("FILE", "RUNTIME", "INSTANCES", "STATUS");
                foreach (BoardFile file in files)
                {
                    string instances = string.Join(", ", file.Instances.Select(i => i.Name + (i.Enabled ? string.Empty : " (disabled)") + " " + (i.Backend == BackendKind.Icbmsg ? "icbmsg" : "icmsg")));
                    int errors = file.Diagnostics.Count(d => d.IsError);
                    int warnings = file.Diagnostics.Count - errors;
                    string status = errors > 0 ? errors + " error(s)" : warnings > 0 ? warnings + " warning(s)" : "ok";
                    table.Add(file.Path, file.Runtime ?? "-", instances.Length == 0 ? "-" : instances, status);
                }

                output.Write(table.Render(string.Empty));
                return ExitCodes.Success;
            });
            return command;
        }

        private static Command CreateShow()
        {
            Argument<string> file = new Argument<string>("file") { Description = "The board file (.overlay)" };
            Option<string> instance = SimOptions.Instance("Only this instance (node name or any label of the node, e.g. ipc0)");
            Option<bool> json = SimOptions.Json(JsonDescription);
            TreeOptions tree = new TreeOptions();
            Option<string[]> includes = TreeOptions.IncludeDirectoryOption();
            Command command = new Command("show", "Validate a board file and print its instances with the computed layout of both regions; exit 1 on errors or when no instance is complete");
            command.Arguments.Add(file);
            command.Options.Add(instance);
            command.Options.Add(json);
            tree.AddTo(command);
            command.Options.Add(includes);
            command.SetAction(parse =>
            {
                string path = parse.GetRequiredValue(file);
                string? only = parse.GetValue(instance);
                BoardFile board = BundledBoards.Load(path, tree.Read(parse, includes));
                if (only != null && board.Tree != null && !board.Instances.Any(i => i.Matches(only)))
                {
                    return ErrorWriter.For(parse).Fail(ExitCodes.Setup, path + ": no instance named " + only + " (instances: " + Names(board) + ")");
                }

                parse.InvocationConfiguration.Output.Write(parse.GetValue(json) ? BoardJson.Show(board, only) + "\n" : LayoutText.Show(board, only));
                bool complete = board.CompleteInstances.Any(i => only == null || i.Matches(only));
                return board.HasErrors || !complete ? ExitCodes.Failed : ExitCodes.Success;
            });
            return command;
        }

        private static Command CreateCheck()
        {
            Argument<string> a = new Argument<string>("file-a") { Description = "One side's board file" };
            Argument<string> b = new Argument<string>("file-b") { Description = "The other side's board file" };
            Option<bool> json = SimOptions.Json(JsonDescription);
            TreeOptions both = new TreeOptions();
            TreeOptions sideA = new TreeOptions("--base-a", "side A only, after --base");
            TreeOptions sideB = new TreeOptions("--base-b", "side B only, after --base");
            Option<string[]> includes = TreeOptions.IncludeDirectoryOption();
            Command command = new Command("check", "Prove two board files are mirror images (regions, blocks, channels swapped; same alignment) and print both regions side by side; exit 1 on mismatch");
            command.Arguments.Add(a);
            command.Arguments.Add(b);
            command.Options.Add(json);
            both.AddTo(command);
            sideA.AddTo(command);
            sideB.AddTo(command);
            command.Options.Add(includes);
            command.SetAction(parse =>
            {
                string pathA = parse.GetRequiredValue(a);
                string pathB = parse.GetRequiredValue(b);
                PairReport report = PairChecker.Check(
                    BundledBoards.Load(pathA, sideA.Read(parse, includes, both.Base)),
                    BundledBoards.Load(pathB, sideB.Read(parse, includes, both.Base)));
                parse.InvocationConfiguration.Output.Write(parse.GetValue(json) ? BoardJson.Check(report) + "\n" : LayoutText.Check(report));
                return report.Mirrors ? ExitCodes.Success : ExitCodes.Failed;
            });
            return command;
        }

        private static Command CreateGenerate()
        {
            Argument<string> file = new Argument<string>("file") { Description = "Board file, relative to the repository root (with --instance)", Arity = ArgumentArity.ZeroOrOne };
            Option<string> instance = SimOptions.Instance("Instance to generate (node name, e.g. ipc0)");
            Option<bool> all = new Option<bool>("--all") { Description = "Generate every instance of every board file with nf,runtime = \"nanoframework\" (and refresh files generated before)" };
            Option<bool> check = new Option<bool>("--check") { Description = "Write nothing; exit 1 naming each generated file that is missing or not current (CI)" };
            Option<string> repo = SimOptions.Repository();
            TreeOptions tree = new TreeOptions();
            Option<string[]> includes = TreeOptions.IncludeDirectoryOption();
            Command command = new Command("generate", "Generate firmware/Boards/<Board>/<Instance>Config.cs and NfIcbmsg.Boards.projitems from board files, and the C headers of firmware/NativePeer/generated");
            command.Arguments.Add(file);
            command.Options.Add(instance);
            command.Options.Add(all);
            command.Options.Add(check);
            command.Options.Add(repo);
            tree.AddTo(command);
            command.Options.Add(includes);
            command.SetAction(parse =>
            {
                TextWriter output = parse.InvocationConfiguration.Output;
                ErrorWriter errors = ErrorWriter.For(parse);
                string? source = parse.GetValue(file);
                string? instanceName = parse.GetValue(instance);
                int modes = (parse.GetValue(all) ? 1 : 0) + (parse.GetValue(check) ? 1 : 0) + (source != null ? 1 : 0);
                if (modes != 1 || (source != null) != (instanceName != null))
                {
                    return errors.Fail(ExitCodes.Setup, "use one of: boards generate --all | boards generate FILE --instance NAME | boards generate --check");
                }

                BoardCatalog? catalog = Catalog(parse.GetValue(repo), errors, "boards generate");
                if (catalog == null)
                {
                    return ExitCodes.Setup;
                }

                List<string> problems = new List<string>();
                if (parse.GetValue(check))
                {
                    problems = GeneratedConfigs.Check(catalog);
                    problems.AddRange(NativeHeaders.Check(catalog));
                    foreach (string problem in problems)
                    {
                        errors.Line(problem);
                    }

                    output.WriteLine(problems.Count == 0 ? "generated board configurations are current" : "generated board configurations are NOT current");
                    return problems.Count == 0 ? ExitCodes.Success : ExitCodes.Failed;
                }

                List<GeneratedFile> files = GeneratedConfigs.PlanAll(catalog, problems);
                if (source != null)
                {
                    // --source and --instance come together (checked above).
                    GeneratedFile? one = GeneratedConfigs.Plan(catalog, catalog.Relative(source), instanceName!, problems, tree.Read(parse, includes));
                    if (one == null)
                    {
                        problems.ForEach(errors.Line);
                        return ExitCodes.Failed;
                    }

                    files = files.Where(f => f.Path != one.Path).Append(one).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
                }

                foreach (string path in GeneratedConfigs.Write(catalog, files))
                {
                    output.WriteLine("wrote " + path);
                }

                // The C headers of the native peer: always all of them (they are one header per board file).
                List<GeneratedFile> headers = NativeHeaders.PlanAll(catalog, new List<string>());
                foreach (string path in NativeHeaders.Write(catalog, headers))
                {
                    output.WriteLine("wrote " + path);
                }

                problems.ForEach(errors.Line);
                output.WriteLine(files.Count + " generated file(s) current, " + headers.Count + " C header(s)");
                return problems.Count == 0 ? ExitCodes.Success : ExitCodes.Failed;
            });
            return command;
        }

        private static string Names(BoardFile board)
        {
            return string.Join(", ", board.Instances.Select(i => i.Name + (i.Node.Labels.Count > 0 && !i.Node.Labels.Contains(i.Name) ? " (&" + string.Join(", &", i.Node.Labels) + ")" : string.Empty)));
        }

        private static BoardCatalog? Catalog(string? repo, ErrorWriter errors, string command)
        {
            BoardCatalog? catalog = repo != null
                ? BoardCatalog.At(repo)
                : BoardCatalog.Locate(Environment.CurrentDirectory) ?? BoardCatalog.Locate(AppContext.BaseDirectory);
            if (catalog == null)
            {
                errors.Error(BundledBoards.NeedsCheckout(command));
                return null;
            }

            if (!Directory.Exists(catalog.BoardsDirectory))
            {
                errors.Error($"{command}: --repo {repo} has no boards/ folder ({catalog.BoardsDirectory}); pass the root of a checkout of nf-icbmsg");
                return null;
            }

            return catalog;
        }
    }
}
