using System.CommandLine;
using NfIcbmsg.Devicetree;

namespace NfIcbmsg.Sim.Commands
{
    /// <summary>
    /// --base FILE and --include-dir DIR (each repeatable), shared by every command that reads a board file:
    /// the overlay is applied on top of the base devicetree, as Zephyr does, and #include &lt;...&gt; searches the
    /// include directories, like cpp's -I.
    /// </summary>
    public sealed class TreeOptions
    {
        public TreeOptions(string baseName = "--base", string? side = null)
        {
            Base = new Option<string[]>(baseName)
            {
                Description = "Base devicetree the board file is an overlay of" + (side == null ? string.Empty : " (" + side + ")") + ": a Zephyr build's build/zephyr/zephyr.dts or any .dts/.dtsi; repeatable, applied in order",
                AllowMultipleArgumentsPerToken = false,
            };
            Base.Validators.Add(SimOptions.CheckFiles);
        }

        public Option<string[]> Base { get; }

        public static Option<string[]> IncludeDirectoryOption()
        {
            Option<string[]> option = new Option<string[]>("--include-dir") { Description = "Directory searched by #include <...>, like cpp's -I; repeatable (without it such includes are skipped with a warning)" };
            option.Validators.Add(SimOptions.CheckDirectories);
            return option;
        }

        public void AddTo(Command command)
        {
            command.Options.Add(Base);
        }

        /// <summary>The read options for one side: its own bases (then <paramref name="shared"/> ones first), the include directories.</summary>
        public ReadOptions Read(ParseResult parse, Option<string[]> includeDirectories, Option<string[]>? shared = null)
        {
            string[] bases = parse.GetValue(Base) ?? new string[0];
            if (shared != null)
            {
                bases = Concat(parse.GetValue(shared) ?? new string[0], bases);
            }

            return new ReadOptions { Bases = bases, IncludeDirectories = parse.GetValue(includeDirectories) ?? new string[0] };
        }

        private static string[] Concat(string[] first, string[] second)
        {
            string[] all = new string[first.Length + second.Length];
            first.CopyTo(all, 0);
            second.CopyTo(all, first.Length);
            return all;
        }
    }
}
