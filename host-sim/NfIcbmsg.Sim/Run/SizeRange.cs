using System;
using System.Globalization;
using NfIcbmsg.Sim.Traffic;

namespace NfIcbmsg.Sim.Run
{
    /// <summary>Message sizes of a stream: one size ("64") or a range ("16-256") walked deterministically by sequence.</summary>
    public readonly record struct SizeRange(int Min, int Max)
    {
        /// <summary>Parses "N" or "MIN-MAX"; null with <paramref name="error"/> set when it is neither or below the pattern header.</summary>
        public static SizeRange? Parse(string? text, out string? error)
        {
            error = null;
            string[] parts = (text ?? string.Empty).Split('-');
            int min = 0;
            int max = 0;
            bool ok = parts.Length is 1 or 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out min)
                && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out max);
            if (!ok || min > max)
            {
                error = $"size '{text}' is not N or MIN-MAX with MIN <= MAX";
                return null;
            }

            if (min < MessagePattern.HeaderSize)
            {
                error = $"size '{text}' is below {MessagePattern.HeaderSize} bytes, the pattern header";
                return null;
            }

            return new SizeRange(min, max);
        }

        /// <summary>Length of message <paramref name="sequence"/>.</summary>
        public int LengthOf(uint sequence)
        {
            return Min == Max ? Min : MessagePattern.LengthOf(sequence, Min, Max);
        }

        public override string ToString()
        {
            return Min == Max ? Min.ToString(CultureInfo.InvariantCulture) : FormattableString.Invariant($"{Min}-{Max}");
        }
    }
}
