using NfIcbmsg.Devicetree.Diagnostics;

namespace NfIcbmsg.Devicetree.Syntax
{
    /// <summary>
    /// The evaluator of cell expressions: dtc's semantics, 64-bit unsigned arithmetic with C operators,
    /// comparisons giving 0 or 1, then a check that the result fits the 32-bit cell it goes into.
    /// The parser folds every operator as it reads it, so there is no expression tree to walk.
    /// </summary>
    public static class CellArithmetic
    {
        public const ulong KiB = 1024;
        public const ulong MiB = 1024 * 1024;

        public static ulong Unary(string op, ulong operand, SourceLocation at)
        {
            switch (op)
            {
                case "-": return unchecked(0UL - operand);
                case "~": return ~operand;
                case "!": return operand == 0 ? 1UL : 0UL;
                default: throw new DevicetreeException(at, "unknown unary operator '" + op + "': expected -, ~ or !");
            }
        }

        public static ulong Binary(string op, ulong left, ulong right, SourceLocation at)
        {
            switch (op)
            {
                case "+": return unchecked(left + right);
                case "-": return unchecked(left - right);
                case "*": return unchecked(left * right);
                case "/":
                case "%":
                    if (right == 0)
                    {
                        throw new DevicetreeException(at, "division by zero in a cell expression");
                    }

                    return op == "/" ? left / right : left % right;
                case "<<":
                case ">>":
                    if (right > 63)
                    {
                        throw new DevicetreeException(at, "shift count " + right + " is outside 0..63");
                    }

                    return op == "<<" ? left << (int)right : left >> (int)right;
                case "&": return left & right;
                case "|": return left | right;
                case "^": return left ^ right;
                case "&&": return left != 0 && right != 0 ? 1UL : 0UL;
                case "||": return left != 0 || right != 0 ? 1UL : 0UL;
                case "==": return left == right ? 1UL : 0UL;
                case "!=": return left != right ? 1UL : 0UL;
                case "<": return left < right ? 1UL : 0UL;
                case ">": return left > right ? 1UL : 0UL;
                case "<=": return left <= right ? 1UL : 0UL;
                case ">=": return left >= right ? 1UL : 0UL;
                default: throw new DevicetreeException(at, "unknown operator '" + op + "'");
            }
        }

        /// <summary>
        /// The 32-bit cell for a value: it must fit, or be a negative number (all upper bits set), as dtc
        /// accepts "(-1)" for 0xffffffff. Anything else would be silently truncated, so it is refused.
        /// </summary>
        public static uint ToCell(ulong value, SourceLocation at)
        {
            if (value <= uint.MaxValue || (value | uint.MaxValue) == ulong.MaxValue)
            {
                return (uint)value;
            }

            throw new DevicetreeException(at, "value 0x" + value.ToString("x") + " does not fit in a 32-bit cell: expected at most 0xffffffff");
        }
    }
}
