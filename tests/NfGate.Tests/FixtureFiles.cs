namespace NfGate.Tests
{
    /// <summary>The files of <see cref="FixtureRepo"/>: the .nfproj skeleton of docs/nanoframework.md §3.1, reduced.</summary>
    internal static class FixtureFiles
    {
        public const string Project = """
        <?xml version="1.0" encoding="utf-8"?>
        <Project ToolsVersion="Current" DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
          <PropertyGroup Label="Globals">
            <NanoFrameworkProjectSystemPath>$(MSBuildExtensionsPath)\nanoFramework\v1.0\</NanoFrameworkProjectSystemPath>
          </PropertyGroup>
          <Import Project="$(NanoFrameworkProjectSystemPath)NFProjectSystem.Default.props" Condition="Exists('$(NanoFrameworkProjectSystemPath)NFProjectSystem.Default.props')" />
          <PropertyGroup>
            <Configuration Condition=" '$(Configuration)' == '' ">Debug</Configuration>
            <OutputType>Library</OutputType>
            <RootNamespace>Small</RootNamespace>
            <AssemblyName>Small</AssemblyName>
            <LangVersion>9.0</LangVersion>
          </PropertyGroup>
          <ItemGroup>
            <Reference Include="mscorlib, Version=1.17.11.0, Culture=neutral, PublicKeyToken=c07d481e9758c731">
              <HintPath>..\packages\nanoFramework.CoreLibrary.1.17.11\lib\mscorlib.dll</HintPath>
            </Reference>
            <Reference Include="nanoFramework.Runtime.Native, Version=1.7.11.0, Culture=neutral, PublicKeyToken=c07d481e9758c731">
              <HintPath>..\packages\nanoFramework.Runtime.Native.1.7.11\lib\nanoFramework.Runtime.Native.dll</HintPath>
            </Reference>
            <Reference Include="System.Math, Version=1.5.116.0, Culture=neutral, PublicKeyToken=c07d481e9758c731">
              <HintPath>..\packages\nanoFramework.System.Math.1.5.116\lib\System.Math.dll</HintPath>
            </Reference>
          </ItemGroup>
          <ItemGroup>
            <None Include="packages.config" />
          </ItemGroup>
          <Import Project="..\Shared\Small.projitems" Label="Shared" />
          <Import Project="$(NanoFrameworkProjectSystemPath)NFProjectSystem.CSharp.targets" Condition="Exists('$(NanoFrameworkProjectSystemPath)NFProjectSystem.CSharp.targets')" />
        </Project>
        """;

        public const string PackagesConfig = """
        <?xml version="1.0" encoding="utf-8"?>
        <packages>
          <package id="nanoFramework.CoreLibrary" version="1.17.11" targetFramework="netnano1.0" />
          <package id="nanoFramework.Runtime.Native" version="1.7.11" targetFramework="netnano1.0" />
          <package id="nanoFramework.System.Math" version="1.5.116" targetFramework="netnano1.0" />
          <package id="Nerdbank.GitVersioning" version="3.10.91" targetFramework="netnano1.0" developmentDependency="true" />
        </packages>
        """;

        public const string Projitems = """
        <?xml version="1.0" encoding="utf-8"?>
        <Project xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
          <PropertyGroup>
            <MSBuildAllProjects Condition="'$(MSBuildVersion)' == '' Or '$(MSBuildVersion)' &lt; '16.0'">$(MSBuildAllProjects);$(MSBuildThisFileFullPath)</MSBuildAllProjects>
            <HasSharedItems>true</HasSharedItems>
            <SharedGUID>0F4A6B52-8C1D-4E2F-9A3B-5C6D7E8F9012</SharedGUID>
          </PropertyGroup>
          <ItemGroup>
            <Compile Include="$(MSBuildThisFileDirectory)Clean.cs" />
            <Compile Include="$(MSBuildThisFileDirectory)Injected.cs" />
          </ItemGroup>
        </Project>
        """;

        public const string EmptyInjected = """
        namespace Small
        {
            internal static class Injected
            {
            }
        }
        """;

        /// <summary>Portable code in the style the protocol uses: every construct here runs on nanoFramework 1.17.</summary>
        public const string Clean = """
        using System;
        using System.Collections;
        using System.Threading;

        namespace Small
        {
            public delegate void MessageHandler(object sender, int length);

            public readonly struct Slot
            {
                public Slot(int index, int size)
                {
                    Index = index;
                    Size = size;
                }

                public int Index { get; }

                public int Size { get; }
            }

            public sealed class Clean
            {
                private readonly object _lock = new();
                private readonly AutoResetEvent _wake = new(false);
                private readonly ArrayList _pending = new();
                private int _count;

                public event MessageHandler Received;

                public string Name { get; init; }

                public int Count => _count;

                public bool WaitForWork(int timeoutMs) => _wake.WaitOne(timeoutMs, false);

                public int WaitForAny(WaitHandle[] handles) => WaitHandle.WaitAny(handles, 100, false);

                public void Post(byte[] data)
                {
                    lock (_lock)
                    {
                        _pending.Add(data);
                    }

                    Interlocked.Increment(ref _count);
                    Received?.Invoke(this, data.Length);
                    _wake.Set();
                }

                public static string Describe(object value)
                {
                    switch (value)
                    {
                        case int n when n > 0:
                            return $"positive {n}";
                        case string s:
                            return "text of " + s.Length.ToString("D4");
                        case null:
                            return "nothing";
                        default:
                            return nameof(Describe);
                    }
                }

                public static string Kind(string name)
                {
                    switch (name)
                    {
                        case "a": return "A";
                        case "b": return "B";
                        default: return string.Empty;
                    }
                }

                public static int Sum(int[] values)
                {
                    int total = 0;
                    foreach (int value in values)
                    {
                        total = unchecked(total + value);
                    }

                    return total;
                }

                public static long ElapsedSince(long start) => Environment.TickCount64 - start;

                public static int Larger(int a, int b) => Math.Max(a, b);

                public static byte First(SpanByte span) => span.Length > 0 ? span[0] : (byte)0;

                public static void Copy(byte[] source, byte[] destination) => Array.Copy(source, 0, destination, 0, source.Length);

                public static void Guard(byte[] buffer)
                {
                    if (buffer is null)
                    {
                        throw new ArgumentNullException(nameof(buffer));
                    }

                    try
                    {
                        Console.WriteLine("length " + buffer.Length);
                    }
                    catch (Exception e) when (e is InvalidOperationException)
                    {
                        throw new ObjectDisposedException(nameof(Clean));
                    }
                }

                public static Thread Start(ThreadStart work)
                {
                    var thread = new Thread(work);
                    thread.Start();
                    return thread;
                }

                public static void Run()
                {
                    int calls = 0;
                    MessageHandler handler = (sender, length) => calls += length;
                    handler(null, 3);
                    using (var timer = new Timer(_ => Thread.Sleep(1), null, 10, Timeout.Infinite))
                    {
                        timer.Change(TimeSpan.FromMilliseconds(5), Timeout.InfiniteTimeSpan);
                    }
                }
            }
        }
        """;
    }
}
