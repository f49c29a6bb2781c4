using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics.CodeAnalysis;
using System.IO;

namespace NfIcbmsg.Sim.Commands
{
    /// <summary>
    /// The options more than one command takes, declared once: the same name, type and check everywhere, with
    /// the command's own wording of what the value means. And the checks of single values, which the parser runs
    /// before any command starts: a value out of range ends nf-sim with ExitCodes.Setup and a message naming the
    /// option and the value (Program). Checks that relate two options stay in the command.
    /// </summary>
    public static class SimOptions
    {
        /// <summary>--board FILE, required.</summary>
        public static Option<string> Board(string description)
        {
            return new Option<string>("--board") { Description = description, Required = true };
        }

        /// <summary>--board FILE with a default board.</summary>
        public static Option<string> Board(string description, string defaultBoard)
        {
            return new Option<string>("--board") { Description = description, DefaultValueFactory = _ => defaultBoard };
        }

        /// <summary>--instance NAME, one instance.</summary>
        public static Option<string> Instance(string description, string? defaultInstance = null)
        {
            Option<string> option = new Option<string>("--instance") { Description = description };
            if (defaultInstance != null)
            {
                option.DefaultValueFactory = _ => defaultInstance;
            }

            return option;
        }

        /// <summary>--instance NAME..., several instances (repeatable).</summary>
        public static Option<string[]> Instances(string description)
        {
            return new Option<string[]>("--instance") { Description = description, AllowMultipleArgumentsPerToken = true };
        }

        /// <summary>--json: the report as JSON on stdout.</summary>
        public static Option<bool> Json(string description = "Print the report as JSON")
        {
            return new Option<bool>("--json") { Description = description };
        }

        /// <summary>--shm FILE, the instance's shared-memory file, required.</summary>
        public static Option<string> SharedFile(string description)
        {
            return new Option<string>("--shm") { Description = description, Required = true };
        }

        /// <summary>--timeout MS, at least 1.</summary>
        public static Option<int> Timeout(string description, int defaultMs)
        {
            return AtLeast(new Option<int>("--timeout") { Description = description, DefaultValueFactory = _ => defaultMs }, 1, "1 ms");
        }

        /// <summary>--repo DIR, the checkout the boards commands work on; the directory must exist.</summary>
        public static Option<string> Repository()
        {
            Option<string> option = new Option<string>("--repo") { Description = "Repository root holding boards/ and firmware/ (default: found upward from the current directory)" };
            option.Validators.Add(result => CheckDirectory(result, result.GetValueOrDefault<string>()));
            return option;
        }

        /// <summary>Adds the check value >= <paramref name="minimum"/> (<paramref name="wording"/> says it with its unit).</summary>
        public static Option<int> AtLeast(Option<int> option, int minimum, string wording)
        {
            option.Validators.Add(result =>
            {
                if (Value(result, out int value) && value < minimum)
                {
                    result.AddError($"{option.Name} {value}: must be at least {wording}");
                }
            });
            return option;
        }

        /// <summary>Adds the check value >= <paramref name="minimum"/> (<paramref name="wording"/> says it with its unit).</summary>
        public static Option<long> AtLeast(Option<long> option, long minimum, string wording)
        {
            option.Validators.Add(result =>
            {
                if (Value(result, out long value) && value < minimum)
                {
                    result.AddError($"{option.Name} {value}: must be at least {wording}");
                }
            });
            return option;
        }

        /// <summary>Adds the check <paramref name="minimum"/> &lt;= value &lt;= <paramref name="maximum"/>, when given.</summary>
        public static Option<int?> InRange(Option<int?> option, int minimum, int maximum, string what)
        {
            option.Validators.Add(result =>
            {
                if (Value(result, out int? given) && given is int value && (value < minimum || value > maximum))
                {
                    result.AddError($"{option.Name} {value}: {what} must be {minimum}..{maximum}");
                }
            });
            return option;
        }

        /// <summary>Adds the check <paramref name="minimum"/> &lt;= value &lt;= <paramref name="maximum"/>.</summary>
        public static Option<int> InRange(Option<int> option, int minimum, int maximum, string what)
        {
            option.Validators.Add(result =>
            {
                if (Value(result, out int value) && (value < minimum || value > maximum))
                {
                    result.AddError($"{option.Name} {value}: {what} must be {minimum}..{maximum}");
                }
            });
            return option;
        }

        /// <summary>The check that every value of a repeatable path option names an existing file.</summary>
        public static void CheckFiles(OptionResult result)
        {
            foreach (string path in result.GetValueOrDefault<string[]>() ?? Array.Empty<string>())
            {
                if (!File.Exists(path))
                {
                    result.AddError($"{result.Option.Name} {path}: no such file" + (Directory.Exists(path) ? " (it is a directory)" : string.Empty));
                }
            }
        }

        /// <summary>The check that every value of a repeatable directory option names an existing directory.</summary>
        public static void CheckDirectories(OptionResult result)
        {
            foreach (string path in result.GetValueOrDefault<string[]>() ?? Array.Empty<string>())
            {
                CheckDirectory(result, path);
            }
        }

        /// <summary>
        /// The option's value, false when its text did not convert (the parser reports that itself, naming the
        /// option and the text, and a range check has nothing to add).
        /// </summary>
        public static bool Value<T>(OptionResult result, [MaybeNullWhen(false)] out T value)
        {
            try
            {
                value = result.GetValueOrDefault<T>();
                return true;
            }
            catch (InvalidOperationException)
            {
                value = default;
                return false;
            }
        }

        private static void CheckDirectory(OptionResult result, string path)
        {
            if (path != null && !Directory.Exists(path))
            {
                result.AddError($"{result.Option.Name} {path}: no such directory" + (File.Exists(path) ? " (it is a file)" : string.Empty));
            }
        }
    }
}
