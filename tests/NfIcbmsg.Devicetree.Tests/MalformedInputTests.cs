using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using NfIcbmsg.Devicetree.Diagnostics;
using NfIcbmsg.Devicetree.Tree;
using Xunit;
using Xunit.Abstractions;

namespace NfIcbmsg.Devicetree.Tests
{
    /// <summary>Broken and hostile input ends in one error with its location: never a crash, never a hang.</summary>
    public class MalformedInputTests
    {
        private readonly ITestOutputHelper _output;

        public MalformedInputTests(ITestOutputHelper output)
        {
            this._output = output;
        }

        /// <summary>Cheap warm-up so the 5 MB timing measures the reader, not the JIT.</summary>
        private static void WarmUp()
        {
            StringBuilder small = new StringBuilder("/ {\n");
            for (int i = 0; i < 2000; i++)
            {
                small.Append("\tn").Append(i).Append(" { reg = <0x").Append(i.ToString("x")).Append(" (4 * 1024)>; label = \"n\"; };\n");
            }

            DevicetreeReader.ReadText(small + "};\n", "warm.overlay");
        }

        private static string Error(string text)
        {
            DevicetreeException e = TestSupport.Bounded(() => Assert.Throws<DevicetreeException>(() => DevicetreeReader.ReadText(text, "t.overlay")));
            return e.Message;
        }

        [Theory]
        [InlineData("/ {\n  n {\n    a = <1>;\n", "t.overlay:4:1: error: unexpected end of file: node n opened at t.overlay:2:5 is not closed (expected '}')")]
        [InlineData("/ { a = <1 2", "t.overlay:1:13: error: unexpected end of file: the cells of property 'a' opened at t.overlay:1:9 are not closed (expected '>')")]
        [InlineData("/ { a = [00 1", "t.overlay:1:13: error: a byte string needs two hexadecimal digits per byte, as in [00 1f a0]")]
        [InlineData("/ { a = \"abc", "t.overlay:1:9: error: unterminated string: expected a closing '\"' on the same line")]
        [InlineData("/ { a = <1>", "t.overlay:1:12: error: expected ',' or ';' after the value of property 'a', found end of file")]
        [InlineData("/ { };\n/* never closed", "t.overlay:2:1: error: unterminated comment: expected '*/' before the end of the file")]
        [InlineData("/ { a = ", "t.overlay:1:9: error: expected a value for property 'a': \"string\", <cells>, [bytes] or &label, found end of file")]
        public void Truncated_files(string text, string expected)
        {
            Assert.Equal(expected, Error(text));
        }

        [Theory]
        [InlineData("/ { };\n};", "t.overlay:2:1: error: expected '/ {', '&label {', '/delete-node/ &label;' or '/dts-v1/;' at top level, found '}'")]
        [InlineData("/ { n { } };", "t.overlay:1:11: error: expected ';' after the '}' that closes node n, found '}'")]
        [InlineData("/ { n { a; };", "t.overlay:1:14: error: unexpected end of file: node / opened at t.overlay:1:3 is not closed (expected '}')")]
        [InlineData("/ { a = <1>; } }", "t.overlay:1:16: error: expected ';' after the '}' that closes node /, found '}'")]
        [InlineData("/ { { }; };", "t.overlay:1:5: error: expected a property, a child node, /delete-node/, /delete-property/ or '}' in node /, found '{'")]
        public void Unbalanced_braces(string text, string expected)
        {
            Assert.Equal(expected, Error(text));
        }

        [Theory]
        [InlineData("/ { a = <0x>; };", "t.overlay:1:10: error: bad number '0x' is not a number: expected a decimal (42), hexadecimal (0x2a), octal (052) or binary (0b101010) integer")]
        [InlineData("/ { a = <12ab>; };", "t.overlay:1:10: error: bad number '12ab' is not a number: expected a decimal (42), hexadecimal (0x2a), octal (052) or binary (0b101010) integer")]
        [InlineData("/ { a = <099>; };", "t.overlay:1:10: error: bad number '099' is not a number: expected a decimal (42), hexadecimal (0x2a), octal (052) or binary (0b101010) integer")]
        [InlineData("/ { a = <0x1FFFFFFFFFFFFFFFF>; };", "t.overlay:1:10: error: bad number '0x1FFFFFFFFFFFFFFFF' does not fit in 64 bits: expected a decimal (42), hexadecimal (0x2a), octal (052) or binary (0b101010) integer")]
        [InlineData("/ { a = <0x100000000>; };", "t.overlay:1:10: error: value 0x100000000 does not fit in a 32-bit cell: expected at most 0xffffffff")]
        [InlineData("/ { a = <(1 / 0)>; };", "t.overlay:1:13: error: division by zero in a cell expression")]
        [InlineData("/ { a = <(1 << 64)>; };", "t.overlay:1:13: error: shift count 64 is outside 0..63")]
        [InlineData("/ { a = <1 + 2>; };", "t.overlay:1:12: error: operator '+' outside parentheses in property 'a': write (a + b), as dtc requires, or close the cells with '>'")]
        [InlineData("/ { a = <(1 + 2>; };", "t.overlay:1:17: error: unexpected character ';': expected a cell: a number, a 'c'haracter, a (parenthesized expression), &label or '>'")]
        [InlineData("/ { a = <(1 + 2 3)>; };", "t.overlay:1:17: error: expected ')' closing the '(' at t.overlay:1:10, found '3'")]
        [InlineData("/ { a = <'ab'>; };", "t.overlay:1:10: error: expected a closing ' after one character (a character literal holds exactly one)")]
        [InlineData("/ { a = <DT_SIZE_K 2>; };", "t.overlay:1:20: error: expected '(' after DT_SIZE_K (it is used as DT_SIZE_K(n)), found '2'")]
        [InlineData("/ { a = <(&x)>; x: x { }; };", "t.overlay:1:11: error: a phandle (reference '&x') cannot be part of an expression in property 'a'")]
        public void Bad_numbers_and_expressions(string text, string expected)
        {
            Assert.Equal(expected, Error(text));
        }

        [Theory]
        [InlineData("/ { a: x { }; a: y { }; };", "t.overlay:1:18: error: duplicate label 'a': it already names node /x (t.overlay:1:8); a label names one node")]
        [InlineData("&m { };\n/ { m: m { }; };", "t.overlay:2:8: error: duplicate label 'm': it was used above as a node of the base devicetree (&m { }); define the label before referring to it")]
        public void Unknown_and_duplicate_labels(string text, string expected)
        {
            Assert.Equal(expected, Error(text));
        }

        [Theory]
        [InlineData("#if X\n", "t.overlay:1:1: error: preprocessor directive #if is not supported: board files may use #include, #define, #undef, #ifdef, #ifndef, #else and #endif")]
        [InlineData("#ifdef X\n/ { };\n", "t.overlay:1:1: error: #ifdef/#ifndef is not closed: expected #endif before the end of t.overlay")]
        [InlineData("#ifndef X\n/ { };\n", "t.overlay:1:1: error: #ifdef/#ifndef is not closed: expected #endif before the end of t.overlay")]
        [InlineData("#endif\n", "t.overlay:1:1: error: #endif without #ifdef or #ifndef")]
        [InlineData("#define F(x) (x)\n/ { a = <F(1, 2)>; };", "t.overlay:2:10: error: macro F takes 1 argument(s) (defined at t.overlay:1:1), found 2")]
        [InlineData("#include <a.h\n", "t.overlay:1:1: error: expected #include <path/file.h> with the name between '<' and '>' and nothing after it")]
        [InlineData("/dts-v1/;\n/plugin/;", "t.overlay:2:1: error: /plugin/ (fragment overlays) is not supported: write Zephyr-style overlays with '/ { }' and '&label { }'")]
        [InlineData("/memreserve/ 0 1;", "t.overlay:1:1: error: directive /memreserve/ is not supported: expected /dts-v1/, /delete-node/, /delete-property/ or /include/")]
        [InlineData("/ { a = /bits/ 8 <1>; };", "t.overlay:1:9: error: /bits/ is not supported in property 'a': cells are always 32 bits")]
        [InlineData("/ { n { /delete-node/ &x; }; };", "t.overlay:1:23: error: expected a name after /delete-node/ (/delete-node/ &label; belongs at top level), found reference '&x'")]
        [InlineData("/ { bad#name { }; };", "t.overlay:1:5: error: invalid node name 'bad#name': expected name or name@unit-address of letters, digits and , . _ + -")]
        [InlineData("/ { x = <1>; ~ };", "t.overlay:1:14: error: unexpected character '~': expected a node or property name, a label, '&label', '}' or a /directive/")]
        public void Unsupported_syntax_is_refused_with_what_is_valid(string text, string expected)
        {
            Assert.Equal(expected, Error(text));
        }

        [Fact]
        public void Include_cycle_is_an_error_naming_the_chain()
        {
            string dir = TestSupport.TempDirectory();
            File.WriteAllText(Path.Combine(dir, "a.overlay"), "/ { };\n#include \"b.dtsi\"\n");
            File.WriteAllText(Path.Combine(dir, "b.dtsi"), "\n\n/include/ \"a.overlay\"\n");
            string a = Path.Combine(dir, "a.overlay");
            DevicetreeException e = TestSupport.Bounded(() => Assert.Throws<DevicetreeException>(() => DevicetreeReader.ReadFile(a, "a.overlay")));
            Assert.Equal("b.dtsi:3:1: error: include cycle: a.overlay -> b.dtsi -> a.overlay (a file must not include itself, directly or through others)", e.Message);
        }

        [Fact]
        public void Missing_include_is_an_error()
        {
            string dir = TestSupport.TempDirectory();
            File.WriteAllText(Path.Combine(dir, "a.overlay"), "\n#include \"missing.dtsi\"\n");
            DevicetreeException e = TestSupport.Bounded(() => Assert.Throws<DevicetreeException>(() => DevicetreeReader.ReadFile(Path.Combine(dir, "a.overlay"), "a.overlay")));
            Assert.StartsWith("a.overlay:2:1: error: cannot find include file \"missing.dtsi\"", e.Message);
        }

        [Fact]
        public void Deep_node_nesting_is_bounded()
        {
            string text = string.Concat(Enumerable.Repeat("n {", 100000)) + string.Concat(Enumerable.Repeat("};", 100000));
            Assert.Equal("t.overlay:1:195: error: nodes nested deeper than 64 levels: expected a shallow board description", Error("/ {" + text));
        }

        [Fact]
        public void Deep_parentheses_and_unary_chains_are_bounded()
        {
            Assert.StartsWith("t.overlay:1:", Error("/ { a = <" + new string('(', 100000) + "1" + new string(')', 100000) + ">; };"));
            Assert.EndsWith("error: expression nested deeper than 128 levels", Error("/ { a = <" + new string('(', 100000) + "1" + new string(')', 100000) + ">; };"));
            Assert.EndsWith("error: expression nested deeper than 128 levels", Error("/ { a = <(" + string.Concat(Enumerable.Repeat("- ", 100000)) + "1)>; };"));
        }

        [Fact]
        public void Long_operator_chains_are_fine()
        {
            string sum = "(" + string.Join(" + ", Enumerable.Repeat("1", 100000)) + ")";
            DtTree tree = TestSupport.Bounded(() => DevicetreeReader.ReadText("/ { a = <" + sum + ">; };", "t.overlay"));
            Assert.Equal(100000u, tree.Root.GetProperty("a")!.SingleNumber());
        }

        [Fact]
        public void Macro_explosion_is_bounded()
        {
            StringBuilder text = new StringBuilder("#define M0 1\n");
            for (int i = 1; i <= 30; i++)
            {
                text.Append("#define M" + i + " (M" + (i - 1) + " + M" + (i - 1) + ")\n");
            }

            text.Append("/ { a = <M30>; };\n");
            Assert.Equal("t.overlay:32:10: error: more than 100000 macro expansions: a macro probably expands into several copies of another", Error(text.ToString()));
        }

        [Fact]
        public void Oversized_file_is_refused_before_reading()
        {
            string dir = TestSupport.TempDirectory();
            string path = Path.Combine(dir, "huge.overlay");
            using (FileStream stream = File.Create(path))
            {
                stream.SetLength(9L * 1024 * 1024);
            }

            DevicetreeException e = TestSupport.Bounded(() => Assert.Throws<DevicetreeException>(() => DevicetreeReader.ReadFile(path, "huge.overlay")));
            Assert.Equal("huge.overlay:1:1: error: huge.overlay is 9437184 bytes; a board file may have at most 8388608 bytes", e.Message);
        }

        /// <summary>5 MB of real syntax: parsed whole (timed), then the same text cut before its last '};' gives an error at the end.</summary>
        [Fact]
        public void Five_megabyte_file_parses_in_linear_time_and_its_truncation_is_located()
        {
            StringBuilder text = new StringBuilder("/dts-v1/;\n/ {\n");
            int lines = 2;
            int n = 0;
            while (text.Length < 5 * 1024 * 1024)
            {
                text.Append("\tnode").Append(n).Append("@").Append(n.ToString("x")).Append(" { reg = <0x").Append(n.ToString("x")).Append(" (4 * 1024)>; label = \"n").Append(n).Append("\"; };\n");
                n++;
                lines++;
            }

            string complete = text + "};\n";
            WarmUp();
            Stopwatch watch = Stopwatch.StartNew();
            DtTree tree = TestSupport.Bounded(() => DevicetreeReader.ReadText(complete, "big.overlay"), 120);
            watch.Stop();
            _output.WriteLine("5 MB file (" + complete.Length + " bytes, " + n + " nodes) parsed in " + watch.ElapsedMilliseconds + " ms");
            Assert.Equal(n, tree.Root.Children.Count);
            Assert.Equal(4096u * 0 + 0x10u, tree.FindPath("/node16@10")!.GetProperty("reg")!.AllCells()![0].Value);

            watch.Restart();
            string message = TestSupport.Bounded(() => Assert.Throws<DevicetreeException>(() => DevicetreeReader.ReadText(text.ToString(), "big.overlay")).Message, 120);
            _output.WriteLine("truncated 5 MB file rejected in " + watch.ElapsedMilliseconds + " ms");
            Assert.Equal("big.overlay:" + (lines + 1) + ":1: error: unexpected end of file: node / opened at big.overlay:2:3 is not closed (expected '}')", message);
        }

        /// <summary>Every prefix of a real board file either reads or fails with a located error.</summary>
        [Fact]
        public void Every_truncation_of_a_board_file_fails_cleanly()
        {
            string text = File.ReadAllText(TestSupport.ZephyrFixture("nrf5340-app-icbmsg-two-instances.overlay"));
            TestSupport.Bounded(() =>
            {
                for (int length = 0; length < text.Length; length++)
                {
                    try
                    {
                        DevicetreeReader.ReadText(text.Substring(0, length), "cut.overlay");
                    }
                    catch (DevicetreeException e)
                    {
                        Assert.StartsWith("cut.overlay:", e.Message);
                        Assert.True(e.Location.Line >= 1 && e.Location.Column >= 1, e.Message);
                    }
                }

                return 0;
            }, 60);
        }

        /// <summary>Random byte damage (fixed seed, so a failure reproduces): only DevicetreeException may come out.</summary>
        [Fact]
        public void Random_damage_never_escapes_as_another_exception()
        {
            string text = File.ReadAllText(TestSupport.ZephyrFixture("nrf5340-app-icbmsg-two-instances.overlay"));
            const string alphabet = "{}<>[]();=,&/*\"'#@:-+!~ \n\tabx0123456789";
            Random random = new Random(1234);
            int errors = TestSupport.Bounded(() =>
            {
                int failures = 0;
                for (int round = 0; round < 2000; round++)
                {
                    char[] damaged = text.ToCharArray();
                    for (int k = 0; k < 3; k++)
                    {
                        damaged[random.Next(damaged.Length)] = alphabet[random.Next(alphabet.Length)];
                    }

                    try
                    {
                        DevicetreeReader.ReadText(new string(damaged), "fuzz.overlay");
                    }
                    catch (DevicetreeException)
                    {
                        failures++;
                    }
                }

                return failures;
            }, 60);
            Assert.InRange(errors, 1, 2000);
        }
    }
}
