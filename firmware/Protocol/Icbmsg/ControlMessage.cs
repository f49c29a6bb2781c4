namespace NfIcbmsg.Icbmsg
{
    // ICBMsg's control messages (docs/protocol.md §6.4), each one ICMsg packet of exactly 3 bytes:
    //
    //   byte 0 (TypeOffset)   byte 1 (AddressOffset)      byte 2 (BlockOffset)
    //  +---------------------+---------------------------+------------------------------------------+
    //  | 0x00 Data           | endpoint address          | first block of the message (sender's tx) |
    //  | 0x01 ReleaseData    | 0x00 (always)             | block the released Data named            |
    //  | 0x02 Bound          | address being assigned    | first block of the NUL-terminated name   |
    //  | 0x03 ReleaseBound   | the address of the Bound  | block the answered Bound named           |
    //  +---------------------+---------------------------+------------------------------------------+
    //
    // In the ring (docs/protocol.md §3.3) one message takes 8 bytes, e.g. ReleaseBound(0, 0):
    //
    //  +------+------+------+------+------+------+------+-------+
    //  |  00  |  03  |  00  |  00  |  03  |  00  |  00  | (pad) |
    //  +------+------+------+------+------+------+------+-------+
    //   BE16 length 3  reserved      type   addr   block  not written
    //
    // A receiver drops a packet shorter than Length and any message whose address is at or above its
    // endpoint count (which is why ReleaseData carries 0), and ignores bytes after the third.

    /// <summary>
    /// ICBMsg's control messages (docs/protocol.md §6.4): exactly three bytes [type, endpoint address, block
    /// index], carried as ICMsg packets.
    /// </summary>
    public static class ControlMessage
    {
        /// <summary>Bytes of a control message.</summary>
        public const int Length = 3;

        /// <summary>Position of the message type.</summary>
        public const int TypeOffset = 0;

        /// <summary>Position of the endpoint address (0 in <see cref="ReleaseData"/>).</summary>
        public const int AddressOffset = 1;

        /// <summary>Position of the block index.</summary>
        public const int BlockOffset = 2;

        /// <summary>The endpoint address <see cref="ReleaseData"/> always carries: receivers drop addresses out of range, even on a release.</summary>
        public const int ReleaseDataAddress = 0;

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
            message[TypeOffset] = type;
            message[AddressOffset] = (byte)address;
            message[BlockOffset] = (byte)block;
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
