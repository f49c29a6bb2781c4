namespace NfIcbmsg.Devicetree.Boards
{
    public enum MailboxKind
    {
        /// <summary>nf,gpio-mbox: one pin pair per channel.</summary>
        Gpio,

        /// <summary>nf,sim-mbox: UDP loopback lines of the sim link.</summary>
        Sim,

        /// <summary>A mailbox of the SoC's base devicetree, known only by its label (e.g. the nRF5340's &amp;mbox).</summary>
        External,

        /// <summary>A compatible the tools do not know.</summary>
        Unknown,
    }
}
