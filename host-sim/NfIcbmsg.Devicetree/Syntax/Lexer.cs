using System;
using System.Globalization;
using System.Text;
using NfIcbmsg.Devicetree.Diagnostics;

namespace NfIcbmsg.Devicetree.Syntax
{
    /// <summary>
    /// Turns the characters of a <see cref="SourceStack"/> into tokens in the mode the parser asks for.
    /// Also does the preprocessing that real overlays rely on: comments, "#include", "/include/",
    /// "#define"/"#undef" of object-like macros (expanded in values and cells). Other preprocessor
    /// directives are refused with an error rather than silently ignored.
    /// </summary>
    public sealed class Lexer
    {
        private const string NameCharacters = ",._+*#?@-";

        /// <summary>Longest first, so that "&lt;&lt;" is not read as two "&lt;".</summary>
        private static readonly string[] s_cellOperators = { "<<", "<=", ">>", ">=", "==", "!=", "&&", "||", "<", ">", "!", "|", "^", "~", "+", "-", "*", "/", "%", "(", ")", "?", ":", "&" };

        private readonly SourceStack _source;
        private readonly MacroTable _macros;
        private readonly System.Collections.Generic.List<Conditional> _conditionals = new System.Collections.Generic.List<Conditional>();
        private Token? _peeked;
        private LexMode _peekedMode;

        public Lexer(SourceStack source, MacroTable macros)
        {
            this._source = source;
            this._macros = macros;
        }

        public MacroTable Macros
        {
            get { return _macros; }
        }

        /// <summary>The next token without consuming it. The following <see cref="Next"/> must use the same mode.</summary>
        public Token Peek(LexMode mode)
        {
            if (_peeked == null)
            {
                _peeked = Read(mode);
                _peekedMode = mode;
            }
            else if (_peekedMode != mode)
            {
                // The grammar is LL(1) per mode: peeking in one mode and consuming in another is a parser bug.
                throw new InvalidOperationException("token peeked in mode " + _peekedMode + " but requested in mode " + mode);
            }

            return _peeked;
        }

        public Token Next(LexMode mode)
        {
            Token token = Peek(mode);
            _peeked = null;
            return token;
        }

        private Token Read(LexMode mode)
        {
            while (true)
            {
                SkipTrivia();
                if (_source.FrameExhausted)
                {
                    SourceLocation end = _source.Location;
                    if (_source.PopExhausted())
                    {
                        continue;
                    }

                    CheckConditionalsClosed();
                    return new Token(TokenKind.EndOfInput, string.Empty, 0, end);
                }

                Token token;
                switch (mode)
                {
                    case LexMode.Structure:
                        token = ReadStructure();
                        if (token.Kind == TokenKind.Directive && token.Text == "/include/")
                        {
                            IncludeDirective(token.Location);
                            continue;
                        }

                        break;
                    case LexMode.Value:
                        token = ReadValue();
                        break;
                    case LexMode.Cells:
                        token = ReadCells();
                        break;
                    default:
                        token = ReadBytes();
                        break;
                }

                MacroDefinition? macro;
                if (token.Kind == TokenKind.Identifier && _macros.TryGet(token.Text, out macro) && !_source.IsMacroActive(macro.Name))
                {
                    if (macro.Parameters == null)
                    {
                        _source.PushMacro(macro, token.Location);
                        continue;
                    }

                    // A function-like macro's name without '(' after it is a plain identifier, as in cpp.
                    string[]? arguments = ReadMacroArguments(macro, token.Location);
                    if (arguments != null)
                    {
                        _source.PushMacro(macro with { Body = Substitute(macro, arguments) }, token.Location);
                        continue;
                    }
                }

                return token;
            }
        }

        /// <summary>
        /// The arguments of a function-like macro use, read from the current frame: '(' (after blanks), then
        /// text split at top-level commas up to the matching ')'. Null when no '(' follows.
        /// </summary>
        private string[]? ReadMacroArguments(MacroDefinition macro, SourceLocation at)
        {
            int ahead = 0;
            while (_source.Peek(ahead) == ' ' || _source.Peek(ahead) == '\t')
            {
                ahead++;
            }

            if (_source.Peek(ahead) != '(')
            {
                return null;
            }

            for (int i = 0; i <= ahead; i++)
            {
                _source.Advance();
            }

            System.Collections.Generic.List<string> arguments = new System.Collections.Generic.List<string>();
            StringBuilder current = new StringBuilder();
            int depth = 0;
            while (true)
            {
                if (_source.FrameExhausted || _source.Peek() == ';' || _source.Peek() == '{')
                {
                    throw new DevicetreeException(at, "expected ')' closing the arguments of macro " + macro.Name + "(...) on the same line");
                }

                char c = (char)_source.Advance();
                if (c == ')' && depth == 0)
                {
                    break;
                }

                if (c == ',' && depth == 0)
                {
                    arguments.Add(current.ToString().Trim());
                    current.Clear();
                    continue;
                }

                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                current.Append(c);
            }

            arguments.Add(current.ToString().Trim());
            // Only function-like macros (Parameters set) get here: Read pushes object-like ones directly.
            if (macro.Parameters!.Count == 0 && arguments.Count == 1 && arguments[0].Length == 0)
            {
                arguments.Clear();
            }

            if (arguments.Count != macro.Parameters.Count)
            {
                throw new DevicetreeException(at, "macro " + macro.Name + " takes " + macro.Parameters.Count + " argument(s) (defined at " + macro.Location + "), found " + arguments.Count);
            }

            return arguments.ToArray();
        }

        /// <summary>The body with each parameter name (as a whole identifier) replaced by its argument.</summary>
        private static string Substitute(MacroDefinition macro, string[] arguments)
        {
            StringBuilder result = new StringBuilder();
            string body = macro.Body;
            int i = 0;
            while (i < body.Length)
            {
                if (IsIdentifierStart(body[i]))
                {
                    int start = i;
                    while (i < body.Length && (IsIdentifierStart(body[i]) || IsDigit(body[i])))
                    {
                        i++;
                    }

                    string word = body.Substring(start, i - start);
                    int index = -1;
                    // A function-like macro (Parameters set): only those take arguments.
                    for (int k = 0; k < macro.Parameters!.Count; k++)
                    {
                        if (macro.Parameters[k] == word)
                        {
                            index = k;
                        }
                    }

                    result.Append(index >= 0 ? arguments[index] : word);
                    continue;
                }

                result.Append(body[i]);
                i++;
            }

            return result.ToString();
        }

        /// <summary>
        /// Discards the rest of a property's value up to and including its ';' (strings and comments
        /// respected). Used for a value that names something this file does not define: the parser keeps
        /// the property as unresolved instead of failing the file.
        /// </summary>
        public void SkipRestOfProperty(SourceLocation property)
        {
            Token? pending = _peeked;
            _peeked = null;
            if (pending != null && pending.Is(";"))
            {
                return;
            }

            while (true)
            {
                if (_source.FrameExhausted)
                {
                    if (_source.PopExhausted())
                    {
                        continue;
                    }

                    throw new DevicetreeException(property, "unexpected end of file in the value of the property that starts here: expected ';'");
                }

                int c = _source.Peek();
                if (c == ';')
                {
                    _source.Advance();
                    return;
                }

                if (c == '{' || c == '}')
                {
                    throw new DevicetreeException(_source.Location, "expected ';' ending the property that starts at " + property + ", found '" + (char)c + "'");
                }

                if (c == '"')
                {
                    ReadString();
                }
                else if (c == '/' && (_source.Peek(1) == '*' || _source.Peek(1) == '/'))
                {
                    SkipTrivia();
                }
                else
                {
                    _source.Advance();
                }
            }
        }

        private void SkipTrivia()
        {
            while (!_source.FrameExhausted)
            {
                int c = _source.Peek();
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')
                {
                    _source.Advance();
                }
                else if (AtLineContinuation())
                {
                    // A line continuation outside a directive is whitespace to the preprocessor.
                    bool atLineStart = _source.AtLineStart;
                    SkipLineContinuation();
                    _source.AtLineStart = atLineStart;
                }
                else if (c == '/' && _source.Peek(1) == '/')
                {
                    while (!_source.FrameExhausted && _source.Peek() != '\n')
                    {
                        _source.Advance();
                    }
                }
                else if (c == '/' && _source.Peek(1) == '*')
                {
                    SkipBlockComment();
                }
                else if (c == '#' && _source.AtLineStart && !_source.InMacro && TryDirective())
                {
                    continue;
                }
                else
                {
                    return;
                }
            }
        }

        /// <summary>A backslash that ends its line (LF or CRLF) joins the next line to this one.</summary>
        private bool AtLineContinuation()
        {
            return _source.Peek() == '\\' && (_source.Peek(1) == '\n' || (_source.Peek(1) == '\r' && _source.Peek(2) == '\n'));
        }

        private void SkipLineContinuation()
        {
            while (_source.Peek() != '\n')
            {
                _source.Advance();
            }

            _source.Advance();
        }

        private void SkipBlockComment()
        {
            SourceLocation start = _source.Location;
            bool atLineStart = _source.AtLineStart;
            bool sawNewline = false;
            _source.Advance();
            _source.Advance();
            while (true)
            {
                if (_source.FrameExhausted)
                {
                    throw new DevicetreeException(start, "unterminated comment: expected '*/' before the end of the file");
                }

                if (_source.Peek() == '*' && _source.Peek(1) == '/')
                {
                    _source.Advance();
                    _source.Advance();
                    break;
                }

                if (_source.Advance() == '\n')
                {
                    sawNewline = true;
                }
            }

            // Like the preprocessor, a comment counts as blank space when deciding whether '#' starts a directive.
            _source.AtLineStart = atLineStart || sawNewline;
        }

        /// <summary>Handles a preprocessor directive if '#' starts one; "#address-cells" and the like are names, not directives.</summary>
        private bool TryDirective()
        {
            int i = 1;
            while (_source.Peek(i) == ' ' || _source.Peek(i) == '\t')
            {
                i++;
            }

            StringBuilder word = new StringBuilder();
            while (IsAsciiLetter(_source.Peek(i)))
            {
                word.Append((char)_source.Peek(i));
                i++;
            }

            if (IsNameCharacter(_source.Peek(i)))
            {
                return false;
            }

            string directive = word.ToString();
            switch (directive)
            {
                case "include":
                case "define":
                case "undef":
                case "ifdef":
                case "ifndef":
                case "else":
                case "endif":
                    break;
                case "if":
                case "elif":
                    throw new DevicetreeException(_source.Location, "preprocessor directive #" + directive + " is not supported: board files may use #include, #define, #undef, #ifdef, #ifndef, #else and #endif");
                case "error":
                case "warning":
                case "pragma":
                case "line":
                    throw new DevicetreeException(_source.Location, "preprocessor directive #" + directive + " is not supported: board files may use #include, #define, #undef, #ifdef, #ifndef, #else and #endif");
                default:
                    return false;
            }

            SourceLocation at = _source.Location;
            for (int k = 0; k < i; k++)
            {
                _source.Advance();
            }

            string rest = ReadDirectiveLine().Trim();
            if (directive == "include" && rest.StartsWith('<'))
            {
                int close = rest.IndexOf('>');
                if (close < 2 || rest.Substring(close + 1).Trim().Length != 0)
                {
                    throw new DevicetreeException(at, "expected #include <path/file.h> with the name between '<' and '>' and nothing after it");
                }

                _source.PushSystemInclude(rest.Substring(1, close - 1), at);
            }
            else if (directive == "include")
            {
                _source.PushInclude(ParseIncludeName(rest, at, "#include"), at);
            }
            else if (directive == "ifdef" || directive == "ifndef")
            {
                string name = ReadIdentifierAtStart(rest);
                if (name.Length == 0 || name.Length != rest.Length)
                {
                    throw new DevicetreeException(at, "expected one macro name after #" + directive);
                }

                bool taken = _macros.TryGet(name, out _) == (directive == "ifdef");
                _conditionals.Add(new Conditional(at, taken));
                if (!taken)
                {
                    SkipInactiveLines();
                }
            }
            else if (directive == "else" || directive == "endif")
            {
                if (_conditionals.Count == 0)
                {
                    throw new DevicetreeException(at, "#" + directive + " without #ifdef or #ifndef");
                }

                // Reached while active: the branch that ran ends here; an #else branch is skipped.
                if (directive == "endif")
                {
                    _conditionals.RemoveAt(_conditionals.Count - 1);
                }
                else
                {
                    SkipInactiveLines();
                }
            }
            else if (directive == "define")
            {
                Define(rest, at);
            }
            else
            {
                string name = ReadIdentifierAtStart(rest);
                if (name.Length == 0 || name.Length != rest.Length)
                {
                    throw new DevicetreeException(at, "expected a macro name after #undef");
                }

                _macros.Undefine(name);
            }

            return true;
        }

        /// <summary>An open #ifdef/#ifndef: where, and whether its first branch was taken.</summary>
        private sealed record Conditional(SourceLocation Location, bool Taken);

        /// <summary>
        /// Skips the lines of a branch not taken, up to the #else or #endif that closes it (nested
        /// conditionals inside are skipped whole). At #else of a branch not taken, reading resumes.
        /// </summary>
        private void SkipInactiveLines()
        {
            int depth = 0;
            while (!_source.FrameExhausted)
            {
                string line = ReadDirectiveLine().Trim();
                if (!line.StartsWith('#'))
                {
                    continue;
                }

                string word = ReadIdentifierAtStart(line.Substring(1).TrimStart());
                if (word == "if" || word == "ifdef" || word == "ifndef")
                {
                    depth++;
                }
                else if (word == "endif" && depth > 0)
                {
                    depth--;
                }
                else if (word == "endif")
                {
                    _conditionals.RemoveAt(_conditionals.Count - 1);
                    _source.AtLineStart = true;
                    return;
                }
                else if (word == "else" && depth == 0 && !_conditionals[_conditionals.Count - 1].Taken)
                {
                    _conditionals[_conditionals.Count - 1] = _conditionals[_conditionals.Count - 1] with { Taken = true };
                    _source.AtLineStart = true;
                    return;
                }
            }

            Conditional open = _conditionals[_conditionals.Count - 1];
            throw new DevicetreeException(open.Location, "#ifdef/#ifndef is not closed: expected #endif before the end of " + open.Location.File);
        }

        /// <summary>At the end of the input every #ifdef/#ifndef must have been closed.</summary>
        private void CheckConditionalsClosed()
        {
            if (_conditionals.Count > 0)
            {
                Conditional open = _conditionals[_conditionals.Count - 1];
                throw new DevicetreeException(open.Location, "#ifdef/#ifndef is not closed: expected #endif before the end of " + open.Location.File);
            }
        }

        private void Define(string rest, SourceLocation at)
        {
            string name = ReadIdentifierAtStart(rest);
            if (name.Length == 0)
            {
                throw new DevicetreeException(at, "expected a macro name after #define (a letter or '_', then letters, digits, '_')");
            }

            if (rest.Length > name.Length && rest[name.Length] == '(')
            {
                int close = rest.IndexOf(')', name.Length);
                if (close < 0)
                {
                    throw new DevicetreeException(at, "expected ')' closing the parameter list of macro " + name + "(...)");
                }

                string[] parameters = rest.Substring(name.Length + 1, close - name.Length - 1).Split(',', StringSplitOptions.TrimEntries);
                if (parameters.Length == 1 && parameters[0].Length == 0)
                {
                    parameters = new string[0];
                }

                foreach (string parameter in parameters)
                {
                    if (!IsIdentifier(parameter))
                    {
                        throw new DevicetreeException(at, "parameter '" + parameter + "' of macro " + name + "(...) is not a name: expected #define " + name + "(a, b) body (variadic macros are not supported)");
                    }
                }

                _macros.Define(new MacroDefinition(name, rest.Substring(close + 1).Trim(), at) { Parameters = parameters });
                return;
            }

            if (rest.Length > name.Length && !char.IsWhiteSpace(rest[name.Length]))
            {
                throw new DevicetreeException(at, "expected a space between the macro name " + name + " and its value");
            }

            _macros.Define(new MacroDefinition(name, rest.Substring(name.Length).Trim(), at));
        }

        private static string ParseIncludeName(string rest, SourceLocation at, string directive)
        {
            if (rest.StartsWith('<'))
            {
                throw new DevicetreeException(at, directive + " <...> searches system include directories, which board tools do not have: use " + directive + " \"file.dtsi\" with the file beside this one");
            }

            int close = rest.IndexOf('"', 1);
            if (!rest.StartsWith('"') || close < 0)
            {
                throw new DevicetreeException(at, "expected a quoted file name after " + directive + ", as in " + directive + " \"board.dtsi\"");
            }

            if (rest.Substring(close + 1).Trim().Length != 0)
            {
                throw new DevicetreeException(at, "unexpected text after " + directive + " \"" + rest.Substring(1, close - 1) + "\": expected the end of the line");
            }

            return rest.Substring(1, close - 1);
        }

        private void IncludeDirective(SourceLocation at)
        {
            SkipTrivia();
            if (_source.Peek() != '"')
            {
                throw new DevicetreeException(_source.Location, "expected a quoted file name after /include/, as in /include/ \"board.dtsi\"");
            }

            Token name = ReadString();
            _source.PushInclude(name.Text, at);
        }

        /// <summary>The rest of a directive's logical line (continuations joined, comments blanked); consumes the newline.</summary>
        private string ReadDirectiveLine()
        {
            StringBuilder text = new StringBuilder();
            while (!_source.FrameExhausted)
            {
                int c = _source.Peek();
                if (c == '\n')
                {
                    _source.Advance();
                    break;
                }

                if (AtLineContinuation())
                {
                    SkipLineContinuation();
                    text.Append(' ');
                    continue;
                }

                if (c == '/' && _source.Peek(1) == '/')
                {
                    while (!_source.FrameExhausted && _source.Peek() != '\n')
                    {
                        _source.Advance();
                    }

                    continue;
                }

                if (c == '/' && _source.Peek(1) == '*')
                {
                    SkipBlockComment();
                    text.Append(' ');
                    continue;
                }

                if (c == '"')
                {
                    // Keep strings whole so that "//" inside a file name is not taken for a comment.
                    text.Append('"');
                    _source.Advance();
                    while (!_source.FrameExhausted && _source.Peek() != '"' && _source.Peek() != '\n')
                    {
                        text.Append((char)_source.Advance());
                    }

                    if (_source.Peek() == '"')
                    {
                        text.Append((char)_source.Advance());
                    }

                    continue;
                }

                text.Append((char)_source.Advance());
            }

            return text.ToString();
        }

        private Token ReadStructure()
        {
            SourceLocation at = _source.Location;
            int c = _source.Peek();
            Token? shared = ReadShared(c, at);
            if (shared != null)
            {
                return shared;
            }

            if (IsNameCharacter(c))
            {
                StringBuilder name = new StringBuilder();
                while (IsNameCharacter(_source.Peek()))
                {
                    name.Append((char)_source.Advance());
                }

                string text = name.ToString();
                if (_source.Peek() == ':' && IsIdentifier(text))
                {
                    _source.Advance();
                    return new Token(TokenKind.Label, text, 0, at);
                }

                return new Token(TokenKind.Name, text, 0, at);
            }

            throw Unexpected(c, at, "a node or property name, a label, '&label', '}' or a /directive/");
        }

        /// <summary>Punctuation, strings, references and directives read alike in structure and value mode; null for anything else.</summary>
        private Token? ReadShared(int c, SourceLocation at)
        {
            switch (c)
            {
                case '{':
                case '}':
                case ';':
                case '=':
                case '<':
                case '>':
                case '[':
                case ']':
                    _source.Advance();
                    return Punctuation(((char)c).ToString(), at);
                case '"':
                    return ReadString();
                case '&':
                    return ReadReference();
                case '/':
                    return ReadSlash(at);
                default:
                    return null;
            }
        }

        private Token ReadSlash(SourceLocation at)
        {
            _source.Advance();
            if (!IsAsciiLetter(_source.Peek()))
            {
                return Punctuation("/", at);
            }

            StringBuilder word = new StringBuilder("/");
            while (IsAsciiLetter(_source.Peek()) || IsDigit(_source.Peek()) || _source.Peek() == '-')
            {
                word.Append((char)_source.Advance());
            }

            if (_source.Peek() != '/')
            {
                throw new DevicetreeException(at, "expected a directive such as /dts-v1/, /delete-node/ or /delete-property/, found '" + word + "'");
            }

            _source.Advance();
            word.Append('/');
            return new Token(TokenKind.Directive, word.ToString(), 0, at);
        }

        private Token ReadValue()
        {
            SourceLocation at = _source.Location;
            int c = _source.Peek();
            if (c == ',')
            {
                _source.Advance();
                return Punctuation(",", at);
            }

            Token? shared = ReadShared(c, at);
            if (shared != null)
            {
                return shared;
            }

            if (IsIdentifierStart(c))
            {
                Token identifier = ReadIdentifier(at);
                if (_source.Peek() == ':')
                {
                    _source.Advance();
                    return new Token(TokenKind.Label, identifier.Text, 0, at);
                }

                return identifier;
            }

            if (IsNameCharacter(c))
            {
                // Not valid here; read it whole so that the parser's message quotes it.
                StringBuilder text = new StringBuilder();
                while (IsNameCharacter(_source.Peek()))
                {
                    text.Append((char)_source.Advance());
                }

                return new Token(TokenKind.Name, text.ToString(), 0, at);
            }

            throw Unexpected(c, at, "a property value: \"string\", <cells>, [bytes] or &label");
        }

        private Token ReadCells()
        {
            SourceLocation at = _source.Location;
            int c = _source.Peek();
            if (IsDigit(c))
            {
                return ReadNumber(at);
            }

            if (c == '\'')
            {
                return ReadCharacter(at);
            }

            if (IsIdentifierStart(c))
            {
                return ReadIdentifier(at);
            }

            if (c == '&')
            {
                int next = _source.Peek(1);
                if (next == '{' || IsIdentifierStart(next))
                {
                    return ReadReference();
                }
            }

            foreach (string op in s_cellOperators)
            {
                bool match = true;
                for (int i = 0; i < op.Length; i++)
                {
                    if (_source.Peek(i) != op[i])
                    {
                        match = false;
                        break;
                    }
                }

                if (match)
                {
                    for (int i = 0; i < op.Length; i++)
                    {
                        _source.Advance();
                    }

                    return Punctuation(op, at);
                }
            }

            throw Unexpected(c, at, "a cell: a number, a 'c'haracter, a (parenthesized expression), &label or '>'");
        }

        private Token ReadBytes()
        {
            SourceLocation at = _source.Location;
            int c = _source.Peek();
            if (c == ']')
            {
                _source.Advance();
                return Punctuation("]", at);
            }

            if (HexValue(c) >= 0)
            {
                int high = HexValue(_source.Advance());
                int low = HexValue(_source.Peek());
                if (low < 0)
                {
                    throw new DevicetreeException(at, "a byte string needs two hexadecimal digits per byte, as in [00 1f a0]");
                }

                _source.Advance();
                return new Token(TokenKind.Byte, ((high << 4) | low).ToString("x2", CultureInfo.InvariantCulture), (ulong)((high << 4) | low), at);
            }

            throw Unexpected(c, at, "two hexadecimal digits or ']'");
        }

        private Token ReadIdentifier(SourceLocation at)
        {
            StringBuilder text = new StringBuilder();
            while (IsIdentifierStart(_source.Peek()) || IsDigit(_source.Peek()))
            {
                text.Append((char)_source.Advance());
            }

            return new Token(TokenKind.Identifier, text.ToString(), 0, at);
        }

        private Token ReadReference()
        {
            SourceLocation at = _source.Location;
            _source.Advance();
            if (_source.Peek() == '{')
            {
                _source.Advance();
                StringBuilder path = new StringBuilder();
                while (!_source.FrameExhausted && _source.Peek() != '}' && _source.Peek() != '\n')
                {
                    path.Append((char)_source.Advance());
                }

                if (_source.Peek() != '}')
                {
                    throw new DevicetreeException(at, "expected '}' closing the path reference &{" + path + "");
                }

                _source.Advance();
                if (path.Length == 0 || path[0] != '/')
                {
                    throw new DevicetreeException(at, "a path reference must be an absolute path, as in &{/soc/mailbox}");
                }

                return new Token(TokenKind.PathReference, path.ToString(), 0, at);
            }

            if (!IsIdentifierStart(_source.Peek()))
            {
                throw new DevicetreeException(at, "expected a label after '&' (a letter or '_', then letters, digits, '_'), or &{/path}");
            }

            Token label = ReadIdentifier(at);
            return new Token(TokenKind.Reference, label.Text, 0, at);
        }

        private Token ReadString()
        {
            SourceLocation at = _source.Location;
            _source.Advance();
            StringBuilder text = new StringBuilder();
            while (true)
            {
                if (_source.FrameExhausted || _source.Peek() == '\n')
                {
                    throw new DevicetreeException(at, "unterminated string: expected a closing '\"' on the same line");
                }

                int c = _source.Advance();
                if (c == '"')
                {
                    return new Token(TokenKind.String, text.ToString(), 0, at);
                }

                text.Append(c == '\\' ? (char)ReadEscape(at) : (char)c);
            }
        }

        private Token ReadCharacter(SourceLocation at)
        {
            _source.Advance();
            if (_source.FrameExhausted || _source.Peek() == '\'' || _source.Peek() == '\n')
            {
                throw new DevicetreeException(at, "expected one character between quotes, as in 'a' or '\\n'");
            }

            int c = _source.Advance();
            int value = c == '\\' ? ReadEscape(at) : c;
            if (_source.Peek() != '\'')
            {
                throw new DevicetreeException(at, "expected a closing ' after one character (a character literal holds exactly one)");
            }

            _source.Advance();
            return new Token(TokenKind.Number, "'" + (char)value + "'", (ulong)value, at);
        }

        private int ReadEscape(SourceLocation at)
        {
            if (_source.FrameExhausted)
            {
                throw new DevicetreeException(at, "unterminated escape sequence at the end of the file");
            }

            int c = _source.Advance();
            switch (c)
            {
                case 'n': return '\n';
                case 't': return '\t';
                case 'r': return '\r';
                case 'a': return 7;
                case 'b': return 8;
                case 'f': return 12;
                case 'v': return 11;
                case '\\': return '\\';
                case '\'': return '\'';
                case '"': return '"';
                case 'x':
                {
                    int value = 0;
                    int digits = 0;
                    while (digits < 2 && HexValue(_source.Peek()) >= 0)
                    {
                        value = (value << 4) | HexValue(_source.Advance());
                        digits++;
                    }

                    if (digits == 0)
                    {
                        throw new DevicetreeException(at, "expected hexadecimal digits after \\x");
                    }

                    return value;
                }
            }

            if (c >= '0' && c <= '7')
            {
                int value = c - '0';
                int digits = 1;
                while (digits < 3 && _source.Peek() >= '0' && _source.Peek() <= '7')
                {
                    value = (value << 3) | (_source.Advance() - '0');
                    digits++;
                }

                return value;
            }

            throw new DevicetreeException(at, "unknown escape sequence '\\" + (char)c + "': expected \\n, \\t, \\r, \\\\, \\\", \\', \\xHH or \\ooo");
        }

        private Token ReadNumber(SourceLocation at)
        {
            StringBuilder text = new StringBuilder();
            while (IsIdentifierStart(_source.Peek()) || IsDigit(_source.Peek()))
            {
                text.Append((char)_source.Advance());
            }

            string spelled = text.ToString();
            ulong value;
            if (!TryParseInteger(spelled, out value, out bool overflow))
            {
                string reason = overflow ? "does not fit in 64 bits" : "is not a number";
                throw new DevicetreeException(at, "bad number '" + spelled + "' " + reason + ": expected a decimal (42), hexadecimal (0x2a), octal (052) or binary (0b101010) integer");
            }

            return new Token(TokenKind.Number, spelled, value, at);
        }

        /// <summary>C integer literal syntax with the U/L suffixes dtc accepts.</summary>
        private static bool TryParseInteger(string text, out ulong value, out bool overflow)
        {
            value = 0;
            overflow = false;
            string digits = text;
            int suffix = 0;
            while (digits.Length > 1 && suffix < 3 && "uUlL".IndexOf(digits[digits.Length - 1]) >= 0)
            {
                digits = digits.Substring(0, digits.Length - 1);
                suffix++;
            }

            int radix = 10;
            if (digits.Length > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X'))
            {
                radix = 16;
                digits = digits.Substring(2);
            }
            else if (digits.Length > 2 && digits[0] == '0' && (digits[1] == 'b' || digits[1] == 'B'))
            {
                radix = 2;
                digits = digits.Substring(2);
            }
            else if (digits.Length > 1 && digits[0] == '0')
            {
                radix = 8;
                digits = digits.Substring(1);
            }

            if (digits.Length == 0)
            {
                return false;
            }

            foreach (char d in digits)
            {
                int digit = HexValue(d);
                if (digit < 0 || digit >= radix)
                {
                    return false;
                }

                if (value > (ulong.MaxValue - (ulong)digit) / (ulong)radix)
                {
                    overflow = true;
                    return false;
                }

                value = value * (ulong)radix + (ulong)digit;
            }

            return true;
        }

        private static Token Punctuation(string text, SourceLocation at)
        {
            return new Token(TokenKind.Punctuation, text, 0, at);
        }

        private static DevicetreeException Unexpected(int c, SourceLocation at, string expected)
        {
            string shown = c < 32 || c > 126 ? "U+" + c.ToString("X4", CultureInfo.InvariantCulture) : "'" + (char)c + "'";
            return new DevicetreeException(at, "unexpected character " + shown + ": expected " + expected);
        }

        private static string ReadIdentifierAtStart(string text)
        {
            int i = 0;
            while (i < text.Length && (IsIdentifierStart(text[i]) || (i > 0 && IsDigit(text[i]))))
            {
                i++;
            }

            return text.Substring(0, i);
        }

        private static bool IsIdentifier(string text)
        {
            return text.Length > 0 && ReadIdentifierAtStart(text).Length == text.Length;
        }

        private static bool IsAsciiLetter(int c)
        {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }

        private static bool IsDigit(int c)
        {
            return c >= '0' && c <= '9';
        }

        private static bool IsIdentifierStart(int c)
        {
            return IsAsciiLetter(c) || c == '_';
        }

        private static bool IsNameCharacter(int c)
        {
            return IsAsciiLetter(c) || IsDigit(c) || (c > 0 && NameCharacters.IndexOf((char)c) >= 0);
        }

        private static int HexValue(int c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }
    }
}
