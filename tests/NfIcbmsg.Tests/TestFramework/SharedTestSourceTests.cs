using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using Xunit;

namespace NfIcbmsg.Tests.Bridge
{
    /// <summary>
    /// Host-only checks of the shared test sources that the host compiler cannot make: the .projitems
    /// lists every file (nanoFramework projects take no globs, a forgotten file silently drops its tests
    /// on the device), and the code avoids what nanoFramework 1.17 lacks (it compiles here against the
    /// full .NET library, so e.g. a generic list would only fail on the device — where generics crash
    /// the runtime). The scan is textual and deliberately simple: comments and strings are ignored.
    /// </summary>
    public sealed class SharedTestSourceTests
    {
        private static readonly string[][] s_forbidden =
        {
            new[] { @"\b(List|Dictionary|HashSet|IEnumerable|IList|Action|Func|EventHandler|Span|ReadOnlySpan|Nullable|Task)\s*<", "generic types (crash the nanoCLR)" },
            new[] { @"\b(class|struct|interface)\s+\w+\s*<|\b\w+\s*<\s*[A-Z]\w*\s*>\s*\(", "generic declarations" },
            new[] { @"\b(int|uint|long|ulong|short|ushort|byte|sbyte|bool|char|double|float)\?", "nullable value types" },
            new[] { @"\busing\s+System\.Linq\b|\basync\b|\bawait\b|\byield\b", "LINQ, async or iterators" },
            new[] { @"\bMath\.|\bBuffer\.BlockCopy\b|\bEnvironment\.NewLine\b|\bDateTime\.Now\b", "APIs missing from mscorlib 1.17" },
            new[] { @"\.Replace\(|\b[Ss]tring\.Join\(|\b[Ss]tring\.IsNullOrWhiteSpace\(|\bchar\.Is\w+\(", "string helpers missing on nanoFramework" },
            new[] { @"\bArray\.(Fill|Resize|Sort|Reverse|Empty)\b|\bInterlocked\.(Add|Read)\b", "Array/Interlocked members missing on nanoFramework" },
            new[] { @"\.WaitOne\(\s*[^,\s)][^,)]*\)", "WaitOne(int) (only WaitOne(int, bool) exists)" },
            new[] { @"\bvolatile\b|\bdecimal\b|\bstackalloc\b|\[\s*,", "volatile, decimal, stackalloc or multi-dimensional arrays" },
        };

        [Fact]
        public void ProjitemsListsEverySharedSourceFile()
        {
            string folder = SharedFolder();
            string projitems = File.ReadAllText(Path.Combine(folder, "NfIcbmsg.Tests.Shared.projitems"));
            SortedSet<string> listed = new SortedSet<string>(StringComparer.Ordinal);
            foreach (Match item in Regex.Matches(projitems, "<Compile Include=\"\\$\\(MSBuildThisFileDirectory\\)([^\"]+)\""))
            {
                listed.Add(item.Groups[1].Value.Replace('\\', '/'));
            }

            SortedSet<string> present = new SortedSet<string>(StringComparer.Ordinal);
            foreach (string file in SharedFiles(folder))
            {
                present.Add(Path.GetRelativePath(folder, file).Replace('\\', '/'));
            }

            Assert.Equal(present, listed);
        }

        [Fact]
        public void SharedTestsUseOnlyWhatNanoFrameworkHas()
        {
            List<string> problems = new List<string>();
            foreach (string file in SharedFiles(SharedFolder()))
            {
                string[] lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                {
                    string code = StripCommentsAndStrings(lines[i]);
                    foreach (string[] rule in s_forbidden)
                    {
                        if (Regex.IsMatch(code, rule[0]))
                        {
                            problems.Add(Path.GetFileName(file) + ":" + (i + 1) + ": " + rule[1] + ": " + lines[i].Trim());
                        }
                    }
                }
            }

            Assert.Empty(problems);
        }

        [Fact]
        public void EachFileHoldsAtMostOneTestClass()
        {
            foreach (string file in SharedFiles(SharedFolder()))
            {
                int classes = Regex.Matches(File.ReadAllText(file), @"\[TestClass\]").Count;
                Assert.True(classes <= 1, Path.GetFileName(file) + " holds " + classes + " test classes");
            }
        }

        [Fact]
        public void TheScanCatchesWhatItLooksFor()
        {
            // Guard against rules that silently never match.
            Assert.Contains(s_forbidden, rule => Regex.IsMatch(StripCommentsAndStrings("List<int> x = new List<int>();"), rule[0]));
            Assert.Contains(s_forbidden, rule => Regex.IsMatch(StripCommentsAndStrings("int? x = null;"), rule[0]));
            Assert.Contains(s_forbidden, rule => Regex.IsMatch(StripCommentsAndStrings("done.WaitOne(100);"), rule[0]));
            Assert.DoesNotContain(s_forbidden, rule => Regex.IsMatch(StripCommentsAndStrings("done.WaitOne(100, false); // Math.Max"), rule[0]));
            Assert.DoesNotContain(s_forbidden, rule => Regex.IsMatch(StripCommentsAndStrings("if (a < b && c > (d)) { x = \"List<int>\"; }"), rule[0]));
        }

        private static string SharedFolder()
        {
            DirectoryInfo? directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null)
            {
                string candidate = Path.Combine(directory.FullName, "firmware", "Tests");
                if (File.Exists(Path.Combine(candidate, "NfIcbmsg.Tests.Shared.projitems")))
                {
                    return candidate;
                }

                directory = directory.Parent;
            }

            throw new InvalidOperationException("firmware/Tests not found above " + AppContext.BaseDirectory);
        }

        private static IEnumerable<string> SharedFiles(string folder)
        {
            foreach (string file in Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
                if (!relative.StartsWith("bin/", StringComparison.Ordinal) && !relative.StartsWith("obj/", StringComparison.Ordinal))
                {
                    yield return file;
                }
            }
        }

        // Removes string and char literals and a trailing // comment; /// doc lines become empty.
        private static string StripCommentsAndStrings(string line)
        {
            string code = Regex.Replace(line, "\"(\\\\.|[^\"\\\\])*\"|'(\\\\.|[^'\\\\])'", "\"\"");
            int comment = code.IndexOf("//", StringComparison.Ordinal);
            return comment >= 0 ? code.Substring(0, comment) : code;
        }
    }
}
