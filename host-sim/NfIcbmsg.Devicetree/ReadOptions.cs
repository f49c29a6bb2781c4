using System.Collections.Generic;
using NfIcbmsg.Devicetree.Syntax;

namespace NfIcbmsg.Devicetree
{
    /// <summary>
    /// What a board file is read against: the base devicetree it is an overlay of (read first, in order,
    /// as Zephyr applies overlays on top of the board's tree) and the directories that
    /// <c>#include &lt;...&gt;</c> searches, like cpp's -I.
    /// </summary>
    public sealed record ReadOptions
    {
        public static readonly ReadOptions None = new ReadOptions();

        /// <summary>Base trees (a Zephyr build's zephyr.dts, or any .dts/.dtsi), applied in order before the overlay.</summary>
        public IReadOnlyList<string> Bases { get; init; } = new string[0];

        /// <summary>Directories searched for <c>#include &lt;file&gt;</c>, in order.</summary>
        public IReadOnlyList<string> IncludeDirectories { get; init; } = new string[0];

        public ReadLimits Limits { get; init; } = ReadLimits.Default;

        public bool HasBase
        {
            get { return Bases.Count > 0; }
        }
    }
}
