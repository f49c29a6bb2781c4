using System.Collections.Generic;
using NfIcbmsg.Devicetree.Diagnostics;
using NfIcbmsg.Devicetree.Tree;

namespace NfIcbmsg.Devicetree.Syntax
{
    /// <summary>
    /// Recursive-descent parser for the overlay subset of devicetree source (dtc's grammar without
    /// /plugin/, /memreserve/, /bits/ and /omit-if-no-ref/). Node and expression nesting are bounded,
    /// so deep or broken input ends in an error with its location, never in a stack overflow.
    /// </summary>
    public sealed class Parser
    {
        private static readonly string[][] s_binaryLevels =
        {
            new[] { "||" },
            new[] { "&&" },
            new[] { "|" },
            new[] { "^" },
            new[] { "&" },
            new[] { "==", "!=" },
            new[] { "<", ">", "<=", ">=" },
            new[] { "<<", ">>" },
            new[] { "+", "-" },
            new[] { "*", "/", "%" },
        };

        private readonly Lexer _lexer;
        private readonly ReadLimits _limits;
        private int _nodeDepth;

        public Parser(Lexer lexer, ReadLimits limits)
        {
            this._lexer = lexer;
            this._limits = limits;
        }

        public DocumentSyntax ParseDocument()
        {
            List<TopLevelSyntax> statements = new List<TopLevelSyntax>();
            SourceLocation start = _lexer.Peek(LexMode.Structure).Location;
            while (true)
            {
                Token token = _lexer.Peek(LexMode.Structure);
                if (token.Kind == TokenKind.EndOfInput)
                {
                    break;
                }

                if (token.Kind == TokenKind.Directive)
                {
                    TopLevelSyntax? statement = ParseTopLevelDirective();
                    if (statement != null)
                    {
                        statements.Add(statement);
                    }

                    continue;
                }

                List<string> labels = ParseLabels();
                token = _lexer.Next(LexMode.Structure);
                if (token.Is("/"))
                {
                    statements.Add(new RootNodeSyntax(labels, ParseBody("/"), token.Location));
                }
                else if (token.Kind == TokenKind.Reference || token.Kind == TokenKind.PathReference)
                {
                    string? label = token.Kind == TokenKind.Reference ? token.Text : null;
                    string? path = token.Kind == TokenKind.PathReference ? token.Text : null;
                    statements.Add(new ReferencedNodeSyntax(label, path, labels, ParseBody("&" + (label ?? "{" + path + "}")), token.Location));
                }
                else
                {
                    throw Expected(token, "'/ {', '&label {', '/delete-node/ &label;' or '/dts-v1/;' at top level");
                }

                ExpectSemicolonAfterNode(token.Kind == TokenKind.Punctuation ? "/" : token.Kind == TokenKind.Reference ? "&" + token.Text : "&{" + token.Text + "}");
            }

            return new DocumentSyntax(statements, start);
        }

        private TopLevelSyntax? ParseTopLevelDirective()
        {
            Token directive = _lexer.Next(LexMode.Structure);
            switch (directive.Text)
            {
                case "/dts-v1/":
                    Expect(LexMode.Structure, ";", "after /dts-v1/");
                    return null;
                case "/delete-node/":
                {
                    Token target = _lexer.Next(LexMode.Structure);
                    if (target.Kind != TokenKind.Reference && target.Kind != TokenKind.PathReference)
                    {
                        throw Expected(target, "&label or &{/path} after /delete-node/ at top level (inside a node, /delete-node/ takes a child name)");
                    }

                    Expect(LexMode.Structure, ";", "after /delete-node/ " + target.Describe());
                    return new DeleteReferencedNodeSyntax(
                        target.Kind == TokenKind.Reference ? target.Text : null,
                        target.Kind == TokenKind.PathReference ? target.Text : null,
                        directive.Location);
                }

                case "/delete-property/":
                    throw new DevicetreeException(directive.Location, "/delete-property/ must be inside a node: expected it between the node's braces");
                case "/plugin/":
                    throw new DevicetreeException(directive.Location, "/plugin/ (fragment overlays) is not supported: write Zephyr-style overlays with '/ { }' and '&label { }'");
                default:
                    throw new DevicetreeException(directive.Location, "directive " + directive.Text + " is not supported: expected /dts-v1/, /delete-node/, /delete-property/ or /include/");
            }
        }

        private List<string> ParseLabels()
        {
            List<string> labels = new List<string>();
            while (_lexer.Peek(LexMode.Structure).Kind == TokenKind.Label)
            {
                labels.Add(_lexer.Next(LexMode.Structure).Text);
            }

            return labels;
        }

        private NodeBodySyntax ParseBody(string nodeName)
        {
            Token open = _lexer.Next(LexMode.Structure);
            if (!open.Is("{"))
            {
                throw Expected(open, "'{' to open node " + nodeName);
            }

            if (++_nodeDepth > _limits.MaxNodeDepth)
            {
                throw new DevicetreeException(open.Location, "nodes nested deeper than " + _limits.MaxNodeDepth + " levels: expected a shallow board description");
            }

            List<BodyItemSyntax> items = new List<BodyItemSyntax>();
            while (true)
            {
                Token token = _lexer.Peek(LexMode.Structure);
                if (token.Kind == TokenKind.EndOfInput)
                {
                    throw new DevicetreeException(token.Location, "unexpected end of file: node " + nodeName + " opened at " + open.Location + " is not closed (expected '}')");
                }

                if (token.Is("}"))
                {
                    _lexer.Next(LexMode.Structure);
                    break;
                }

                if (token.Kind == TokenKind.Directive)
                {
                    items.Add(ParseBodyDirective(nodeName));
                    continue;
                }

                List<string> labels = ParseLabels();
                Token name = _lexer.Next(LexMode.Structure);
                if (name.Kind != TokenKind.Name)
                {
                    throw Expected(name, labels.Count > 0
                        ? "a node or property name after the label '" + labels[labels.Count - 1] + ":'"
                        : "a property, a child node, /delete-node/, /delete-property/ or '}' in node " + nodeName);
                }

                Token next = _lexer.Peek(LexMode.Structure);
                if (next.Is("{"))
                {
                    CheckNodeName(name);
                    NodeBodySyntax body = ParseBody(name.Text);
                    ExpectSemicolonAfterNode(name.Text);
                    items.Add(new ChildNodeSyntax(name.Text, labels, body, name.Location));
                }
                else if (next.Is("="))
                {
                    CheckPropertyName(name);
                    _lexer.Next(LexMode.Structure);
                    items.Add(new PropertySyntax(name.Text, labels, ParseValuesOrUnresolved(name), name.Location));
                }
                else if (next.Is(";"))
                {
                    CheckPropertyName(name);
                    _lexer.Next(LexMode.Structure);
                    items.Add(new PropertySyntax(name.Text, labels, new List<DtValue>(), name.Location));
                }
                else
                {
                    throw Expected(next, "'{' (child node), '=' (property value) or ';' (boolean property) after '" + name.Text + "'");
                }
            }

            _nodeDepth--;
            return new NodeBodySyntax(items, open.Location);
        }

        private BodyItemSyntax ParseBodyDirective(string nodeName)
        {
            Token directive = _lexer.Next(LexMode.Structure);
            if (directive.Text != "/delete-node/" && directive.Text != "/delete-property/")
            {
                throw new DevicetreeException(directive.Location, "directive " + directive.Text + " is not allowed inside node " + nodeName + ": expected /delete-node/ name; or /delete-property/ name;");
            }

            Token name = _lexer.Next(LexMode.Structure);
            if (name.Kind != TokenKind.Name)
            {
                string hint = name.Kind == TokenKind.Reference ? " (/delete-node/ &label; belongs at top level)" : string.Empty;
                throw Expected(name, "a name after " + directive.Text + hint);
            }

            Expect(LexMode.Structure, ";", "after " + directive.Text + " " + name.Text);
            return directive.Text == "/delete-node/"
                ? new DeleteChildSyntax(name.Text, directive.Location)
                : new DeletePropertySyntax(name.Text, directive.Location);
        }

        /// <summary>
        /// A value that uses an identifier no #define gave (a macro of a Zephyr header, such as DT_MEM_ARM(...))
        /// does not fail the file: the property is kept as unresolved, and only an IPC property that needs
        /// it is an error (the board reader decides; every other one is a warning).
        /// </summary>
        private List<DtValue> ParseValuesOrUnresolved(Token name)
        {
            try
            {
                return ParseValues(name.Text);
            }
            catch (UnknownIdentifierException unknown)
            {
                _lexer.SkipRestOfProperty(name.Location);
                return new List<DtValue> { new DtUnresolvedValue(unknown.Identifier, unknown.Location) };
            }
        }

        /// <summary>Thrown inside a value for an identifier that is neither a macro nor built in.</summary>
        private sealed class UnknownIdentifierException : System.Exception
        {
            public UnknownIdentifierException(Token token)
                : base(token.Text)
            {
                Identifier = token.Text;
                Location = token.Location;
            }

            public string Identifier { get; }

            public SourceLocation Location { get; }
        }

        private List<DtValue> ParseValues(string property)
        {
            List<DtValue> values = new List<DtValue>();
            while (true)
            {
                Token token = _lexer.Next(LexMode.Value);
                switch (token.Kind)
                {
                    case TokenKind.String:
                        values.Add(new DtStringValue(token.Text, token.Location));
                        break;
                    case TokenKind.Reference:
                        values.Add(new DtReferenceValue(DtCell.LabelReference(token.Text, token.Location)));
                        break;
                    case TokenKind.PathReference:
                        values.Add(new DtReferenceValue(DtCell.PathReference(token.Text, token.Location)));
                        break;
                    case TokenKind.Identifier:
                        throw new UnknownIdentifierException(token);
                    case TokenKind.Label:
                        throw new DevicetreeException(token.Location, "labels inside property values are not supported (property '" + property + "')");
                    case TokenKind.Directive:
                        throw new DevicetreeException(token.Location, token.Text + " is not supported in property '" + property + "': cells are always 32 bits");
                    default:
                        if (token.Is("<"))
                        {
                            values.Add(ParseCells(property, token.Location));
                        }
                        else if (token.Is("["))
                        {
                            values.Add(ParseBytes(property, token.Location));
                        }
                        else
                        {
                            throw Expected(token, "a value for property '" + property + "': \"string\", <cells>, [bytes] or &label");
                        }

                        break;
                }

                Token separator = _lexer.Next(LexMode.Value);
                if (separator.Is(";"))
                {
                    return values;
                }

                if (!separator.Is(","))
                {
                    throw Expected(separator, "',' or ';' after the value of property '" + property + "'");
                }
            }
        }

        private DtCellsValue ParseCells(string property, SourceLocation open)
        {
            List<DtCell> cells = new List<DtCell>();
            while (true)
            {
                Token token = _lexer.Peek(LexMode.Cells);
                if (token.Is(">"))
                {
                    _lexer.Next(LexMode.Cells);
                    return new DtCellsValue(cells, open);
                }

                if (token.Kind == TokenKind.EndOfInput)
                {
                    throw new DevicetreeException(token.Location, "unexpected end of file: the cells of property '" + property + "' opened at " + open + " are not closed (expected '>')");
                }

                if (token.Kind == TokenKind.Reference)
                {
                    _lexer.Next(LexMode.Cells);
                    cells.Add(DtCell.LabelReference(token.Text, token.Location));
                }
                else if (token.Kind == TokenKind.PathReference)
                {
                    _lexer.Next(LexMode.Cells);
                    cells.Add(DtCell.PathReference(token.Text, token.Location));
                }
                else if (token.Kind == TokenKind.Number || token.Is("(") || token.Kind == TokenKind.Identifier)
                {
                    ulong value = ParseOperand(0, property);
                    cells.Add(DtCell.Number(CellArithmetic.ToCell(value, token.Location), token.Location));
                }
                else if (token.Kind == TokenKind.Punctuation)
                {
                    throw new DevicetreeException(token.Location, "operator '" + token.Text + "' outside parentheses in property '" + property + "': write (a " + token.Text + " b), as dtc requires, or close the cells with '>'");
                }
                else
                {
                    throw Expected(token, "a cell in property '" + property + "': a number, a (expression), &label or '>'");
                }
            }
        }

        private DtBytesValue ParseBytes(string property, SourceLocation open)
        {
            List<byte> bytes = new List<byte>();
            while (true)
            {
                Token token = _lexer.Next(LexMode.Bytes);
                if (token.Is("]"))
                {
                    return new DtBytesValue(bytes.ToArray(), open);
                }

                if (token.Kind == TokenKind.EndOfInput)
                {
                    throw new DevicetreeException(token.Location, "unexpected end of file: the bytes of property '" + property + "' opened at " + open + " are not closed (expected ']')");
                }

                bytes.Add((byte)token.Number);
            }
        }

        private ulong ParseExpression(int depth, string property)
        {
            CheckDepth(depth);
            Token start = _lexer.Peek(LexMode.Cells);
            ulong condition = ParseBinary(0, depth, property);
            if (!_lexer.Peek(LexMode.Cells).Is("?"))
            {
                return condition;
            }

            _lexer.Next(LexMode.Cells);
            ulong whenTrue = ParseExpression(depth + 1, property);
            Expect(LexMode.Cells, ":", "in the conditional expression starting at " + start.Location);
            ulong whenFalse = ParseExpression(depth + 1, property);
            return condition != 0 ? whenTrue : whenFalse;
        }

        private ulong ParseBinary(int level, int depth, string property)
        {
            if (level == s_binaryLevels.Length)
            {
                return ParseUnary(depth, property);
            }

            ulong left = ParseBinary(level + 1, depth, property);
            while (true)
            {
                Token op = _lexer.Peek(LexMode.Cells);
                if (op.Kind != TokenKind.Punctuation || System.Array.IndexOf(s_binaryLevels[level], op.Text) < 0)
                {
                    return left;
                }

                _lexer.Next(LexMode.Cells);
                ulong right = ParseBinary(level + 1, depth, property);
                left = CellArithmetic.Binary(op.Text, left, right, op.Location);
            }
        }

        private ulong ParseUnary(int depth, string property)
        {
            Token token = _lexer.Peek(LexMode.Cells);
            if (token.Is("-") || token.Is("~") || token.Is("!"))
            {
                CheckDepth(depth + 1);
                _lexer.Next(LexMode.Cells);
                return CellArithmetic.Unary(token.Text, ParseUnary(depth + 1, property), token.Location);
            }

            return ParseOperand(depth, property);
        }

        /// <summary>A number, a parenthesized expression, or DT_SIZE_K(n) / DT_SIZE_M(n).</summary>
        private ulong ParseOperand(int depth, string property)
        {
            Token token = _lexer.Next(LexMode.Cells);
            if (token.Kind == TokenKind.Number)
            {
                return token.Number;
            }

            if (token.Is("("))
            {
                ulong value = ParseExpression(depth + 1, property);
                Expect(LexMode.Cells, ")", "closing the '(' at " + token.Location);
                return value;
            }

            if (token.Kind == TokenKind.Identifier && (token.Text == "DT_SIZE_K" || token.Text == "DT_SIZE_M"))
            {
                Expect(LexMode.Cells, "(", "after " + token.Text + " (it is used as " + token.Text + "(n))");
                ulong n = ParseExpression(depth + 1, property);
                Expect(LexMode.Cells, ")", "closing " + token.Text + "(");
                return CellArithmetic.Binary("*", n, token.Text == "DT_SIZE_K" ? CellArithmetic.KiB : CellArithmetic.MiB, token.Location);
            }

            if (token.Kind == TokenKind.Identifier)
            {
                throw new UnknownIdentifierException(token);
            }

            if (token.Kind == TokenKind.Reference || token.Kind == TokenKind.PathReference)
            {
                throw new DevicetreeException(token.Location, "a phandle (" + token.Describe() + ") cannot be part of an expression in property '" + property + "'");
            }

            throw Expected(token, "a number, '(' or DT_SIZE_K(n) in property '" + property + "'");
        }

        private void CheckDepth(int depth)
        {
            if (depth > _limits.MaxExpressionDepth)
            {
                throw new DevicetreeException(_lexer.Peek(LexMode.Cells).Location, "expression nested deeper than " + _limits.MaxExpressionDepth + " levels");
            }
        }

        private void ExpectSemicolonAfterNode(string nodeName)
        {
            Token token = _lexer.Next(LexMode.Structure);
            if (!token.Is(";"))
            {
                throw Expected(token, "';' after the '}' that closes node " + nodeName);
            }
        }

        private void Expect(LexMode mode, string punctuation, string context)
        {
            Token token = _lexer.Next(mode);
            if (!token.Is(punctuation))
            {
                throw Expected(token, "'" + punctuation + "' " + context);
            }
        }

        private static void CheckNodeName(Token name)
        {
            string text = name.Text;
            int at = text.IndexOf('@');
            bool valid = text.IndexOfAny(new[] { '#', '?', '*' }) < 0 && (at < 0 || (at > 0 && at < text.Length - 1 && text.IndexOf('@', at + 1) < 0));
            if (!valid)
            {
                throw new DevicetreeException(name.Location, "invalid node name '" + text + "': expected name or name@unit-address of letters, digits and , . _ + -");
            }
        }

        private static void CheckPropertyName(Token name)
        {
            if (name.Text.IndexOf('@') >= 0)
            {
                throw new DevicetreeException(name.Location, "invalid property name '" + name.Text + "': '@' belongs in node names (did you forget '{'?)");
            }
        }

        private static DevicetreeException Expected(Token found, string expected)
        {
            return new DevicetreeException(found.Location, "expected " + expected + ", found " + found.Describe());
        }
    }
}
