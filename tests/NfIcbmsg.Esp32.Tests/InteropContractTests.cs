using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using NfIcbmsg.Esp32.Tests.Mdp;
using Xunit;

namespace NfIcbmsg.Esp32.Tests
{
    /// <summary>
    /// The interop contract (docs/esp32.md section 4) between firmware/Esp32 (managed InternalCall methods)
    /// and firmware/Native/NfIcbmsg.Esp32 (native lookup table, marshalling wrappers, user stubs): the CLR calls
    /// method_lookup[i] for the i-th method of the assembly and refuses the assembly unless name, checksum and
    /// native version match, so any drift is a crash or a refused deployment on the device.
    /// </summary>
    public class InteropContractTests
    {
        private static readonly Lazy<ProjectFacts> s_project = new(ProjectFacts.Read);

        // The two layouts a build can produce: one that passes the project's NFMDP_PE_ExcludeClassByName items to the
        // metadata processor (which removes those classes from the assembly) and one that does not (which build does
        // depends on the build system). The native table must be right for both.
        private static readonly Lazy<MdpResult> s_withExclusions = new(() =>
            MdpEmulator.Process(DeviceCompiler.Esp32Image, s_project.Value.ExcludedClasses, s_project.Value.SkeletonProjectName));

        private static readonly Lazy<MdpResult> s_withoutExclusions = new(() =>
            MdpEmulator.Process(DeviceCompiler.Esp32Image, new string[0], s_project.Value.SkeletonProjectName));

        private static ProjectFacts Project => s_project.Value;

        private static MdpResult Mdp => s_withExclusions.Value;

        private static MdpResult Layout(bool passesExclusions) => passesExclusions ? s_withExclusions.Value : s_withoutExclusions.Value;

        private static string AssemblyFilePrefix => Project.SkeletonProjectName;

        [Fact]
        public void Project_GeneratesStubsUnderTheSkeletonName()
        {
            Assert.Equal("true", Project.Property("NFMDP_GENERATE_STUBS"));
            Assert.False(string.IsNullOrEmpty(Project.Property("NF_GenerateStubsDirectory")));
            Assert.Equal(Project.AssemblyName.Replace('.', '_'), Project.SkeletonProjectName);
            Assert.Equal(new Version(1, 0, 0, 0), Mdp.NativeVersion);
        }

        [Fact]
        public void Assembly_HoldsOnlyClassesWithNativeMethods()
        {
            // Every method of every class of an assembly with natives takes a row in the native table, and the checksum
            // does not see rows before the first native method: a managed-only class here would tie the firmware to its
            // method count without the CLR noticing a stale image. Managed-only ESP32 code goes to NfIcbmsg.Esp32.Gpio.
            MdpResult all = Layout(passesExclusions: false);
            List<string> withNatives = all.NativeMethods.Select(m => m.ClassName).Distinct().ToList();
            Assert.All(all.TableTypes, type => Assert.True(
                withNatives.Contains(string.Join("__", type.Split('/').Select(part => part.Replace('.', '_')))),
                type + " has no native methods; move it out of " + Project.AssemblyName + " (docs/esp32.md section 4)"));
        }

        [Fact]
        public void ManagedExterns_ArePrivateStaticInternalCallsInTheNativeCallsRegion()
        {
            List<ManagedExtern> externs = ManagedExterns.Read(Project.Sources);
            Assert.NotEmpty(externs);
            foreach (ManagedExtern method in externs)
            {
                Assert.True(method.IsInternalCall, method.Name + " lacks [MethodImpl(MethodImplOptions.InternalCall)]");
                Assert.True(method.IsStatic && method.IsPrivate, method.Name + " must be private static");
                Assert.True(method.InNativeRegion, method.Name + " must sit in #region native calls");
            }
        }

        [Fact]
        public void ManagedExterns_AreTheNativeMethodsTheProcessorSees_InOrder()
        {
            List<ManagedExtern> externs = ManagedExterns.Read(Project.Sources);
            Assert.Equal(
                externs.Select(e => e.TypeName + "." + e.Name),
                Mdp.NativeMethods.Select(m => m.TypeName + "." + m.Name));
            Assert.All(Mdp.NativeMethods, m => Assert.DoesNotContain(m.TypeName, Project.ExcludedClasses.Select(c => c.Split('.').Last())));
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void LookupTable_IsTheProcessorsTable_RowForRow_WhetherOrNotTheBuildPassesTheExclusions(bool passesExclusions)
        {
            MdpResult mdp = Layout(passesExclusions);
            string layout = passesExclusions ? "with the project's class exclusions" : "without class exclusions";
            List<string> rows = NativeSources.LookupRows(NativeSources.Read(AssemblyFilePrefix + ".cpp"));
            Assert.True(
                mdp.LookupTable.Count == rows.Count,
                "method_lookup has " + rows.Count + " rows; the processor lays out " + mdp.LookupTable.Count + " " + layout +
                " (types with rows: " + string.Join(", ", mdp.TableTypes) + ")");
            for (int i = 0; i < rows.Count; i++)
            {
                Assert.True(mdp.LookupTable[i] == rows[i], "method_lookup[" + i + "] " + layout + ": expected " + mdp.LookupTable[i] + ", found " + rows[i]);
            }
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void AssemblyData_NamesTheAssemblyWithTheProcessorsChecksumAndVersion(bool passesExclusions)
        {
            MdpResult mdp = Layout(passesExclusions);
            (string variable, string name, uint checksum, string table, Version version) = NativeSources.AssemblyData(NativeSources.Read(AssemblyFilePrefix + ".cpp"));
            Assert.Equal(Project.AssemblyName.Replace('.', '_'), variable);
            Assert.Equal(Project.AssemblyName, name);
            Assert.Equal(mdp.AssemblyName, name);
            Assert.True(mdp.Checksum == checksum, "checksum: the managed declarations give 0x" + mdp.Checksum.ToString("X8") + ", the native table says 0x" + checksum.ToString("X8"));
            Assert.Equal("method_lookup", table);
            Assert.Equal(mdp.NativeVersion, version);
        }

        [Fact]
        public void AssemblyHeader_DeclaresEveryNativeMethodInOrder()
        {
            string header = NativeSources.Read(AssemblyFilePrefix + ".h");
            Dictionary<string, (List<(string Name, int Index)> Fields, List<string> Declares)> structs = NativeSources.HeaderStructs(header);
            foreach (IGrouping<string, NativeMethod> group in Mdp.NativeMethods.GroupBy(m => m.ClassName))
            {
                string structName = "Library_" + Project.SkeletonProjectName + "_" + group.Key;
                Assert.True(structs.ContainsKey(structName), structName + " missing from " + AssemblyFilePrefix + ".h");
                Assert.Equal(group.Select(m => m.EncodedName), structs[structName].Declares);
            }

            Assert.Contains("extern const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_" + Project.SkeletonProjectName + ";", header);
        }

        [Fact]
        public void AssemblyHeader_NumbersTheInstanceFieldsAsTheProcessorDoes()
        {
            // Instance fields of a class with native methods are named FIELD__<name> and numbered from 1 in
            // declaration order (no base class but object here). A field added to the class renumbers them.
            Dictionary<string, (List<(string Name, int Index)> Fields, List<string> Declares)> structs = NativeSources.HeaderStructs(NativeSources.Read(AssemblyFilePrefix + ".h"));
            foreach (string className in Mdp.NativeMethods.Select(m => m.ClassName).Distinct())
            {
                string structName = "Library_" + Project.SkeletonProjectName + "_" + className;
                List<string> expected = InstanceFields(className).Select((f, i) => "FIELD__" + f + "=" + (i + 1)).ToList();
                Assert.Equal(expected, structs[structName].Fields.Select(f => f.Name + "=" + f.Index));
            }
        }

        [Fact]
        public void MarshallingWrappers_MatchTheManagedSignatures()
        {
            foreach (IGrouping<string, NativeMethod> group in Mdp.NativeMethods.GroupBy(m => m.ClassName))
            {
                string file = AssemblyFilePrefix + "_" + group.Key + "_mshl.cpp";
                List<MarshalWrapper> wrappers = NativeSources.MarshalWrappers(NativeSources.Read(file));
                Assert.Equal(group.Select(m => m.Declaration(Project.SkeletonProjectName)), wrappers.Select(w => w.Declaration));

                foreach ((NativeMethod method, MarshalWrapper wrapper) in group.Zip(wrappers))
                {
                    string where = file + " " + method.EncodedName;
                    Assert.True(method.IsStatic, where + ": only static interop methods are handled here");
                    Assert.Equal(method.Parameters.Select((p, i) => (MdpNaming.NativeType(p), i)), wrapper.Parameters);
                    Assert.Equal(method.Parameters.Select((p, i) => (MdpNaming.MarshalType(p), i, i)), wrapper.Marshals);
                    string call = method.TypeName + "::" + method.Name + "( " +
                        string.Concat(method.Parameters.Select((p, i) => "param" + i + ", ")) + (method.Parameters.Count == 0 ? " hr )" : "hr )");
                    Assert.Equal(Normalize(call), Normalize(wrapper.Call));
                    Assert.Equal(MdpNaming.NativeType(method.ReturnType), wrapper.ReturnType);
                    Assert.Equal(method.ReturnType.FullName == "System.Void" ? null : MdpNaming.MarshalType(method.ReturnType), wrapper.SetResult);
                }
            }
        }

        [Fact]
        public void UserStubs_DeclareTheNativeTypesOfTheManagedSignatures()
        {
            foreach (IGrouping<string, NativeMethod> group in Mdp.NativeMethods.GroupBy(m => m.ClassName))
            {
                List<UserStub> stubs = NativeSources.UserStubs(NativeSources.Read(AssemblyFilePrefix + "_" + group.Key + ".h"));
                Assert.Equal(group.Select(m => m.Name), stubs.Select(s => s.Name));
                foreach ((NativeMethod method, UserStub stub) in group.Zip(stubs))
                {
                    Assert.Equal(MdpNaming.NativeType(method.ReturnType), stub.ReturnType);
                    Assert.Equal(method.Parameters.Select(MdpNaming.NativeType), stub.ParameterTypes);
                }
            }
        }

        [Fact]
        public void UserImplementation_DefinesEveryStub()
        {
            foreach (IGrouping<string, NativeMethod> group in Mdp.NativeMethods.GroupBy(m => m.ClassName))
            {
                string code = NativeSources.Read(AssemblyFilePrefix + "_" + group.Key + ".cpp");
                foreach (NativeMethod method in group)
                {
                    Assert.Matches(@"\b" + method.TypeName + "::" + method.Name + @"\s*\(", code);
                }
            }
        }

        [Fact]
        public void CMakeModule_ListsTheModuleSourcesUnderTheAssemblyName()
        {
            string cmakeFile = Path.Combine(RepoPaths.NativeModule, "FindINTEROP-" + Project.AssemblyName + ".cmake");
            Assert.True(File.Exists(cmakeFile), cmakeFile + " missing");
            string cmake = File.ReadAllText(cmakeFile);
            Assert.Contains("${PROJECT_SOURCE_DIR}/InteropAssemblies/" + Project.AssemblyName + ")", cmake);

            List<string> expected = new() { AssemblyFilePrefix + ".cpp" };
            foreach (string className in Mdp.NativeMethods.Select(m => m.ClassName).Distinct())
            {
                expected.Add(AssemblyFilePrefix + "_" + className + "_mshl.cpp");
                expected.Add(AssemblyFilePrefix + "_" + className + ".cpp");
            }

            Assert.Equal(expected, NativeSources.CMakeSources(cmake, Project.AssemblyName));
            Assert.Equal(
                expected.OrderBy(f => f, StringComparer.Ordinal),
                Directory.GetFiles(RepoPaths.NativeModule, "*.cpp").Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal));
        }

        [Fact]
        public void TypeOrder_DoesNotDependOnTheProcessorsCulture()
        {
            // The processor sorts type names with the culture of the machine it runs on; the emulation sorts
            // ordinally. They agree when every neighbouring pair first differs in two letters or two digits.
            List<string> names = Mdp.TypeOrder.OrderBy(n => n, StringComparer.Ordinal).ToList();
            for (int i = 1; i < names.Count; i++)
            {
                string a = names[i - 1];
                string b = names[i];
                int k = 0;
                while (k < a.Length && k < b.Length && a[k] == b[k])
                {
                    k++;
                }

                if (k == a.Length || k == b.Length)
                {
                    continue;
                }

                bool bothLetters = char.IsLetter(a[k]) && char.IsLetter(b[k]) && char.ToUpperInvariant(a[k]) != char.ToUpperInvariant(b[k]) &&
                    (char.ToUpperInvariant(a[k]) < char.ToUpperInvariant(b[k])) == (a[k] < b[k]);
                bool bothDigits = char.IsDigit(a[k]) && char.IsDigit(b[k]);
                Assert.True(bothLetters || bothDigits, "type order of " + a + " and " + b + " depends on the collation");
            }
        }

        private static string? Normalize(string? call) => call?.Replace(" ", string.Empty);

        private static List<string> InstanceFields(string className)
        {
            string typeName = Mdp.NativeMethods.First(m => m.ClassName == className).TypeName;
            return FieldReader.InstanceFields(DeviceCompiler.Esp32Image, typeName);
        }

        /// <summary>What the tests need of NfIcbmsg.Esp32.nfproj.</summary>
        private sealed class ProjectFacts
        {
            private readonly XDocument _doc;

            private ProjectFacts(XDocument doc)
            {
                _doc = doc;
                AssemblyName = Property("AssemblyName") ?? throw new InvalidOperationException(RepoPaths.Esp32Project + " has no <AssemblyName>");
                SkeletonProjectName = Property("NF_GenerateSkeletonProjectName") ?? throw new InvalidOperationException(RepoPaths.Esp32Project + " has no <NF_GenerateSkeletonProjectName>");
                ExcludedClasses = doc.Descendants().Where(e => e.Name.LocalName == "NFMDP_PE_ExcludeClassByName")
                    .Select(e => e.Attribute("Include")?.Value ?? throw new InvalidOperationException(RepoPaths.Esp32Project + ": an NFMDP_PE_ExcludeClassByName has no Include"))
                    .ToList();
                Sources = DeviceCompiler.CompileItems(RepoPaths.Esp32Project);
            }

            public string AssemblyName { get; }

            public string SkeletonProjectName { get; }

            public List<string> ExcludedClasses { get; }

            public List<string> Sources { get; }

            public static ProjectFacts Read()
            {
                return new ProjectFacts(XDocument.Load(RepoPaths.Esp32Project));
            }

            public string? Property(string name) =>
                _doc.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim();
        }
    }
}
