using System.Linq;
using System.Text;
using NfIcbmsg.Esp32.Tests.Mdp;
using Xunit;

namespace NfIcbmsg.Esp32.Tests;

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
    public void Checksum_SkipsExcludedClasses_AndStartsAtTheFirstNativeMethod()
    {
        const string source = Native + @"
namespace Demo
{
    public class Helper { public void M() { } }
    public class Interop
    {
        public void Before() { }
        [MethodImpl(MethodImplOptions.InternalCall)] private static extern void NativeA(int x);
    }
}";
        byte[] image = DeviceCompiler.CompileAgainstCoreLibrary("Sum", source);
        MdpResult plain = MdpEmulator.Process(image, new string[0], "Sum");
        MdpResult excluded = MdpEmulator.Process(image, new[] { "Demo.Helper" }, "Sum");

        // Every row before the first native method reads the running value as 0, so the checksum is the CRC of
        // the first native method's encoded name (assembly and class names are swallowed by the same quirk),
        // and excluding the managed-only class Helper, which sorts before Interop, changes nothing.
        uint expected = MdpCrc32.Compute(Encoding.ASCII.GetBytes("NativeA___STATIC__VOID__I4"), 0);
        Assert.Equal(expected, plain.Checksum);
        Assert.Equal(expected, excluded.Checksum);
        Assert.Equal(plain.LookupTable, excluded.LookupTable);
        Assert.Single(plain.NativeMethods);
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
