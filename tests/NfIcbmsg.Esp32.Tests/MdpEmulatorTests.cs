using System;
using System.Linq;
using System.Text;
using NfIcbmsg.Esp32.Tests.Mdp;
using Xunit;

namespace NfIcbmsg.Esp32.Tests
{
    /// <summary>Checks of the metadata-processor emulation itself, on small assemblies whose answer is known.</summary>
    public class MdpEmulatorTests
    {
        [Fact]
        public void Crc32_IsThePolynomialTableOfTheProcessor()
        {
            // First and last entries of the table in MetadataProcessor.Shared/Utility/Crc32.cs.
            Assert.Equal(0x00000000u, MdpCrc32.TableEntry(0));
            Assert.Equal(0x04C11DB7u, MdpCrc32.TableEntry(1));
            Assert.Equal(0xB1F740B4u, MdpCrc32.TableEntry(255));

            // CRC-32/POSIX of "123456789" is 0x765E7680 with a final xor of 0xFFFFFFFF; the processor has none.
            Assert.Equal(0x765E7680u ^ 0xFFFFFFFFu, MdpCrc32.Compute(Encoding.ASCII.GetBytes("123456789"), 0));
        }

        [Fact]
        public void Methods_AreOrderedVirtualThenInstanceThenStatic()
        {
            byte[] image = DeviceCompiler.CompileAgainstCoreLibrary("Order", Native + @"
namespace Demo
{
    public class A
    {
        public static void S1() { }
        public void I1() { }
        public override string ToString() { return null; }
        [MethodImpl(MethodImplOptions.InternalCall)] private static extern int NativeX(int a);
        public virtual void V1() { }
        private extern void NativeY(byte[] b, uint c);
    }
}");
            MdpResult result = MdpEmulator.Process(image, new string[0], "Order");
            Assert.Equal(
                new[]
                {
                    "NULL", "NULL",                                   // ToString, V1 (virtual)
                    "NULL",                                           // I1
                    "Library_Order_Demo_A::NativeY___VOID__SZARRAY_U1__U4",
                    "NULL",                                           // .ctor
                    "NULL",                                           // S1
                    "Library_Order_Demo_A::NativeX___STATIC__I4__I4",
                },
                result.LookupTable);
        }

        [Fact]
        public void Types_FollowTheTypesTheirCallsUse_AndInterfacesAndDelegatesGetNullRows()
        {
            byte[] image = DeviceCompiler.CompileAgainstCoreLibrary("Deps", Native + @"
namespace Demo
{
    public delegate void Handler();
    public interface IThing { void Do(); }
    public class Alpha
    {
        public void Use() { Zulu.Make(); }
    }
    public class Zulu : IThing
    {
        public static Zulu Make() { return null; }
        public void Do() { }
        [MethodImpl(MethodImplOptions.InternalCall)] private static extern void NativeZ();
    }
}");
            MdpResult result = MdpEmulator.Process(image, new string[0], "Deps");

            // By name Alpha comes first, but it calls a method returning Zulu, so Zulu goes before it, and IThing,
            // which Zulu implements, before Zulu; Handler follows in name order.
            Assert.Equal(new[] { "Demo.IThing", "Demo.Zulu", "Demo.Alpha", "Demo.Handler" }, result.TypeOrder);
            Assert.Equal(
                new[]
                {
                    "NULL",                                          // IThing.Do (abstract)
                    "NULL", "NULL", "NULL",                          // Zulu: Do (virtual), .ctor, Make
                    "Library_Deps_Demo_Zulu::NativeZ___STATIC__VOID",
                    "NULL", "NULL",                                  // Alpha: Use, .ctor
                    "NULL", "NULL", "NULL", "NULL",                  // Handler: Invoke (virtual), .ctor, BeginInvoke, EndInvoke (mscorlib has IAsyncResult)
                },
                result.LookupTable);
        }

        [Fact]
        public void Checksum_StartsAtTheFirstNativeMethod()
        {
            byte[] image = DeviceCompiler.CompileAgainstCoreLibrary("Sum", Native + @"
namespace Demo
{
    public class Helper { public void M() { } }
    public class Interop
    {
        public void Before() { }
        [MethodImpl(MethodImplOptions.InternalCall)] private static extern void NativeA(int x);
    }
}");
            MdpResult result = MdpEmulator.Process(image, new string[0], "Sum");

            // Every row before the first native method reads the running value as 0, so the checksum is the CRC of
            // the first native method's encoded name (assembly and class names are swallowed by the same quirk).
            Assert.Equal(MdpCrc32.Compute(Encoding.ASCII.GetBytes("NativeA___STATIC__VOID__I4"), 0), result.Checksum);
            Assert.Equal(5, result.LookupTable.Count);                      // Helper: M, .ctor; Interop: Before, .ctor, NativeA
            Assert.Single(result.NativeMethods);
        }

        [Fact]
        public void ExcludedClass_SortingBeforeTheNatives_LosesItsRows_AndTheChecksumDoesNotNotice()
        {
            // The trap of a build that passes NFMDP_PE_ExcludeClassByName for a class of an assembly with natives:
            // the processor removes the class, the native rows move up, and the checksum (which only starts at the
            // first native method) stays the same, so a table built for the other layout loads and calls wrong rows.
            byte[] image = DeviceCompiler.CompileAgainstCoreLibrary("Sum", Native + @"
namespace Demo
{
    public class Helper { public void M() { } }
    public class Interop
    {
        public void Before() { }
        [MethodImpl(MethodImplOptions.InternalCall)] private static extern void NativeA(int x);
    }
}");
            MdpResult plain = MdpEmulator.Process(image, new string[0], "Sum");
            MdpResult excluded = MdpEmulator.Process(image, new[] { "Demo.Helper" }, "Sum");

            Assert.Equal(new[] { "NULL", "NULL", "NULL", "NULL", "Library_Sum_Demo_Interop::NativeA___STATIC__VOID__I4" }, plain.LookupTable);
            Assert.Equal(new[] { "NULL", "NULL", "Library_Sum_Demo_Interop::NativeA___STATIC__VOID__I4" }, excluded.LookupTable);
            Assert.Equal(plain.Checksum, excluded.Checksum);
            Assert.Equal(plain.NativeMethods.Select(m => m.EncodedName), excluded.NativeMethods.Select(m => m.EncodedName));
        }

        [Fact]
        public void ExcludedClass_SortingAfterTheNatives_LosesItsRows_AndChangesTheChecksum()
        {
            byte[] image = DeviceCompiler.CompileAgainstCoreLibrary("Sum", Native + @"
namespace Demo
{
    public class Interop
    {
        [MethodImpl(MethodImplOptions.InternalCall)] private static extern void NativeA(int x);
    }
    public class Zulu { public void M() { } }
}");
            MdpResult plain = MdpEmulator.Process(image, new string[0], "Sum");
            MdpResult excluded = MdpEmulator.Process(image, new[] { "Demo.Zulu" }, "Sum");

            Assert.Equal(4, plain.LookupTable.Count);                       // Interop: .ctor, NativeA; Zulu: M, .ctor
            Assert.Equal(2, excluded.LookupTable.Count);
            uint crc = MdpCrc32.Compute(Encoding.ASCII.GetBytes("NativeA___STATIC__VOID__I4"), 0);
            Assert.Equal(crc, excluded.Checksum);
            crc = MdpCrc32.Compute(Encoding.ASCII.GetBytes("NULL"), crc);
            crc = MdpCrc32.Compute(Encoding.ASCII.GetBytes("NULL"), crc);
            Assert.Equal(crc, plain.Checksum);
        }

        [Theory]
        [InlineData(null, 8, 5, 0xF89BAAAAu)]
        [InlineData("Demo.Helper", 5, 2, 0xF89BAAAAu)]
        [InlineData("Demo.Zulu", 6, 5, 0xE581CADBu)]
        public void ExcludedLayouts_AreWhatTheRealProcessorGave(string? exclusion, int rows, int nativeRow, uint checksum)
        {
            // Known answers: this source compiled with Roslyn against the real mscorlib and run through nanoFramework's
            // metadata processor (metadata-processor 4541b46, built from its sources) with and without
            // -excludeClassByName; rows and native row read from its .pdbx, checksum from the .pe header. An excluded
            // class takes its nested types along, and a class named ThisAssembly is excluded by every build.
            byte[] image = DeviceCompiler.CompileAgainstCoreLibrary("Sum", Native + @"
namespace Demo
{
    public class Helper { public class Inner { public void M() { } } }
    public class Interop
    {
        public void Before() { }
        [MethodImpl(MethodImplOptions.InternalCall)] private static extern void NativeA(int x);
    }
    public class Zulu { public void M() { } }
    internal static class ThisAssembly { internal static void Version() { } }
}");
            MdpResult result = MdpEmulator.Process(image, exclusion == null ? new string[0] : new[] { exclusion }, "Sum");

            Assert.Equal(rows, result.LookupTable.Count);
            Assert.Equal(nativeRow, result.LookupTable.ToList().FindIndex(r => r != "NULL"));
            Assert.True(checksum == result.Checksum, "checksum 0x" + result.Checksum.ToString("X8") + ", the processor gave 0x" + checksum.ToString("X8"));
            Assert.DoesNotContain("Demo.ThisAssembly", result.TableTypes);
        }

        [Fact]
        public void ExcludedClass_StillUsedByAKeptClass_IsRefused()
        {
            byte[] image = DeviceCompiler.CompileAgainstCoreLibrary("Sum", Native + @"
namespace Demo
{
    public class Helper { public static void M() { } }
    public class Interop
    {
        public void Use() { Helper.M(); }
        [MethodImpl(MethodImplOptions.InternalCall)] private static extern void NativeA(int x);
    }
}");
            NotSupportedException refused = Assert.Throws<NotSupportedException>(() => MdpEmulator.Process(image, new[] { "Demo.Helper" }, "Sum"));
            Assert.Contains("Demo.Helper is excluded but Demo.Interop uses it", refused.Message);
        }

        [Fact]
        public void Checksum_ChainsNullRowsAndNamesAfterTheFirstNativeMethod()
        {
            byte[] image = DeviceCompiler.CompileAgainstCoreLibrary("Chain", Native + @"
namespace Demo
{
    public static class Interop
    {
        [MethodImpl(MethodImplOptions.InternalCall)] private static extern void NativeA();
        public static void Managed() { }
        [MethodImpl(MethodImplOptions.InternalCall)] private static extern uint NativeB(int x);
    }
}");
            MdpResult result = MdpEmulator.Process(image, new string[0], "Chain");
            uint crc = MdpCrc32.Compute(Encoding.ASCII.GetBytes("NativeA___STATIC__VOID"), 0);
            crc = MdpCrc32.Compute(Encoding.ASCII.GetBytes("NULL"), crc);
            crc = MdpCrc32.Compute(Encoding.ASCII.GetBytes("Chain"), crc);
            crc = MdpCrc32.Compute(Encoding.ASCII.GetBytes("Demo_Interop"), crc);
            crc = MdpCrc32.Compute(Encoding.ASCII.GetBytes("NativeB___STATIC__U4__I4"), crc);
            Assert.Equal(crc, result.Checksum);
            Assert.Equal(new[] { "NativeA", "NativeB" }, result.NativeMethods.Select(m => m.Name));
        }

        private const string Native = @"
using System.Reflection;
using System.Runtime.CompilerServices;
[assembly: AssemblyNativeVersion(""1.0.0.0"")]
";
    }
}
