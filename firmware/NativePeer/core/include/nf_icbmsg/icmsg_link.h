/*
 * One ICMsg link (docs/protocol.md §5): the tx ring this side writes, the rx ring it reads, the
 * doorbell. Bonds with the 13-byte magic (unbound mode "disable", which ICBMsg always uses) or with
 * the session handshake words ("enable", "detect").
 * nf_icmsg_link_process() runs only in the processing context; nf_icmsg_link_send() in any
 * processing or sender context. The link takes the instance lock (os) itself and never holds it
 * while it calls the listener.
 */
#ifndef NF_ICBMSG_ICMSG_LINK_H
#define NF_ICBMSG_ICMSG_LINK_H

#include <stdbool.h>
#include <stdint.h>

#include "nf_icbmsg/pbuf.h"
#include "nf_icbmsg/platform.h"
#include "nf_icbmsg/statistics.h"

#ifdef __cplusplus
extern "C" {
#endif

#define NF_ICMSG_MAGIC_LENGTH 13u
extern const uint8_t nf_icmsg_magic[NF_ICMSG_MAGIC_LENGTH];

enum nf_unbound_mode { NF_UNBOUND_DISABLE = 0, NF_UNBOUND_ENABLE = 1, NF_UNBOUND_DETECT = 2 };

/* Zephyr's state numbers (never on the wire). */
enum nf_icmsg_state {
    NF_ICMSG_OFF = 0,
    NF_ICMSG_INITIALIZING_SID_DISABLED = 1,
    NF_ICMSG_INITIALIZING_SID_ENABLED = 2,
    NF_ICMSG_INITIALIZING_SID_DETECT = 3,
    NF_ICMSG_DISCONNECTED = 4,
    NF_ICMSG_CONNECTED_SID_DISABLED = 5,
    NF_ICMSG_CONNECTED_SID_ENABLED = 6,
};

/* What the link reports upward; all called in the processing context without the lock held. */
struct nf_icmsg_listener {
    void (*bound)(void *ctx);
    void (*unbound)(void *ctx);
    void (*packet)(void *ctx, const uint8_t *packet, uint32_t length);
    void (*rejected)(void *ctx, enum nf_reject_reason reason, const char *detail);
    void *ctx;
};

struct nf_icmsg_link {
    struct nf_pbuf tx;               /* writes: instance lock */
    struct nf_pbuf rx;               /* processing context only */
    const struct nf_mbox_tx *mbox;
    const struct nf_os *os;
    struct nf_counters *counters;
    struct nf_icmsg_listener listener;
    enum nf_unbound_mode mode;
    uint8_t *rx_buffer;              /* processing context only */
    uint32_t rx_buffer_size;
    uint32_t peer_rx_buffer_size;
    enum nf_icmsg_state state;       /* instance lock */
    uint16_t local_sid, remote_sid;  /* instance lock */
    bool ring_deferred;              /* instance lock */
    uint32_t bonding_polls;          /* processing context only */
    const volatile bool *stopping;   /* set by the owner to end a drain */
};

void nf_icmsg_link_init(struct nf_icmsg_link *link, const struct nf_shm *shm, const struct nf_pbuf_layout *tx,
                        const struct nf_pbuf_layout *rx, const struct nf_mbox_tx *mbox, const struct nf_os *os,
                        struct nf_counters *counters, enum nf_unbound_mode mode, uint8_t *rx_buffer,
                        uint32_t rx_buffer_size, uint32_t peer_rx_buffer_size,
                        const struct nf_icmsg_listener *listener, const volatile bool *stopping);

/* icmsg_open: 0 or -EALREADY (disable mode). Rings the peer once. Processing context. */
int nf_icmsg_link_open(struct nf_icmsg_link *link);
/* icmsg_close: session modes clear this side's handshake word; rings. */
void nf_icmsg_link_close(struct nf_icmsg_link *link);
/* icmsg_send: length, -EBUSY before bonding, -ENODATA, -EMSGSIZE over the peer's read buffer,
 * -ENOMEM ring full, -EINVAL bad peer rd_idx. defer_ring leaves the doorbell for
 * nf_icmsg_link_ring_if_deferred (the processing context batches a drain's sends). */
int nf_icmsg_link_send(struct nf_icmsg_link *link, const void *data, uint32_t length, bool defer_ring);
void nf_icmsg_link_ring_if_deferred(struct nf_icmsg_link *link);
/* Advances bonding and drains every packet. Returns true while bonding still waits. */
bool nf_icmsg_link_process(struct nf_icmsg_link *link);
/* Rings again from the second call on while bonding waits (the first ring may have been lost). */
void nf_icmsg_link_repeat_bonding_doorbell(struct nf_icmsg_link *link);
void nf_icmsg_link_ring(struct nf_icmsg_link *link);
enum nf_icmsg_state nf_icmsg_link_state(struct nf_icmsg_link *link);
bool nf_icmsg_link_connected(struct nf_icmsg_link *link);

#ifdef __cplusplus
}
#endif

#endif
