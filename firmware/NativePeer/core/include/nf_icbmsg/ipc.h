/*
 * The public API: an IPC instance (ICBMsg or plain ICMsg) over two shared regions, endpoints bound
 * by name, copying and zero-copy sends, hold/release of received buffers, statistics.
 *
 *   nf_ipc_init()                 caller-provided instance storage; no heap anywhere
 *   nf_ipc_register_endpoint()    any time, from a sender or the processing context
 *   nf_ipc_open()                 then run nf_ipc_process() in the processing context whenever
 *                                 os->wait(NF_OS_EVENT_WORK, returned timeout) returns
 *   nf_ipc_doorbell()             from the mailbox interrupt: counts and wakes, nothing else
 *   nf_ept_send() / nf_ept_get_tx_buffer() + nf_ept_send_nocopy() / nf_ept_drop_tx_buffer()
 *   received callback: hold with nf_ept_hold_rx_buffer(), later nf_ept_release_rx_buffer()
 *
 * Storage is sized by NF_IPC_MAX_ENDPOINTS, NF_IPC_MAX_NAME and NF_IPC_MAX_PACKET (define them
 * before including, e.g. from a generated board header; block arrays are sized for the protocol's
 * 256). Waits are in ms: 0 = no wait, NF_OS_WAIT_FOREVER; a wait in the processing context (inside
 * a callback) becomes a no-wait attempt, because releases arrive in that very context.
 */
#ifndef NF_ICBMSG_IPC_H
#define NF_ICBMSG_IPC_H

#include <stdbool.h>
#include <stdint.h>

#include "nf_icbmsg/block_allocator.h"
#include "nf_icbmsg/icmsg_link.h"
#include "nf_icbmsg/platform.h"
#include "nf_icbmsg/region_layout.h"
#include "nf_icbmsg/statistics.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef NF_IPC_MAX_ENDPOINTS
#define NF_IPC_MAX_ENDPOINTS 8
#endif
#ifndef NF_IPC_MAX_NAME
#define NF_IPC_MAX_NAME 32 /* endpoint name bytes including the NUL */
#endif
#ifndef NF_IPC_MAX_PACKET
#define NF_IPC_MAX_PACKET 256 /* largest ICMsg packet this side reads (rx_buffer_size limit) */
#endif

enum nf_backend { NF_BACKEND_ICBMSG = 0, NF_BACKEND_ICMSG = 1 };

/* One instance as this side sees it (the generated board header provides these). */
struct nf_ipc_config {
    const char *name;
    enum nf_backend backend;
    uint32_t tx_region_address, tx_region_size;
    uint32_t rx_region_address, rx_region_size;
    uint16_t tx_blocks, rx_blocks;   /* ICBMsg */
    uint32_t dcache_alignment;       /* 0: none */
    enum nf_unbound_mode unbound;    /* ICMsg; ICBMsg always runs "disable" */
    uint8_t tx_channel, rx_channel;
    uint16_t endpoint_count;         /* ICBMsg: NUM_EP, 1..254 */
    uint16_t rx_buffer_size;         /* largest ICMsg packet read here (Zephyr's default 128) */
    uint16_t peer_rx_buffer_size;    /* largest the peer reads */
};

enum nf_send_status {
    NF_SEND_SENT = 0,
    NF_SEND_NO_BUFFERS = 1,      /* no free tx blocks within the timeout */
    NF_SEND_NOT_BOUND = 2,
    NF_SEND_RING_FULL = 3,       /* the peer is not reading its ring */
    NF_SEND_INVALID_ARGUMENT = 4 /* misuse: length 0 or over the largest message, foreign buffer */
};

enum nf_endpoint_state {
    NF_EPT_CONFIGURED = 0, NF_EPT_BOUNDING = 1, NF_EPT_READY = 2,
    NF_EPT_DEREGISTERED = 3, NF_EPT_REBOUNDING = 4, NF_EPT_UNBOUND = 5
};

struct nf_endpoint;
struct nf_ipc_instance;

/* A received message, valid during the received callback; ICBMsg data lies in place in the
 * peer's blocks. Copy the struct to keep a held buffer. */
struct nf_rx_buffer {
    const uint8_t *data;
    uint32_t length;
    uint16_t block; /* ICBMsg: the first block (the hold/release token) */
};

/* A zero-copy tx buffer: write up to capacity bytes at data, then send or drop it. */
struct nf_tx_buffer {
    uint8_t *data;
    uint32_t capacity;
    uint16_t first_block;
};

/* Callbacks run in the processing context. */
struct nf_endpoint_config {
    const char *name;
    void (*bound)(struct nf_endpoint *ept, void *priv);
    void (*unbound)(struct nf_endpoint *ept, void *priv);
    void (*received)(struct nf_endpoint *ept, const struct nf_rx_buffer *buffer, void *priv);
    void *priv;
};

struct nf_endpoint {
    struct nf_ipc_instance *instance;
    const struct nf_endpoint_config *config;
    uint8_t slot;
    int16_t address;              /* -1 until bound (instance lock) */
    enum nf_endpoint_state state; /* instance lock */
};

/* Every rejected input, with a readable detail (processing context). */
typedef void (*nf_reject_handler)(struct nf_ipc_instance *instance, enum nf_reject_reason reason, const char *detail,
                                  void *priv);

enum nf_tx_kind { NF_TX_NONE = 0, NF_TX_LEASED = 1, NF_TX_DATA_SENT = 2, NF_TX_BOUND_SENT = 3 };

/* Instance storage: treat as opaque. The comment on each group says what guards it. */
struct nf_ipc_instance {
    /* set by nf_ipc_init, read-only afterwards */
    const struct nf_ipc_config *config;
    struct nf_shm shm;
    struct nf_os os;
    struct nf_mbox_tx mbox;
    nf_reject_handler on_reject;
    void *on_reject_priv;
    struct nf_region_layout tx_layout, rx_layout; /* ICBMsg */
    uint32_t tx_blocks_offset, rx_blocks_offset;  /* window offsets of block 0 */
    bool initiator;
    uint32_t max_message;

    struct nf_counters counters;        /* atomics; 64-bit byte sums under the lock */
    struct nf_icmsg_link link;          /* guards itself (see icmsg_link.h) */
    uint8_t packet[NF_IPC_MAX_PACKET];  /* processing context: the ICMsg read buffer */

    /* instance lock */
    struct nf_block_allocator allocator;
    uint8_t tx_kind[NF_ICBMSG_MAX_BLOCK_COUNT];       /* enum nf_tx_kind at a buffer's first block */
    uint8_t bound_address[NF_ICBMSG_MAX_BLOCK_COUNT]; /* the address a BOUND in this block named */
    bool rx_in_use[NF_ICBMSG_MAX_BLOCK_COUNT];        /* peer blocks this side holds */
    uint16_t rx_count[NF_ICBMSG_MAX_BLOCK_COUNT];     /* at a delivered buffer's first block: blocks */
    int16_t rx_owner[NF_ICBMSG_MAX_BLOCK_COUNT];      /* slot of the endpoint holding it, -1 none */
    bool rx_held[NF_ICBMSG_MAX_BLOCK_COUNT];          /* hold requested inside received() */
    bool release_pending[NF_ICBMSG_MAX_BLOCK_COUNT];  /* release to retry (ring was full) */
    struct nf_endpoint endpoints[NF_IPC_MAX_ENDPOINTS];
    uint16_t registered;
    int16_t address_to_slot[NF_IPC_MAX_ENDPOINTS];
    int16_t parked_block[NF_IPC_MAX_ENDPOINTS];       /* follower: BOUND waiting for a local name */
    char parked_name[NF_IPC_MAX_ENDPOINTS][NF_IPC_MAX_NAME];
    uint32_t parked_length[NF_IPC_MAX_ENDPOINTS];     /* the name's real length (may exceed storage) */
    bool pass_pending, releases_pending, link_bound, open_pending, link_open, opened;

    int16_t delivering_block; /* processing context: the block inside received(), -1 none */

    volatile bool stopping; /* set by nf_ipc_close; read by the drain loops */
};

/* Checks the config against the window and computes the layouts. 0, or -EINVAL with why (a
 * static text naming what is wrong). */
int nf_ipc_init(struct nf_ipc_instance *instance, const struct nf_ipc_config *config, const struct nf_shm *shm,
                const struct nf_os *os, const struct nf_mbox_tx *mbox, const char **why);
void nf_ipc_set_reject_handler(struct nf_ipc_instance *instance, nf_reject_handler handler, void *priv);

/* Starts bonding (writes this side's tx region, rings). Any non-interrupt context, after the
 * platform listens on the rx line. 0 or -EALREADY. */
int nf_ipc_open(struct nf_ipc_instance *instance);
/* Stops processing (nf_ipc_process returns at once) and, for ICMsg sessions, tells the peer. */
void nf_ipc_close(struct nf_ipc_instance *instance);
/* Interrupt context: the peer rang. Counts and wakes the processing context; nothing else. */
void nf_ipc_doorbell(struct nf_ipc_instance *instance);
/* Processing context: drains everything, runs bindings, releases and callbacks. Returns ms until
 * it wants to run again without a doorbell (bonding repeat, retries), or -1. */
int32_t nf_ipc_process(struct nf_ipc_instance *instance);

/* Registers an endpoint; config must stay alive. Returns NULL with *why on misuse (name taken,
 * slots full, name too long). Re-registering a deregistered config rebinds it locally. */
struct nf_endpoint *nf_ipc_register_endpoint(struct nf_ipc_instance *instance, const struct nf_endpoint_config *config,
                                            const char **why);
/* A bound endpoint stops receiving (data for it is rejected); the peer is not told (as Zephyr). */
int nf_ept_deregister(struct nf_endpoint *ept);

bool nf_ipc_is_bonded(struct nf_ipc_instance *instance);
bool nf_ipc_is_initiator(const struct nf_ipc_instance *instance);
uint32_t nf_ipc_max_message(const struct nf_ipc_instance *instance);
bool nf_ept_is_bound(struct nf_endpoint *ept);
/* True when the peer has read everything this side wrote into its ring. A plain ICMsg side waits
 * for it before closing a session: closing tells the peer to drop what it has not read yet. */
bool nf_ipc_peer_caught_up(struct nf_ipc_instance *instance);
void nf_ipc_get_statistics(struct nf_ipc_instance *instance, struct nf_statistics *out);
/* Follower: names the peer offered that no local endpoint matches (copies up to max). */
uint32_t nf_ipc_parked_names(struct nf_ipc_instance *instance, char names[][NF_IPC_MAX_NAME], uint32_t max);

/* Copying send; waits up to timeout_ms for blocks (ICBMsg) or ring space (ICMsg). */
enum nf_send_status nf_ept_send(struct nf_endpoint *ept, const void *data, uint32_t length, int32_t timeout_ms);
/* Zero-copy (ICBMsg): size 0 = as much as the first free run holds. */
enum nf_send_status nf_ept_get_tx_buffer(struct nf_endpoint *ept, uint32_t size, int32_t timeout_ms,
                                         struct nf_tx_buffer *out);
enum nf_send_status nf_ept_send_nocopy(struct nf_endpoint *ept, const struct nf_tx_buffer *buffer, uint32_t length);
int nf_ept_drop_tx_buffer(struct nf_endpoint *ept, const struct nf_tx_buffer *buffer);
/* ICBMsg: keep the buffer after received() returns (call inside received()). */
int nf_ept_hold_rx_buffer(struct nf_endpoint *ept, const struct nf_rx_buffer *buffer);
/* ICBMsg: give a held buffer back to the peer. Any non-interrupt context. */
int nf_ept_release_rx_buffer(struct nf_endpoint *ept, const struct nf_rx_buffer *buffer);

const char *nf_send_status_text(enum nf_send_status status);

#ifdef __cplusplus
}
#endif

#endif
