using NfIcbmsg.Devicetree.Diagnostics;

namespace NfIcbmsg.Devicetree.Syntax
{
    public enum TokenKind
    {
        EndOfInput,

        /// <summary>A node or property name (structure mode): letters, digits and , . _ + * # ? @ -.</summary>
        Name,

        /// <summary>"label:" — <see cref="Token.Text"/> is the label without the colon.</summary>
        Label,

        /// <summary>"&amp;label" — <see cref="Token.Text"/> is the label.</summary>
        Reference,

        /// <summary>"&amp;{/path}" — <see cref="Token.Text"/> is the path.</summary>
        PathReference,

        /// <summary>A quoted string, escapes already applied.</summary>
        String,

        /// <summary>An integer or character literal; <see cref="Token.Number"/> holds its value.</summary>
        Number,

        /// <summary>A C identifier in value or cell mode that is not a macro (DT_SIZE_K, or an error).</summary>
        Identifier,

        /// <summary>One byte of a byte string.</summary>
        Byte,

        /// <summary>"/dts-v1/", "/delete-node/", ... — <see cref="Token.Text"/> includes the slashes.</summary>
        Directive,

        /// <summary>Punctuation or an operator; <see cref="Token.Text"/> is its spelling.</summary>
        Punctuation,
    }

    /// <summary>One token with the place it starts at (for a macro's tokens: the place the macro is used).</summary>
    public sealed record Token(TokenKind Kind, string Text, ulong Number, SourceLocation Location)
    {
        public bool Is(string punctuation)
        {
            return Kind == TokenKind.Punctuation && Text == punctuation;
        }

        /// <summary>How the token reads in an error message.</summary>
        public string Describe()
        {
            switch (Kind)
            {
                case TokenKind.EndOfInput:
                    return "end of file";
                case TokenKind.String:
                    return "string \"" + Text + "\"";
                case TokenKind.Label:
                    return "label '" + Text + ":'";
                case TokenKind.Reference:
                    return "reference '&" + Text + "'";
                case TokenKind.PathReference:
                    return "reference '&{" + Text + "}'";
                default:
                    return "'" + Text + "'";
            }
        }
    }
}
