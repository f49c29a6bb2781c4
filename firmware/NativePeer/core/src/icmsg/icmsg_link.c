/* ICMsg link: bonding (magic or session handshake) and the packet drain (docs/protocol.md §5). */
#include "nf_icbmsg/icmsg_link.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

const uint8_t nf_icmsg_magic[NF_ICMSG_MAGIC_LENGTH] = {0x45, 0x6D, 0x31, 0x6C, 0x31, 0x4B, 0x30,
                                                       0x72, 0x6E, 0x33, 0x6C, 0x69, 0x34};

#define LOCK(l) (l)->os->lock((l)->os->ctx)
#define UNLOCK(l) (l)->os->unlock((l)->os->ctx)

void nf_icmsg_link_init(struct nf_icmsg_link *link, const struct nf_shm *shm, const struct nf_pbuf_layout *tx,
                        const struct nf_pbuf_layout *rx, const struct nf_mbox_tx *mbox, const struct nf_os *os,
                        struct nf_counters *counters, enum nf_unbound_mode mode, uint8_t *rx_buffer,
                        uint32_t rx_buffer_size, uint32_t peer_rx_buffer_size,
                        const struct nf_icmsg_listener *listener, const volatile bool *stopping)
{
    memset(link, 0, sizeof(*link));
    nf_pbuf_init(&link->tx, shm, tx);
    nf_pbuf_init(&link->rx, shm, rx);
    link->mbox = mbox;
    link->os = os;
    link->counters = counters;
    link->listener = *listener;
    link->mode = mode;
    link->rx_buffer = rx_buffer;
    link->rx_buffer_size = rx_buffer_size;
    link->peer_rx_buffer_size = peer_rx_buffer_size;
    link->state = NF_ICMSG_OFF;
    link->stopping = stopping;
}

enum nf_icmsg_state nf_icmsg_link_state(struct nf_icmsg_link *link)
{
    LOCK(link);
    enum nf_icmsg_state state = link->state;
    UNLOCK(link);
    return state;
}

bool nf_icmsg_link_connected(struct nf_icmsg_link *link)
{
    enum nf_icmsg_state state = nf_icmsg_link_state(link);
    return state == NF_ICMSG_CONNECTED_SID_DISABLED || state == NF_ICMSG_CONNECTED_SID_ENABLED;
}

void nf_icmsg_link_ring(struct nf_icmsg_link *link)
{
    NF_COUNT(link->counters, doorbells_rung);
    link->mbox->ring(link->mbox->ctx);
}

/* Caller holds the lock. */
static void write_magic(struct nf_icmsg_link *link)
{
    nf_pbuf_tx_init(&link->tx);
    nf_pbuf_write(&link->tx, nf_icmsg_magic, NF_ICMSG_MAGIC_LENGTH);
    NF_COUNT(link->counters, control_messages_sent);
}

int nf_icmsg_link_open(struct nf_icmsg_link *link)
{
    LOCK(link);
    link->bonding_polls = 0;
    if (link->mode == NF_UNBOUND_DISABLE) {
        if (link->state != NF_ICMSG_OFF) {
            UNLOCK(link);
            return -EALREADY;
        }
        link->state = NF_ICMSG_INITIALIZING_SID_DISABLED;
        nf_pbuf_rx_init(&link->rx);
        write_magic(link);
    } else {
        link->state = link->mode == NF_UNBOUND_ENABLE ? NF_ICMSG_INITIALIZING_SID_ENABLED : NF_ICMSG_INITIALIZING_SID_DETECT;
        nf_pbuf_rx_init(&link->rx);
        uint32_t peer_word = nf_pbuf_read_handshake(&link->tx);
        uint16_t ack = (uint16_t)(peer_word >> 16);
        uint16_t previous = link->local_sid;
        uint16_t sid = (uint16_t)peer_word;
        do {
            sid = (uint16_t)(sid + 1u);
        } while (sid == 0 || sid == ack || sid == previous);
        link->local_sid = sid;
        link->remote_sid = 0;
        nf_pbuf_write_handshake(&link->rx, sid);
    }
    UNLOCK(link);
    nf_icmsg_link_ring(link);
    return 0;
}

void nf_icmsg_link_close(struct nf_icmsg_link *link)
{
    LOCK(link);
    if (link->state == NF_ICMSG_OFF) {
        UNLOCK(link);
        return;
    }
    if (link->mode != NF_UNBOUND_DISABLE) {
        nf_pbuf_write_handshake(&link->rx, 0);
    }
    link->state = NF_ICMSG_OFF;
    UNLOCK(link);
    nf_icmsg_link_ring(link);
}

int nf_icmsg_link_send(struct nf_icmsg_link *link, const void *data, uint32_t length, bool defer_ring)
{
    LOCK(link);
    enum nf_icmsg_state state = link->state;
    if (state == NF_ICMSG_DISCONNECTED) {
        UNLOCK(link);
        /* Zephyr reports success and drops; here the drop is at least counted. */
        NF_COUNT(link->counters, sends_dropped_unbound);
        return (int)length;
    }
    if (state != NF_ICMSG_CONNECTED_SID_DISABLED && state != NF_ICMSG_CONNECTED_SID_ENABLED) {
        UNLOCK(link);
        return -EBUSY;
    }
    if (length == 0) {
        UNLOCK(link);
        return -ENODATA;
    }
    if (length > link->peer_rx_buffer_size) {
        UNLOCK(link);
        return -EMSGSIZE;
    }
    uint32_t previous = link->tx.write_index;
    int written = nf_pbuf_write(&link->tx, data, length);
    /* Ring only if the reader had consumed everything before this packet: otherwise it has yet
     * to store rd_idx, and after that store (behind a barrier) it re-reads wr_idx and finds it. */
    bool reader_idle = written > 0 && nf_pbuf_reader_has_consumed(&link->tx, previous);
    bool ring = false;
    if (written > 0) {
        if (!reader_idle) {
            NF_COUNT(link->counters, doorbells_saved);
        } else if (defer_ring) {
            link->ring_deferred = true;
        } else {
            ring = true;
        }
    }
    UNLOCK(link);
    if (written < 0) {
        return written;
    }
    NF_COUNT(link->counters, control_messages_sent);
    if (ring) {
        nf_icmsg_link_ring(link);
    }
    return written;
}

void nf_icmsg_link_ring_if_deferred(struct nf_icmsg_link *link)
{
    LOCK(link);
    bool ring = link->ring_deferred;
    link->ring_deferred = false;
    UNLOCK(link);
    if (ring) {
        nf_icmsg_link_ring(link);
    }
}

void nf_icmsg_link_repeat_bonding_doorbell(struct nf_icmsg_link *link)
{
    if (link->bonding_polls++ > 0) {
        nf_icmsg_link_ring(link);
    }
}

static void reject(struct nf_icmsg_link *link, enum nf_reject_reason reason, const char *detail)
{
    NF_COUNT(link->counters, rejected_for[reason]);
    link->listener.rejected(link->listener.ctx, reason, detail);
}

/* Next packet into rx_buffer: its length, or 0 when none or it was dropped (counted). */
static int read_packet(struct nf_icmsg_link *link)
{
    char detail[96];
    for (;;) {
        int length = nf_pbuf_read(&link->rx, link->rx_buffer, link->rx_buffer_size);
        if (length == -ENOMEM) {
            /* Too long for this side: consume it so the ring cannot stall. */
            int dropped = nf_pbuf_discard(&link->rx);
            snprintf(detail, sizeof(detail), "packet of %d bytes exceeds the read buffer of %u", dropped,
                     (unsigned)link->rx_buffer_size);
            reject(link, NF_REJECT_PACKET_TOO_LONG, detail);
            continue;
        }
        if (length == -EINVAL || length == -EAGAIN) {
            if (link->rx.last_fault == NF_PBUF_FAULT_INDEX_INVALID) {
                snprintf(detail, sizeof(detail), "peer wr_idx is misaligned or outside the ring of %u bytes",
                         (unsigned)link->rx.layout.data_length);
                reject(link, NF_REJECT_RING_INDEX_INVALID, detail);
            } else {
                snprintf(detail, sizeof(detail), "packet header claims a length that is 0, over %u or more than was written",
                         (unsigned)nf_pbuf_max_packet(&link->rx.layout));
                reject(link, NF_REJECT_PACKET_LENGTH_INVALID, detail);
                if (nf_pbuf_skip_header(&link->rx) > 0) {
                    continue;
                }
            }
            return 0;
        }
        if (length > 0) {
            NF_COUNT(link->counters, control_messages_received);
        }
        return length;
    }
}

static bool is_magic(const uint8_t *packet, int length)
{
    return length >= (int)NF_ICMSG_MAGIC_LENGTH && memcmp(packet, nf_icmsg_magic, NF_ICMSG_MAGIC_LENGTH) == 0;
}

static bool process_legacy_bonding(struct nf_icmsg_link *link)
{
    int length = read_packet(link);
    if (length <= 0) {
        return false;
    }
    if (!is_magic(link->rx_buffer, length)) {
        char detail[64];
        snprintf(detail, sizeof(detail), "first packet of %d bytes is not the bonding magic", length);
        reject(link, NF_REJECT_MAGIC_INVALID, detail);
        return true;
    }
    LOCK(link);
    if (link->state != NF_ICMSG_INITIALIZING_SID_DISABLED) {
        UNLOCK(link);
        return false;
    }
    /* Connected before bound(): the layer above may send from its bound handler (docs/protocol.md §13.1). */
    link->state = NF_ICMSG_CONNECTED_SID_DISABLED;
    UNLOCK(link);
    link->listener.bound(link->listener.ctx);
    nf_icmsg_link_ring(link);
    return true;
}

static bool process_handshake(struct nf_icmsg_link *link)
{
    uint32_t peer_word = nf_pbuf_read_handshake(&link->tx);
    uint16_t request = (uint16_t)peer_word;
    uint16_t ack = (uint16_t)(peer_word >> 16);
    bool ring = false;
    bool connected = false;
    LOCK(link);
    if (link->state != NF_ICMSG_INITIALIZING_SID_ENABLED && link->state != NF_ICMSG_INITIALIZING_SID_DETECT) {
        UNLOCK(link);
        return false;
    }
    if (request != link->remote_sid && request != 0) {
        /* The peer reads only after it sees its id acknowledged: resetting now is safe. */
        nf_pbuf_tx_init(&link->tx);
        link->remote_sid = request;
        nf_pbuf_write_handshake(&link->rx, (uint32_t)link->local_sid | ((uint32_t)request << 16));
        ring = true;
    }
    if (ack == link->local_sid && link->remote_sid != 0) {
        link->state = NF_ICMSG_CONNECTED_SID_ENABLED;
        connected = true;
    }
    UNLOCK(link);
    if (connected) {
        link->listener.bound(link->listener.ctx);
    }
    if (ring || connected) {
        nf_icmsg_link_ring(link);
    }
    return connected;
}

static bool process_detect(struct nf_icmsg_link *link)
{
    int length = nf_pbuf_read_initial(&link->rx, link->rx_buffer, link->rx_buffer_size);
    if (length == (int)NF_ICMSG_MAGIC_LENGTH && is_magic(link->rx_buffer, length)) {
        /* A handshake-unaware peer: answer with legacy bonding. */
        LOCK(link);
        if (link->state != NF_ICMSG_INITIALIZING_SID_DETECT) {
            UNLOCK(link);
            return false;
        }
        link->state = NF_ICMSG_INITIALIZING_SID_DISABLED;
        write_magic(link);
        UNLOCK(link);
        nf_icmsg_link_ring(link);
        return true;
    }
    return process_handshake(link);
}

static bool peer_closed(struct nf_icmsg_link *link)
{
    uint32_t peer_word = nf_pbuf_read_handshake(&link->tx);
    LOCK(link);
    if (link->state != NF_ICMSG_CONNECTED_SID_ENABLED || (uint16_t)peer_word == link->remote_sid) {
        UNLOCK(link);
        return false;
    }
    link->state = NF_ICMSG_DISCONNECTED;
    UNLOCK(link);
    link->listener.unbound(link->listener.ctx);
    return true;
}

static void drain_packets(struct nf_icmsg_link *link, bool session)
{
    while (!*link->stopping) {
        int length = read_packet(link);
        if (session && peer_closed(link)) {
            return;
        }
        if (length <= 0) {
            return;
        }
        link->listener.packet(link->listener.ctx, link->rx_buffer, (uint32_t)length);
    }
}

bool nf_icmsg_link_process(struct nf_icmsg_link *link)
{
    bool again = true;
    while (again && !*link->stopping) {
        again = false;
        switch (nf_icmsg_link_state(link)) {
        case NF_ICMSG_INITIALIZING_SID_DISABLED:
            again = process_legacy_bonding(link);
            break;
        case NF_ICMSG_INITIALIZING_SID_DETECT:
            again = process_detect(link);
            break;
        case NF_ICMSG_INITIALIZING_SID_ENABLED:
            again = process_handshake(link);
            break;
        case NF_ICMSG_CONNECTED_SID_DISABLED:
            drain_packets(link, false);
            break;
        case NF_ICMSG_CONNECTED_SID_ENABLED:
            drain_packets(link, true);
            break;
        default:
            break;
        }
    }
    enum nf_icmsg_state now = nf_icmsg_link_state(link);
    return now == NF_ICMSG_INITIALIZING_SID_DISABLED || now == NF_ICMSG_INITIALIZING_SID_ENABLED ||
           now == NF_ICMSG_INITIALIZING_SID_DETECT;
}
