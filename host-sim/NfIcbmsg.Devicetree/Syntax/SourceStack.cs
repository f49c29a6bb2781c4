using System;
using System.Collections.Generic;
using System.IO;
using NfIcbmsg.Devicetree.Diagnostics;

namespace NfIcbmsg.Devicetree.Syntax
{
    /// <summary>
    /// The characters the lexer reads: the board file, the files it includes (textual inclusion, as
    /// the C preprocessor and dtc do) and the bodies of macros being expanded, as a stack. A token
    /// never spans two frames. Enforces the size and depth bounds and refuses include cycles.
    /// </summary>
    public sealed class SourceStack
    {
        private readonly List<Frame> frames = new List<Frame>();
        private readonly ReadLimits limits;
        private readonly IReadOnlyList<string> includeDirectories;
        private readonly List<Diagnostic> warnings;
        private long totalBytes;
        private int macroExpansions;

        public SourceStack(ReadLimits limits)
            : this(limits, new string[0], false, new List<Diagnostic>())
        {
        }

        /// <summary>
        /// <paramref name="includeDirectories"/> are searched for <c>#include &lt;file&gt;</c>; a file not found
        /// there is skipped with a warning added to <paramref name="warnings"/>.
        /// </summary>
        public SourceStack(ReadLimits limits, IReadOnlyList<string> includeDirectories, bool hasBase, List<Diagnostic> warnings)
        {
            this.limits = limits;
            this.includeDirectories = includeDirectories;
            this.warnings = warnings;
            HasBase = hasBase;
        }

        /// <summary>A base devicetree is read with the overlay (messages then need not suggest --base).</summary>
        public bool HasBase { get; }

        /// <summary>Non-fatal findings of preprocessing (skipped includes, macros left unexpanded).</summary>
        public void Warn(SourceLocation at, string message)
        {
            warnings.Add(Diagnostic.Warning(at, null, null, message));
        }

        private sealed class Frame
        {
            public string Text;
            public int Position;
            public int Line = 1;
            public int Column = 1;
            public bool AtLineStart = true;

            /// <summary>Full path for a file frame, null for a macro frame.</summary>
            public string FullPath;
            public string DisplayPath;

            /// <summary>Macro name for a macro frame.</summary>
            public string MacroName;

            /// <summary>Where the macro is used: every token of its body is reported there.</summary>
            public SourceLocation UseSite;
        }

        /// <summary>The innermost frame, kept in a field: the lexer asks for it several times per character.</summary>
        private Frame top;

        private Frame Top
        {
            get { return top; }
        }

        private void Push(Frame frame)
        {
            frames.Add(frame);
            top = frame;
        }

        /// <summary>True while reading a macro body (directives are not recognised there).</summary>
        public bool InMacro
        {
            get { return Top.MacroName != null; }
        }

        /// <summary>True when only blanks and comments precede the current character on its line.</summary>
        public bool AtLineStart
        {
            get { return Top.AtLineStart; }
            set { Top.AtLineStart = value; }
        }

        /// <summary>Display path of the innermost file (for include resolution and messages).</summary>
        public string CurrentFile
        {
            get
            {
                for (int i = frames.Count - 1; i >= 0; i--)
                {
                    if (frames[i].FullPath != null)
                    {
                        return frames[i].DisplayPath;
                    }
                }

                return "<none>";
            }
        }

        private string CurrentFullPath
        {
            get
            {
                for (int i = frames.Count - 1; i >= 0; i--)
                {
                    if (frames[i].FullPath != null)
                    {
                        return frames[i].FullPath;
                    }
                }

                return null;
            }
        }

        public SourceLocation Location
        {
            get
            {
                return top.MacroName != null ? top.UseSite : new SourceLocation(top.DisplayPath, top.Line, top.Column);
            }
        }

        /// <summary>The character <paramref name="ahead"/> places on in the current frame, or -1 past its end.</summary>
        public int Peek(int ahead = 0)
        {
            int index = top.Position + ahead;
            return index < top.Text.Length ? top.Text[index] : -1;
        }

        public bool FrameExhausted
        {
            get { return Top.Position >= Top.Text.Length; }
        }

        public int Advance()
        {
            char c = top.Text[top.Position++];
            if (c == '\n')
            {
                top.Line++;
                top.Column = 1;
                top.AtLineStart = true;
            }
            else
            {
                top.Column++;
                if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v')
                {
                    top.AtLineStart = false;
                }
            }

            return c;
        }

        /// <summary>Leaves an exhausted frame; false when it was the board file itself (end of input).</summary>
        public bool PopExhausted()
        {
            if (frames.Count <= 1)
            {
                return false;
            }

            frames.RemoveAt(frames.Count - 1);
            top = frames[frames.Count - 1];
            return true;
        }

        public bool IsMacroActive(string name)
        {
            foreach (Frame frame in frames)
            {
                if (frame.MacroName == name)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Starts reading the board file itself from text already in memory.</summary>
        public void PushRootText(string text, string displayPath)
        {
            string fullPath = Path.GetFullPath(displayPath);
            CheckSize(text.Length, displayPath, SourceLocation.None);
            Push(new Frame { Text = text, FullPath = fullPath, DisplayPath = displayPath });
        }

        /// <summary>Starts reading the board file itself; messages name it <paramref name="displayPath"/>.</summary>
        public void PushRootFile(string path, string displayPath)
        {
            string fullPath = Path.GetFullPath(path);
            string text = ReadBounded(fullPath, displayPath, new SourceLocation(displayPath, 1, 1));
            Push(new Frame { Text = text, FullPath = fullPath, DisplayPath = displayPath });
        }

        /// <summary>Textual inclusion of a file named relative to the including file.</summary>
        public void PushInclude(string name, SourceLocation at)
        {
            if (name.Length == 0)
            {
                throw new DevicetreeException(at, "empty include file name: expected #include \"file.dtsi\" naming a file beside this one");
            }

            string includer = CurrentFullPath;
            string fullPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(includer) ?? ".", name));
            string displayDirectory = Path.GetDirectoryName(CurrentFile);
            string displayPath = (string.IsNullOrEmpty(displayDirectory) ? name : Path.Combine(displayDirectory, name)).Replace('\\', '/');

            List<Frame> files = frames.FindAll(f => f.FullPath != null);
            int depth = files.Count;
            if (files.Exists(f => string.Equals(f.FullPath, fullPath, StringComparison.Ordinal)))
            {
                List<string> chain = files.ConvertAll(f => f.DisplayPath);
                chain.Add(displayPath);
                throw new DevicetreeException(at, "include cycle: " + string.Join(" -> ", chain) + " (a file must not include itself, directly or through others)");
            }

            if (depth >= limits.MaxIncludeDepth)
            {
                throw new DevicetreeException(at, "includes nested deeper than " + limits.MaxIncludeDepth + " files: expected a shallow chain of .dtsi files");
            }

            if (!File.Exists(fullPath))
            {
                throw new DevicetreeException(at, "cannot find include file \"" + name + "\" (looked for " + fullPath + "): includes are resolved beside the including file");
            }

            PushFile(fullPath, displayPath, at);
        }

        private void PushFile(string fullPath, string displayPath, SourceLocation at)
        {
            List<Frame> files = frames.FindAll(f => f.FullPath != null);
            if (files.Exists(f => string.Equals(f.FullPath, fullPath, StringComparison.Ordinal)))
            {
                List<string> chain = files.ConvertAll(f => f.DisplayPath);
                chain.Add(displayPath);
                throw new DevicetreeException(at, "include cycle: " + string.Join(" -> ", chain) + " (a file must not include itself, directly or through others)");
            }

            if (files.Count >= limits.MaxIncludeDepth)
            {
                throw new DevicetreeException(at, "includes nested deeper than " + limits.MaxIncludeDepth + " files: expected a shallow chain of .dtsi files");
            }

            string text = ReadBounded(fullPath, displayPath, at);
            Push(new Frame { Text = text, FullPath = fullPath, DisplayPath = displayPath });
        }

        /// <summary>
        /// <c>#include &lt;name&gt;</c>: searched in the include directories, in order, like cpp's -I. Not found (or none
        /// given), it is skipped with a warning: such headers come with Zephyr, and what they define only matters to
        /// properties the tools do not need (a property that needs it reports its own error).
        /// </summary>
        public void PushSystemInclude(string name, SourceLocation at)
        {
            foreach (string directory in includeDirectories)
            {
                string candidate = Path.GetFullPath(Path.Combine(directory, name));
                if (File.Exists(candidate))
                {
                    PushFile(candidate, (Path.Combine(directory, name)).Replace('\\', '/'), at);
                    return;
                }
            }

            string where = includeDirectories.Count == 0
                ? "no --include-dir given"
                : "not found in --include-dir " + string.Join(", ", includeDirectories);
            Warn(at, "#include <" + name + "> skipped (" + where + "): it comes with Zephyr or the SoC's base devicetree; pass --include-dir DIR to resolve it"
                + (HasBase ? string.Empty : ", or --base build/zephyr/zephyr.dts for the whole tree"));
        }

        /// <summary>Starts reading the body of a macro used at <paramref name="useSite"/>.</summary>
        public void PushMacro(MacroDefinition macro, SourceLocation useSite)
        {
            int depth = 0;
            foreach (Frame frame in frames)
            {
                if (frame.MacroName != null)
                {
                    depth++;
                }
            }

            if (depth >= limits.MaxMacroDepth)
            {
                throw new DevicetreeException(useSite, "macro " + macro.Name + " expands through more than " + limits.MaxMacroDepth + " nested macros");
            }

            if (++macroExpansions > limits.MaxMacroExpansions)
            {
                throw new DevicetreeException(useSite, "more than " + limits.MaxMacroExpansions + " macro expansions: a macro probably expands into several copies of another");
            }

            Push(new Frame { Text = macro.Body, MacroName = macro.Name, UseSite = useSite, AtLineStart = false });
        }

        private string ReadBounded(string fullPath, string displayPath, SourceLocation at)
        {
            long length;
            try
            {
                length = new FileInfo(fullPath).Length;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new DevicetreeException(at, "cannot read " + displayPath + ": " + e.Message);
            }

            CheckSize(length, displayPath, at);
            try
            {
                return File.ReadAllText(fullPath);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new DevicetreeException(at, "cannot read " + displayPath + ": " + e.Message);
            }
        }

        private void CheckSize(long length, string displayPath, SourceLocation at)
        {
            SourceLocation where = at == SourceLocation.None ? new SourceLocation(displayPath, 1, 1) : at;
            if (length > limits.MaxFileBytes)
            {
                throw new DevicetreeException(where, displayPath + " is " + length + " bytes; a board file may have at most " + limits.MaxFileBytes + " bytes");
            }

            totalBytes += length;
            if (totalBytes > limits.MaxTotalBytes)
            {
                throw new DevicetreeException(where, "the board file and its includes exceed " + limits.MaxTotalBytes + " bytes in all (is a file included over and over?)");
            }
        }
    }
}
