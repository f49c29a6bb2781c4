namespace NfIcbmsg.Icbmsg
{
    /// <summary>
    /// ICBMsg's control messages (spec §6.4): exactly three bytes [type, endpoint address, block
    /// index], carried as ICMsg packets.
    /// </summary>
    public static class ControlMessage
    {
        /// <summary>Bytes of a control message.</summary>
        public const int Length = 3;

        /// <summary>Data for an endpoint is in the sender's block.</summary>
        public const byte Data = 0x00;

        /// <summary>The receiver is done with a data block (address is always 0).</summary>
        public const byte ReleaseData = 0x01;

        /// <summary>Initiator to follower: the endpoint named in the block gets this address.</summary>
        public const byte Bound = 0x02;

        /// <summary>Follower to initiator: binding confirmed, the name block is free again.</summary>
        public const byte ReleaseBound = 0x03;

        /// <summary>Fills <paramref name="message"/> with one control message.</summary>
        public static void Encode(byte[] message, byte type, int address, int block)
        {
            message[0] = type;
            message[1] = (byte)address;
            message[2] = (byte)block;
        }

        /// <summary>A short name for logs and inspectors.</summary>
        public static string Name(byte type)
        {
            switch (type)
            {
                case Data:
                    return "DATA";
                case ReleaseData:
                    return "RELEASE_DATA";
                case Bound:
                    return "BOUND";
                case ReleaseBound:
                    return "RELEASE_BOUND";
                default:
                    return "UNKNOWN(0x" + type.ToString("X2") + ")";
            }
        }
    }
}
