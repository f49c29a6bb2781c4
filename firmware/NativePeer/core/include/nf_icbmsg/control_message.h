/* ICBMsg control messages: 3 bytes [type, endpoint address, block index] in one ICMsg packet. */
#ifndef NF_ICBMSG_CONTROL_MESSAGE_H
#define NF_ICBMSG_CONTROL_MESSAGE_H

#include <stdint.h>

#define NF_CONTROL_LENGTH 3u
#define NF_CONTROL_DATA 0x00u          /* data in block, for endpoint address */
#define NF_CONTROL_RELEASE_DATA 0x01u  /* receiver is done with the block (address 0) */
#define NF_CONTROL_BOUND 0x02u         /* initiator: the name in the block gets this address */
#define NF_CONTROL_RELEASE_BOUND 0x03u /* follower: name matched, block free */

static inline const char *nf_control_name(uint8_t type)
{
    switch (type) {
    case NF_CONTROL_DATA: return "DATA";
    case NF_CONTROL_RELEASE_DATA: return "RELEASE_DATA";
    case NF_CONTROL_BOUND: return "BOUND";
    case NF_CONTROL_RELEASE_BOUND: return "RELEASE_BOUND";
    default: return "UNKNOWN";
    }
}

#endif
