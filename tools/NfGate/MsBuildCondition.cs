using System;
using System.Collections.Generic;
using System.IO;

namespace NfGate
{
    /// <summary>
    /// Evaluates the MSBuild conditions nanoFramework project files use: quoted or bare values compared with
    /// == / != (text) or &lt; &gt; &lt;= &gt;= (numbers), Exists('path'), !, and, or (short-circuit, as in MSBuild),
    /// parentheses. Anything else is reported rather than guessed.
    /// </summary>
    public static class MsBuildCondition
    {
        public static bool Evaluate(string? condition, MsBuildProperties properties, string baseDirectory)
        {
            if (string.IsNullOrWhiteSpace(condition))
            {
                return true;
            }

            Parser parser = new Parser(Tokenize(condition), properties, baseDirectory, condition);
            bool value = parser.ParseOr();
            parser.ExpectEnd();
            return value;
        }

        private enum TokenKind { Value, Quoted, Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual, Not, Open, Close, End }

        private readonly record struct Token(TokenKind Kind, string Text);

        private static List<Token> Tokenize(string text)
        {
            List<Token> tokens = new List<Token>();
            int i = 0;
            while (i < text.Length)
            {
                char c = text[i];
                if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (c == '\'')
                {
                    int end = text.IndexOf('\'', i + 1);
                    if (end < 0)
                    {
                        throw new UnsupportedMsBuildException($"condition \"{text}\" has an unterminated quote");
                    }

                    tokens.Add(new Token(TokenKind.Quoted, text.Substring(i + 1, end - i - 1)));
                    i = end + 1;
                }
                else if (c == '=' && i + 1 < text.Length && text[i + 1] == '=')
                {
                    tokens.Add(new Token(TokenKind.Equal, "=="));
                    i += 2;
                }
                else if (c == '!' && i + 1 < text.Length && text[i + 1] == '=')
                {
                    tokens.Add(new Token(TokenKind.NotEqual, "!="));
                    i += 2;
                }
                else if (c is '<' or '>')
                {
                    bool orEqual = i + 1 < text.Length && text[i + 1] == '=';
                    TokenKind kind = c == '<' ? (orEqual ? TokenKind.LessOrEqual : TokenKind.Less) : (orEqual ? TokenKind.GreaterOrEqual : TokenKind.Greater);
                    tokens.Add(new Token(kind, orEqual ? c + "=" : c.ToString()));
                    i += orEqual ? 2 : 1;
                }
                else if (c == '!')
                {
                    tokens.Add(new Token(TokenKind.Not, "!"));
                    i++;
                }
                else if (c == '(')
                {
                    tokens.Add(new Token(TokenKind.Open, "("));
                    i++;
                }
                else if (c == ')')
                {
                    tokens.Add(new Token(TokenKind.Close, ")"));
                    i++;
                }
                else
                {
                    i = ReadBareValue(text, i, tokens);
                }
            }

            tokens.Add(new Token(TokenKind.End, ""));
            return tokens;
        }

        // A bare word, where $(Name) may contain parentheses of its own.
        private static int ReadBareValue(string text, int start, List<Token> tokens)
        {
            int i = start;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && "=!()'<>".IndexOf(text[i]) < 0)
            {
                if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '(')
                {
                    int close = text.IndexOf(')', i);
                    i = close < 0 ? text.Length : close + 1;
                }
                else
                {
                    i++;
                }
            }

            if (i == start)
            {
                throw new UnsupportedMsBuildException($"condition \"{text}\" has an unexpected '{text[start]}' at position {start + 1}");
            }

            tokens.Add(new Token(TokenKind.Value, text.Substring(start, i - start)));
            return i;
        }

        private sealed class Parser(List<Token> tokens, MsBuildProperties properties, string baseDirectory, string text)
        {
            private int _position;

            // False while parsing the operand that `and`/`or` short-circuits: it is parsed but not evaluated.
            private bool _evaluating = true;

            private Token Current => tokens[_position];

            public void ExpectEnd()
            {
                if (Current.Kind != TokenKind.End)
                {
                    throw Unsupported($"unexpected '{Current.Text}'");
                }
            }

            public bool ParseOr()
            {
                bool value = ParseAnd();
                while (IsKeyword("or"))
                {
                    _position++;
                    value = ParseShortCircuited(skip: value, ParseAnd) || value;
                }

                return value;
            }

            private bool ParseAnd()
            {
                bool value = ParseUnary();
                while (IsKeyword("and"))
                {
                    _position++;
                    value = ParseShortCircuited(skip: !value, ParseUnary) && value;
                }

                return value;
            }

            private bool ParseShortCircuited(bool skip, Func<bool> parse)
            {
                bool outer = _evaluating;
                _evaluating = outer && !skip;
                bool value = parse();
                _evaluating = outer;
                return value;
            }

            private bool ParseUnary()
            {
                if (Current.Kind == TokenKind.Not)
                {
                    _position++;
                    return !ParseUnary();
                }

                return ParsePrimary();
            }

            private bool ParsePrimary()
            {
                if (Current.Kind == TokenKind.Open)
                {
                    _position++;
                    bool inner = ParseOr();
                    Expect(TokenKind.Close);
                    return inner;
                }

                if (IsKeyword("Exists") && tokens[_position + 1].Kind == TokenKind.Open)
                {
                    _position += 2;
                    string path = ParseValue();
                    Expect(TokenKind.Close);
                    return _evaluating && PathExists(path);
                }

                string left = ParseValue();
                TokenKind comparison = Current.Kind;
                if (comparison is TokenKind.Equal or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessOrEqual or TokenKind.Greater or TokenKind.GreaterOrEqual)
                {
                    _position++;
                    string right = ParseValue();
                    return _evaluating && Compare(left, comparison, right);
                }

                if (!_evaluating)
                {
                    return false;
                }

                if (bool.TryParse(left, out bool literal))
                {
                    return literal;
                }

                throw Unsupported($"'{left}' is not a boolean");
            }

            private bool Compare(string left, TokenKind comparison, string right)
            {
                if (comparison is TokenKind.Equal or TokenKind.NotEqual)
                {
                    return string.Equals(left, right, StringComparison.OrdinalIgnoreCase) == (comparison == TokenKind.Equal);
                }

                // MSBuild compares numbers (and versions) here; text is an error there too.
                if (!Version.TryParse(Normalize(left), out Version? a) || !Version.TryParse(Normalize(right), out Version? b))
                {
                    throw Unsupported($"'{left}' and '{right}' are not both numbers");
                }

                int order = a.CompareTo(b);
                return comparison switch
                {
                    TokenKind.Less => order < 0,
                    TokenKind.LessOrEqual => order <= 0,
                    TokenKind.Greater => order > 0,
                    _ => order >= 0,
                };
            }

            // "16" is a number to MSBuild; System.Version needs at least two parts.
            private static string Normalize(string number) => number.Contains('.') ? number : number + ".0";

            private string ParseValue()
            {
                Token token = Current;
                if (token.Kind is not (TokenKind.Value or TokenKind.Quoted))
                {
                    throw Unsupported($"expected a value, found '{token.Text}'");
                }

                _position++;
                return properties.Expand(token.Text);
            }

            private bool PathExists(string path)
            {
                if (path.Length == 0)
                {
                    return false;
                }

                string full = Path.GetFullPath(Path.Combine(baseDirectory, path.Replace('\\', '/')));
                return File.Exists(full) || Directory.Exists(full);
            }

            private bool IsKeyword(string keyword) =>
                Current.Kind == TokenKind.Value && string.Equals(Current.Text, keyword, StringComparison.OrdinalIgnoreCase);

            private void Expect(TokenKind kind)
            {
                if (Current.Kind != kind)
                {
                    throw Unsupported($"expected '{(kind == TokenKind.Close ? ")" : kind.ToString())}', found '{Current.Text}'");
                }

                _position++;
            }

            private UnsupportedMsBuildException Unsupported(string what) =>
                new($"condition \"{text}\" cannot be evaluated: {what}");
        }
    }
}
