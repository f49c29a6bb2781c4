namespace NfIcbmsg.Pbuf
{
    /// <summary>Which peer-written value a failed read rejected.</summary>
    public enum PacketBufferFault
    {
        /// <summary>No read has failed.</summary>
        None = 0,

        /// <summary>The peer's wr_idx is misaligned or outside the data area.</summary>
        IndexInvalid = 1,

        /// <summary>The packet header claims 0 bytes, more than a packet can hold, or more than was written.</summary>
        LengthInvalid = 2,
    }
}
