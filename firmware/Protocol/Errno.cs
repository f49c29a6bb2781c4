namespace NfIcbmsg
{
    /// <summary>
    /// Zephyr's error numbers, returned negated by the low layers (pbuf, ICMsg) exactly where Zephyr
    /// returns them, so that behaviour can be compared with Zephyr's own tests line by line. The values are
    /// Zephyr's (newlib numbering); they never travel on the wire.
    /// </summary>
    public static class Errno
    {
        /// <summary>No such entry: the endpoint is not registered.</summary>
        public const int ENOENT = 2;

        /// <summary>Try again (allocation timed out, inconsistent ring).</summary>
        public const int EAGAIN = 11;

        /// <summary>Out of memory: the ring or the blocks are full, or a buffer is too small.</summary>
        public const int ENOMEM = 12;

        /// <summary>Device or resource busy: the link is not bonded yet.</summary>
        public const int EBUSY = 16;

        /// <summary>Invalid argument, or a peer-written index that fails validation.</summary>
        public const int EINVAL = 22;

        /// <summary>No data: a zero-length send.</summary>
        public const int ENODATA = 61;

        /// <summary>Bad message: fewer bytes written than asked.</summary>
        public const int EBADMSG = 77;

        /// <summary>No buffer space: the tx lock was not obtained in time.</summary>
        public const int ENOBUFS = 105;

        /// <summary>Message too long for the peer's read buffer.</summary>
        public const int EMSGSIZE = 122;

        /// <summary>Operation already in progress.</summary>
        public const int EALREADY = 120;
    }
}
