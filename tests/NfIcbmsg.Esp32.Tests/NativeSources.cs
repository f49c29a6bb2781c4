using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace NfIcbmsg.Esp32.Tests
{
    /// <summary>A marshalling wrapper of a *_mshl.cpp: its name, what it marshals and what it calls.</summary>
    public sealed record MarshalWrapper(
        string Declaration,
        IReadOnlyList<(string Type, int Index)> Parameters,
        IReadOnlyList<(string ClrType, int StackIndex, int ParamIndex)> Marshals,
        string? Call,
        string ReturnType,
        string? SetResult);

    /// <summary>A user stub declaration of the class header: static RET Name( TYPE param0, ..., HRESULT &amp;hr ).</summary>
    public sealed record UserStub(string ReturnType, string Name, IReadOnlyList<string> ParameterTypes);

    /// <summary>Reads the native interop sources with the patterns the metadata processor's templates produce.</summary>
    public static class NativeSources
    {
        public static string Read(string fileName) => File.ReadAllText(Path.Combine(RepoPaths.NativeModule, fileName));

        /// <summary>The rows of method_lookup[] in &lt;project&gt;.cpp.</summary>
        public static List<string> LookupRows(string text)
        {
            Match table = Regex.Match(text, @"static\s+const\s+CLR_RT_MethodHandler\s+method_lookup\[\]\s*=\s*\{(?<rows>.*?)\};", RegexOptions.Singleline);
            if (!table.Success)
            {
                throw new InvalidOperationException("method_lookup[] not found");
            }

            return StripComments(table.Groups["rows"].Value)
                .Split(',')
                .Select(r => r.Trim())
                .Where(r => r.Length > 0)
                .ToList();
        }

        /// <summary>The g_CLR_AssemblyNative_&lt;name&gt; initializer: (variable suffix, assembly name, checksum, table, version).</summary>
        public static (string Variable, string AssemblyName, uint Checksum, string Table, Version Version) AssemblyData(string text)
        {
            Match data = Regex.Match(
                StripComments(text),
                @"const\s+CLR_RT_NativeAssemblyData\s+g_CLR_AssemblyNative_(?<var>\w+)\s*=\s*\{\s*""(?<name>[^""]+)""\s*,\s*0x(?<crc>[0-9A-Fa-f]{8})\s*,\s*(?<table>\w+)\s*,\s*\{\s*(?<a>\d+)\s*,\s*(?<b>\d+)\s*,\s*(?<c>\d+)\s*,\s*(?<d>\d+)\s*\}\s*\};",
                RegexOptions.Singleline);
            if (!data.Success)
            {
                throw new InvalidOperationException("g_CLR_AssemblyNative_... initializer not found");
            }

            return (
                data.Groups["var"].Value,
                data.Groups["name"].Value,
                Convert.ToUInt32(data.Groups["crc"].Value, 16),
                data.Groups["table"].Value,
                new Version(int.Parse(data.Groups["a"].Value), int.Parse(data.Groups["b"].Value), int.Parse(data.Groups["c"].Value), int.Parse(data.Groups["d"].Value)));
        }

        /// <summary>struct Library_X { FIELD constants; NANOCLR_NATIVE_DECLARE(...); } of the assembly header.</summary>
        public static Dictionary<string, (List<(string Name, int Index)> Fields, List<string> Declares)> HeaderStructs(string text)
        {
            Dictionary<string, (List<(string, int)>, List<string>)> result = new();
            foreach (Match s in Regex.Matches(StripComments(text), @"struct\s+(?<name>Library_\w+)\s*\{(?<body>.*?)\};", RegexOptions.Singleline))
            {
                string body = s.Groups["body"].Value;
                List<(string, int)> fields = Regex.Matches(body, @"static\s+const\s+int\s+(?<f>FIELD\w+)\s*=\s*(?<i>\d+)\s*;")
                    .Select(m => (m.Groups["f"].Value, int.Parse(m.Groups["i"].Value)))
                    .ToList();
                List<string> declares = Regex.Matches(body, @"NANOCLR_NATIVE_DECLARE\(\s*(?<m>\w+)\s*\)\s*;")
                    .Select(m => m.Groups["m"].Value)
                    .ToList();
                result[s.Groups["name"].Value] = (fields, declares);
            }

            return result;
        }

        /// <summary>The wrappers of a *_mshl.cpp, in file order.</summary>
        public static List<MarshalWrapper> MarshalWrappers(string text)
        {
            List<MarshalWrapper> result = new();
            string code = StripComments(text);
            foreach (Match w in Regex.Matches(
                code,
                @"HRESULT\s+(?<decl>Library_\w+::\w+)\s*\(\s*CLR_RT_StackFrame\s*&\s*stack\s*\)\s*\{\s*NANOCLR_HEADER\(\);\s*hr\s*=\s*S_OK;\s*\{(?<body>.*?)\}\s*NANOCLR_NOCLEANUP\(\);\s*\}",
                RegexOptions.Singleline))
            {
                string body = w.Groups["body"].Value;
                List<(string, int)> parameters = Regex.Matches(body, @"^\s*(?<t>[A-Za-z_][\w ]*?)\s+param(?<i>\d+)\s*;", RegexOptions.Multiline)
                    .Select(m => (m.Groups["t"].Value.Trim(), int.Parse(m.Groups["i"].Value)))
                    .ToList();
                List<(string, int, int)> marshals = Regex.Matches(body, @"NANOCLR_CHECK_HRESULT\(\s*Interop_Marshal_(?<c>\w+)\(\s*stack\s*,\s*(?<s>\d+)\s*,\s*param(?<p>\d+)\s*\)\s*\)\s*;")
                    .Select(m => (m.Groups["c"].Value, int.Parse(m.Groups["s"].Value), int.Parse(m.Groups["p"].Value)))
                    .ToList();
                Match call = Regex.Match(body, @"(?:(?<rt>[A-Za-z_][\w ]*?)\s+retValue\s*=\s*)?(?<call>\w+::\w+\([^;]*\))\s*;\s*NANOCLR_CHECK_HRESULT\(\s*hr\s*\)\s*;");
                Match set = Regex.Match(body, @"SetResult_(?<t>\w+)\(\s*stack\s*,\s*retValue\s*\)\s*;");
                result.Add(new MarshalWrapper(
                    w.Groups["decl"].Value,
                    parameters,
                    marshals,
                    call.Success ? Regex.Replace(call.Groups["call"].Value, @"\s+", " ") : null,
                    call.Success && call.Groups["rt"].Success ? call.Groups["rt"].Value.Trim() : "void",
                    set.Success ? set.Groups["t"].Value : null));
            }

            return result;
        }

        /// <summary>The static user stubs declared in the class header, in order.</summary>
        public static List<UserStub> UserStubs(string text)
        {
            return Regex.Matches(StripComments(text), @"static\s+(?<ret>[A-Za-z_][\w ]*?)\s+(?<name>\w+)\(\s*(?<params>[^;]*?)\s*HRESULT\s*&\s*hr\s*\)\s*;")
                .Select(m => new UserStub(
                    m.Groups["ret"].Value.Trim(),
                    m.Groups["name"].Value,
                    m.Groups["params"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(p => Regex.Replace(p, @"\s+param\d+$", string.Empty).Trim())
                        .ToList()))
                .ToList();
        }

        /// <summary>Source files the CMake module lists in &lt;Assembly&gt;_SRCS.</summary>
        public static List<string> CMakeSources(string text, string assemblyName)
        {
            Match srcs = Regex.Match(text, @"set\(\s*" + Regex.Escape(assemblyName) + @"_SRCS(?<files>[^)]*)\)", RegexOptions.Singleline);
            if (!srcs.Success)
            {
                throw new InvalidOperationException(assemblyName + "_SRCS not found");
            }

            return srcs.Groups["files"].Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        }

        private static string StripComments(string code)
        {
            string noBlock = Regex.Replace(code, @"/\*.*?\*/", " ", RegexOptions.Singleline);
            return Regex.Replace(noBlock, @"//[^\n]*", string.Empty);
        }
    }
}
