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
        private readonly List<Frame> _frames = new List<Frame>();
        private readonly ReadLimits _limits;
        private readonly IReadOnlyList<string> _includeDirectories;
        private readonly List<Diagnostic> _warnings;
        private long _totalBytes;
        private int _macroExpansions;

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
            this._limits = limits;
            this._includeDirectories = includeDirectories;
            this._warnings = warnings;
            HasBase = hasBase;
        }

        /// <summary>A base devicetree is read with the overlay (messages then need not suggest --base).</summary>
        public bool HasBase { get; }

        /// <summary>Non-fatal findings of preprocessing (skipped includes, macros left unexpanded).</summary>
        public void Warn(SourceLocation at, string message)
        {
            _warnings.Add(Diagnostic.Warning(at, null, null, message));
        }

        private sealed class Frame
        {
            public required string Text;
            public int Position;
            public int Line = 1;
            public int Column = 1;
            public bool AtLineStart = true;

            /// <summary>Full path for a file frame, null for a macro frame.</summary>
            public string? FullPath;

            /// <summary>Display path of a file frame; a macro frame carries the file of its use site (never shown).</summary>
            public required string DisplayPath;

            /// <summary>Macro name for a macro frame.</summary>
            public string? MacroName;

            /// <summary>Where the macro is used: every token of its body is reported there.</summary>
            public SourceLocation? UseSite;
        }

        /// <summary>
        /// The innermost frame, kept in a field: the lexer asks for it several times per character. Before the first
        /// push it is an empty frame, which reads as end of input.
        /// </summary>
        private Frame _top = new Frame { Text = string.Empty, DisplayPath = "<none>" };

        private Frame Top
        {
            get { return _top; }
        }

        private void Push(Frame frame)
        {
            _frames.Add(frame);
            _top = frame;
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
                for (int i = _frames.Count - 1; i >= 0; i--)
                {
                    if (_frames[i].FullPath != null)
                    {
                        return _frames[i].DisplayPath;
                    }
                }

                return "<none>";
            }
        }

        private string? CurrentFullPath
        {
            get
            {
                for (int i = _frames.Count - 1; i >= 0; i--)
                {
                    if (_frames[i].FullPath != null)
                    {
                        return _frames[i].FullPath;
                    }
                }

                return null;
            }
        }

        public SourceLocation Location
        {
            get
            {
                // A macro frame always has its UseSite: PushMacro sets both.
                return _top.MacroName != null ? _top.UseSite! : new SourceLocation(_top.DisplayPath, _top.Line, _top.Column);
            }
        }

        /// <summary>The character <paramref name="ahead"/> places on in the current frame, or -1 past its end.</summary>
        public int Peek(int ahead = 0)
        {
            int index = _top.Position + ahead;
            return index < _top.Text.Length ? _top.Text[index] : -1;
        }

        public bool FrameExhausted
        {
            get { return Top.Position >= Top.Text.Length; }
        }

        public int Advance()
        {
            char c = _top.Text[_top.Position++];
            if (c == '\n')
            {
                _top.Line++;
                _top.Column = 1;
                _top.AtLineStart = true;
            }
            else
            {
                _top.Column++;
                if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v')
                {
                    _top.AtLineStart = false;
                }
            }

            return c;
        }

        /// <summary>Leaves an exhausted frame; false when it was the board file itself (end of input).</summary>
        public bool PopExhausted()
        {
            if (_frames.Count <= 1)
            {
                return false;
            }

            _frames.RemoveAt(_frames.Count - 1);
            _top = _frames[_frames.Count - 1];
            return true;
        }

        public bool IsMacroActive(string name)
        {
            foreach (Frame frame in _frames)
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

            string? includer = CurrentFullPath;
            string fullPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(includer) ?? ".", name));
            string? displayDirectory = Path.GetDirectoryName(CurrentFile);
            string displayPath = (string.IsNullOrEmpty(displayDirectory) ? name : Path.Combine(displayDirectory, name)).Replace('\\', '/');

            List<Frame> files = _frames.FindAll(f => f.FullPath != null);
            int depth = files.Count;
            if (files.Exists(f => string.Equals(f.FullPath, fullPath, StringComparison.Ordinal)))
            {
                List<string> chain = files.ConvertAll(f => f.DisplayPath);
                chain.Add(displayPath);
                throw new DevicetreeException(at, "include cycle: " + string.Join(" -> ", chain) + " (a file must not include itself, directly or through others)");
            }

            if (depth >= _limits.MaxIncludeDepth)
            {
                throw new DevicetreeException(at, "includes nested deeper than " + _limits.MaxIncludeDepth + " files: expected a shallow chain of .dtsi files");
            }

            if (!File.Exists(fullPath))
            {
                throw new DevicetreeException(at, "cannot find include file \"" + name + "\" (looked for " + fullPath + "): includes are resolved beside the including file");
            }

            PushFile(fullPath, displayPath, at);
        }

        private void PushFile(string fullPath, string displayPath, SourceLocation at)
        {
            List<Frame> files = _frames.FindAll(f => f.FullPath != null);
            if (files.Exists(f => string.Equals(f.FullPath, fullPath, StringComparison.Ordinal)))
            {
                List<string> chain = files.ConvertAll(f => f.DisplayPath);
                chain.Add(displayPath);
                throw new DevicetreeException(at, "include cycle: " + string.Join(" -> ", chain) + " (a file must not include itself, directly or through others)");
            }

            if (files.Count >= _limits.MaxIncludeDepth)
            {
                throw new DevicetreeException(at, "includes nested deeper than " + _limits.MaxIncludeDepth + " files: expected a shallow chain of .dtsi files");
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
            foreach (string directory in _includeDirectories)
            {
                string candidate = Path.GetFullPath(Path.Combine(directory, name));
                if (File.Exists(candidate))
                {
                    PushFile(candidate, (Path.Combine(directory, name)).Replace('\\', '/'), at);
                    return;
                }
            }

            string where = _includeDirectories.Count == 0
                ? "no --include-dir given"
                : "not found in --include-dir " + string.Join(", ", _includeDirectories);
            Warn(at, "#include <" + name + "> skipped (" + where + "): it comes with Zephyr or the SoC's base devicetree; pass --include-dir DIR to resolve it"
                + (HasBase ? string.Empty : ", or --base build/zephyr/zephyr.dts for the whole tree"));
        }

        /// <summary>Starts reading the body of a macro used at <paramref name="useSite"/>.</summary>
        public void PushMacro(MacroDefinition macro, SourceLocation useSite)
        {
            int depth = 0;
            foreach (Frame frame in _frames)
            {
                if (frame.MacroName != null)
                {
                    depth++;
                }
            }

            if (depth >= _limits.MaxMacroDepth)
            {
                throw new DevicetreeException(useSite, "macro " + macro.Name + " expands through more than " + _limits.MaxMacroDepth + " nested macros");
            }

            if (++_macroExpansions > _limits.MaxMacroExpansions)
            {
                throw new DevicetreeException(useSite, "more than " + _limits.MaxMacroExpansions + " macro expansions: a macro probably expands into several copies of another");
            }

            Push(new Frame { Text = macro.Body, DisplayPath = useSite.File, MacroName = macro.Name, UseSite = useSite, AtLineStart = false });
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
            if (length > _limits.MaxFileBytes)
            {
                throw new DevicetreeException(where, displayPath + " is " + length + " bytes; a board file may have at most " + _limits.MaxFileBytes + " bytes");
            }

            _totalBytes += length;
            if (_totalBytes > _limits.MaxTotalBytes)
            {
                throw new DevicetreeException(where, "the board file and its includes exceed " + _limits.MaxTotalBytes + " bytes in all (is a file included over and over?)");
            }
        }
    }
}
