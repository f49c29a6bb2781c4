using NfGate;
using Xunit;

namespace NfGate.Tests
{
    /// <summary>
    /// Each construct nanoFramework 1.17 cannot run, injected into the fixture's shared project, fails the gate with
    /// the right rule at the right place: NFxxx from the scanner, CSxxxx where the compile against the API surface
    /// already rejects it.
    /// </summary>
    public sealed class ForbiddenConstructTests
    {
        public static TheoryData<string, string> Constructs => new()
        {
            // Generics: the runtime crashes on them, whether declared or used.
            { RuleIds.GenericDeclaration, InNamespace("class /*!*/Box<T> { }") },
            { RuleIds.GenericDeclaration, InClass("void /*!*/Echo<T>(T value) { }") },
            { RuleIds.GenericDeclaration, InNamespace("delegate void /*!*/Handler<T>(T value);") },
            { RuleIds.GenericUse, "using System.Collections.Generic;\n" + InNamespace("class C { private /*!*/List<int> _items; }") },
            { RuleIds.GenericUse, InClass("private /*!*/Action<int> _callback;") },
            { RuleIds.GenericUse, InClass("void M() { /*!*/Span<byte> s = default; }") },

            // LINQ: the using, the extension call, the query.
            { RuleIds.Linq, "using System.Linq;\n" + InClass("object M(int[] values) => values./*!*/Where(v => v > 1);") },
            { RuleIds.Linq, "using /*!*/System.Linq;\n" + InClass("object M(int[] values) => values.Where(v => v > 1);") },
            { RuleIds.Linq, InClass("object M(int[] values) => /*!*/from v in values select v;") },

            { RuleIds.AsyncAwait, InClass("/*!*/async void M() { }") },
            { RuleIds.Unsafe, InClass("/*!*/unsafe void M() { }") },
            { RuleIds.Unsafe, InClass("unsafe void M(/*!*/byte* p) { }") },
            { RuleIds.StackAlloc, InClass("void M() { var s = /*!*/stackalloc byte[4]; }") },
            { RuleIds.Tuple, InClass("/*!*/(int, int) M() => (1, 2);") },
            { RuleIds.Tuple, InClass("object M() => /*!*/(1, 2);") },
            { RuleIds.NullableValueType, InClass("private /*!*/int? _value;") },
            { RuleIds.Iterator, InClass("System.Collections.IEnumerable M() { /*!*/yield return 1; }") },
            { RuleIds.Volatile, InClass("private /*!*/volatile int _flag;") },
            { RuleIds.MultiDimensionalArray, InClass("private int/*!*/[,] _grid;") },
            { RuleIds.Decimal, InClass("private /*!*/decimal _money;") },
            { RuleIds.Decimal, InClass("private object _money = /*!*/1.5m;") },
            { RuleIds.Dynamic, InClass("void M() { /*!*/dynamic d = 1; }") },
            { RuleIds.Record, InNamespace("/*!*/record Point(int X, int Y);") },
            { RuleIds.RangeIndex, InClass("object M() => /*!*/1..2;") },
            { RuleIds.RangeIndex, InClass("int M(int[] a) => a[/*!*/^1];") },
            { RuleIds.Checked, InClass("int M(int a) => /*!*/checked(a + 1);") },
            { RuleIds.AnonymousType, InClass("object M() => /*!*/new { A = 1 };") },
            { RuleIds.MathSixtyFourBit, InClass("long M(long a, long b) => (long)/*!*/Math.Max(a, b);") },

            // Missing APIs: the compile against the 1.17 surface rejects them.
            { "CS7036", InClass("bool M(AutoResetEvent e) => e./*!*/WaitOne(5);") },
            { "CS7036", InClass("bool M(AutoResetEvent e) => e./*!*/WaitOne(TimeSpan.FromMilliseconds(5));") },
            { "CS1061", InClass("string M(string s) => s./*!*/Replace(\"a\", \"b\");") },
            { "CS0117", InClass("string M(string[] s) => string./*!*/Join(\",\", s);") },
            { "CS1061", InClass("void M(AutoResetEvent e) => e./*!*/Dispose();") },
            { "CS1674", InClass("void M() { using (/*!*/var e = new AutoResetEvent(false)) { } }") },
            { "CS1503", InClass("long M(ref long x) => Interlocked.Increment(ref /*!*/x);") },
            { "CS0117", InClass("DateTime M() => DateTime./*!*/Now;") },
            { "CS0103", InClass("void M(byte[] a, byte[] b) => /*!*/Buffer.BlockCopy(a, 0, b, 0, 1);") },
            { "CS1503", InClass("TimeSpan M() => TimeSpan.FromMilliseconds(/*!*/1.5);") },
        };

        [Theory]
        [MemberData(nameof(Constructs))]
        public void InjectedConstructFailsAtItsLocation(string id, string markedSource)
        {
            using FixtureRepo fixture = new FixtureRepo();
            MarkedSource source = MarkedSource.Parse(markedSource);
            fixture.Write(FixtureRepo.InjectedPath, source.Text);

            GateResult result = fixture.Run();

            fixture.AssertError(result, id, FixtureRepo.InjectedPath, source.Line, source.Column);
        }

        [Fact]
        public void CodeExcludedForNanoFrameworkIsNotScanned()
        {
            using FixtureRepo fixture = new FixtureRepo();
            fixture.Write(FixtureRepo.InjectedPath, """
            #if !NANOFRAMEWORK_1_0
            using System.Collections.Generic;
            using System.Linq;
            #endif

            namespace Small
            {
                internal static class Injected
                {
            #if !NANOFRAMEWORK_1_0
                    public static int Count(List<int> items) => items.Where(i => i > 0).Count();
            #endif
                }
            }
            """);

            fixture.AssertPassed(fixture.Run());
        }

        [Fact]
        public void NullableReferenceAnnotationIsNotANullableValueType()
        {
            using FixtureRepo fixture = new FixtureRepo();
            fixture.Write(FixtureRepo.InjectedPath, InClass("public static string Name(string? value) => value;"));

            GateResult result = fixture.Run();

            fixture.AssertPassed(result);
            Assert.DoesNotContain(result.AllDiagnostics, d => d.Id == RuleIds.NullableValueType);
        }

        [Fact]
        public void DebugOnlyCodeIsCheckedInDebugOnly()
        {
            using FixtureRepo fixture = new FixtureRepo();
            MarkedSource source = MarkedSource.Parse(InClass("#if DEBUG\n        private /*!*/int? _debugValue;\n#endif"));
            fixture.Write(FixtureRepo.InjectedPath, source.Text);

            fixture.AssertPassed(fixture.Run("Release"));
            fixture.AssertError(fixture.Run("Debug"), RuleIds.NullableValueType, FixtureRepo.InjectedPath, source.Line, source.Column);
        }

        private static string InNamespace(string code) => "using System;\nusing System.Threading;\n\nnamespace Small\n{\n    " + code + "\n}\n";

        private static string InClass(string code) => InNamespace("internal class Injected\n    {\n        " + code + "\n    }");
    }
}
