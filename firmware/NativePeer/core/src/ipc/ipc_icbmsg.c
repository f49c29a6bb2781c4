/* The ICBMsg backend (docs/protocol.md §6): block allocation and sends, validation of what the
 * peer names, delivery, hold and release, endpoint binding. Locking: the instance lock guards the
 * tables in struct nf_ipc_instance; it is never held across a callback or a doorbell. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "nf_icbmsg/control_message.h"
#include "nf_icbmsg/ipc_backend.h"

#define SHM(inst) (&(inst)->shm)
#define OPS(inst) ((inst)->shm.ops)
#define CTX(inst) ((inst)->shm.ctx)

static uint32_t tx_block_offset(const struct nf_ipc_instance *inst, uint32_t block)
{
    return inst->tx_blocks_offset + block * inst->tx_layout.block_size;
}

static uint32_t rx_block_offset(const struct nf_ipc_instance *inst, uint32_t block)
{
    return inst->rx_blocks_offset + block * inst->rx_layout.block_size;
}

/* ---- sending ---- */

static int send_control(struct nf_ipc_instance *inst, uint8_t type, uint32_t address, uint32_t block)
{
    uint8_t message[NF_CONTROL_LENGTH] = {type, (uint8_t)address, (uint8_t)block};
    return nf_icmsg_link_send(&inst->link, message, NF_CONTROL_LENGTH, nf_ipc_in_processing(inst));
}

/* Header, barrier and flush of the whole buffer, then the control message (docs/protocol.md §6.8). */
static int send_block(struct nf_ipc_instance *inst, uint8_t type, uint32_t address, uint32_t first, uint32_t size)
{
    uint32_t offset = tx_block_offset(inst, first);
    OPS(inst)->store_release(CTX(inst), offset, size);
    OPS(inst)->barrier(CTX(inst));
    OPS(inst)->flush(CTX(inst), offset, size + NF_ICBMSG_BLOCK_HEADER_SIZE);
    return send_control(inst, type, address, first);
}

/* First block of count contiguous tx blocks (0: as many as the first free run holds), or -1. */
static int allocate_blocks(struct nf_ipc_instance *inst, uint32_t count, int32_t timeout_ms, uint32_t *allocated)
{
    if (nf_ipc_in_processing(inst)) {
        timeout_ms = 0; /* releases arrive in this very context */
    }
    uint32_t start = inst->os.now_ms(inst->os.ctx);
    bool waited = false;
    int first;
    for (;;) {
        NF_LOCK(inst);
        first = nf_block_allocator_take(&inst->allocator, count, allocated);
        NF_UNLOCK(inst);
        if (first >= 0 || timeout_ms == 0 || inst->stopping || count > inst->allocator.block_count) {
            break;
        }
        int32_t left = NF_OS_WAIT_FOREVER;
        if (timeout_ms > 0) {
            uint32_t spent = inst->os.now_ms(inst->os.ctx) - start;
            if (spent >= (uint32_t)timeout_ms) {
                break;
            }
            left = timeout_ms - (int32_t)spent;
        }
        waited = true;
        inst->os.wait(inst->os.ctx, NF_OS_EVENT_BLOCKS, left);
    }
    if (waited) {
        NF_COUNT(&inst->counters, allocation_waits);
        /* Pass the wake-up on so other waiters re-check too (Zephyr's semaphore give-back). */
        inst->os.wake(inst->os.ctx, NF_OS_EVENT_BLOCKS);
    }
    if (first < 0) {
        if (timeout_ms != 0) {
            NF_COUNT(&inst->counters, allocation_timeouts);
        }
        return -1;
    }
    NF_ADD(&inst->counters, tx_blocks_in_use, (int)*allocated);
    return first;
}

static void free_tx(struct nf_ipc_instance *inst, uint32_t first)
{
    NF_LOCK(inst);
    inst->tx_kind[first] = NF_TX_NONE;
    uint32_t count = nf_block_allocator_free(&inst->allocator, first);
    NF_UNLOCK(inst);
    NF_ADD(&inst->counters, tx_blocks_in_use, -(int)count);
    inst->os.wake(inst->os.ctx, NF_OS_EVENT_BLOCKS);
}

static enum nf_send_status send_data(struct nf_endpoint *ept, uint32_t first, uint32_t length)
{
    struct nf_ipc_instance *inst = ept->instance;
    NF_LOCK(inst);
    inst->tx_kind[first] = NF_TX_DATA_SENT;
    uint32_t address = (uint32_t)ept->address;
    NF_UNLOCK(inst);
    int result = send_block(inst, NF_CONTROL_DATA, address, first, length);
    if (result < 0) {
        free_tx(inst, first);
        return result == -ENOMEM ? NF_SEND_RING_FULL : NF_SEND_NOT_BOUND;
    }
    nf_ipc_count_sent(inst, length);
    return NF_SEND_SENT;
}

enum nf_send_status nf_icbmsg_send(struct nf_endpoint *ept, const void *data, uint32_t length, int32_t timeout_ms)
{
    struct nf_ipc_instance *inst = ept->instance;
    if (!nf_ept_is_bound(ept)) {
        return NF_SEND_NOT_BOUND;
    }
    uint32_t allocated;
    int first = allocate_blocks(inst, nf_region_blocks_for(&inst->tx_layout, length), timeout_ms, &allocated);
    if (first < 0) {
        return NF_SEND_NO_BUFFERS;
    }
    OPS(inst)->write(CTX(inst), tx_block_offset(inst, (uint32_t)first) + NF_ICBMSG_BLOCK_HEADER_SIZE, data, length);
    return send_data(ept, (uint32_t)first, length);
}

enum nf_send_status nf_icbmsg_get_tx_buffer(struct nf_endpoint *ept, uint32_t size, int32_t timeout_ms, struct nf_tx_buffer *out)
{
    struct nf_ipc_instance *inst = ept->instance;
    if (!nf_ept_is_bound(ept)) {
        return NF_SEND_NOT_BOUND;
    }
    uint32_t allocated;
    int first = allocate_blocks(inst, size == 0 ? 0 : nf_region_blocks_for(&inst->tx_layout, size), timeout_ms, &allocated);
    if (first < 0) {
        return NF_SEND_NO_BUFFERS;
    }
    uint32_t capacity = allocated * inst->tx_layout.block_size - NF_ICBMSG_BLOCK_HEADER_SIZE;
    uint32_t offset = tx_block_offset(inst, (uint32_t)first);
    /* Zephyr keeps the capacity in the header until the buffer is sent. */
    OPS(inst)->store_release(CTX(inst), offset, capacity);
    NF_LOCK(inst);
    inst->tx_kind[first] = NF_TX_LEASED;
    NF_UNLOCK(inst);
    out->data = inst->shm.direct + offset + NF_ICBMSG_BLOCK_HEADER_SIZE;
    out->capacity = capacity;
    out->first_block = (uint16_t)first;
    return NF_SEND_SENT;
}

/* True when buffer is a live lease of this instance; the caller holds the lock. */
static bool is_lease(struct nf_ipc_instance *inst, const struct nf_tx_buffer *buffer)
{
    uint32_t first = buffer->first_block;
    return first < inst->allocator.block_count && inst->tx_kind[first] == NF_TX_LEASED &&
           buffer->data == inst->shm.direct + tx_block_offset(inst, first) + NF_ICBMSG_BLOCK_HEADER_SIZE;
}

enum nf_send_status nf_icbmsg_send_nocopy(struct nf_endpoint *ept, const struct nf_tx_buffer *buffer, uint32_t length)
{
    struct nf_ipc_instance *inst = ept->instance;
    uint32_t first = buffer->first_block;
    NF_LOCK(inst);
    uint32_t held = is_lease(inst, buffer) ? inst->allocator.buffer_blocks[first] : 0;
    uint32_t capacity = held * inst->tx_layout.block_size - NF_ICBMSG_BLOCK_HEADER_SIZE;
    if (held == 0 || length == 0 || length > capacity) {
        NF_UNLOCK(inst);
        return NF_SEND_INVALID_ARGUMENT;
    }
    uint32_t keep = nf_region_blocks_for(&inst->tx_layout, length);
    if (keep < held) {
        nf_block_allocator_shrink(&inst->allocator, first, keep);
    }
    inst->tx_kind[first] = NF_TX_NONE;
    bool ready = ept->state == NF_EPT_READY;
    NF_UNLOCK(inst);
    if (keep < held) {
        NF_ADD(&inst->counters, tx_blocks_in_use, (int)keep - (int)held);
        inst->os.wake(inst->os.ctx, NF_OS_EVENT_BLOCKS);
    }
    if (!ready) {
        free_tx(inst, first);
        return NF_SEND_NOT_BOUND;
    }
    return send_data(ept, first, length);
}

int nf_icbmsg_drop_tx_buffer(struct nf_endpoint *ept, const struct nf_tx_buffer *buffer)
{
    struct nf_ipc_instance *inst = ept->instance;
    NF_LOCK(inst);
    bool lease = is_lease(inst, buffer);
    NF_UNLOCK(inst);
    if (!lease) {
        return -EINVAL;
    }
    free_tx(inst, buffer->first_block);
    return 0;
}

/* ---- receiving ---- */

static uint32_t return_rx_blocks(struct nf_ipc_instance *inst, uint32_t block)
{
    NF_LOCK(inst);
    uint32_t count = inst->rx_count[block];
    for (uint32_t i = block; i < block + count && i < inst->rx_layout.block_count; i++) {
        inst->rx_in_use[i] = false;
    }
    NF_UNLOCK(inst);
    NF_ADD(&inst->counters, rx_blocks_held, -(int)count);
    return count;
}

static void mark_rx(struct nf_ipc_instance *inst, uint32_t block, uint32_t count)
{
    for (uint32_t i = block; i < block + count; i++) {
        inst->rx_in_use[i] = true;
    }
}

static void send_release(struct nf_ipc_instance *inst, uint32_t block)
{
    /* Unmark first: once the release is in the ring the peer may reuse the blocks at once. */
    uint32_t count = return_rx_blocks(inst, block);
    if (send_control(inst, NF_CONTROL_RELEASE_DATA, 0, block) == (int)NF_CONTROL_LENGTH) {
        return;
    }
    /* The ring is full (the peer is not reading): the blocks stay ours; retry later. */
    NF_LOCK(inst);
    mark_rx(inst, block, count);
    inst->release_pending[block] = true;
    inst->releases_pending = true;
    NF_UNLOCK(inst);
    NF_ADD(&inst->counters, rx_blocks_held, (int)count);
    inst->os.wake(inst->os.ctx, NF_OS_EVENT_WORK);
}

static void retry_releases(struct nf_ipc_instance *inst)
{
    NF_LOCK(inst);
    inst->releases_pending = false;
    NF_UNLOCK(inst);
    for (uint32_t block = 0; block < inst->rx_layout.block_count; block++) {
        NF_LOCK(inst);
        bool pending = inst->release_pending[block];
        inst->release_pending[block] = false;
        NF_UNLOCK(inst);
        if (pending) {
            send_release(inst, block);
        }
    }
}

/* Checks a block the peer named against this side's view (docs/protocol.md §6.10) and that none of its blocks
 * is still held here. Reads the size header once. */
static bool validate_rx_block(struct nf_ipc_instance *inst, uint32_t block, const char *what, uint32_t *size, uint32_t *count)
{
    char detail[112];
    uint32_t blocks = inst->rx_layout.block_count;
    if (block >= blocks) {
        snprintf(detail, sizeof(detail), "%s names block %u of %u", what, (unsigned)block, (unsigned)blocks);
        nf_ipc_reject(inst, NF_REJECT_BLOCK_INDEX_OUT_OF_RANGE, detail);
        return false;
    }
    uint32_t offset = rx_block_offset(inst, block);
    OPS(inst)->invalidate(CTX(inst), offset, NF_ICBMSG_BLOCK_HEADER_SIZE);
    uint32_t header = OPS(inst)->load_acquire(CTX(inst), offset);
    uint64_t room = (uint64_t)(blocks - block) * inst->rx_layout.block_size - NF_ICBMSG_BLOCK_HEADER_SIZE;
    if (header > room) {
        snprintf(detail, sizeof(detail), "%s in block %u claims %u bytes; %u fit", what, (unsigned)block, (unsigned)header,
                 (unsigned)room);
        nf_ipc_reject(inst, NF_REJECT_BLOCK_SIZE_INVALID, detail);
        return false;
    }
    *size = header;
    *count = nf_region_blocks_for(&inst->rx_layout, header);
    bool overlap = false;
    NF_LOCK(inst);
    for (uint32_t i = block; i < block + *count; i++) {
        overlap |= inst->rx_in_use[i];
    }
    NF_UNLOCK(inst);
    if (overlap) {
        snprintf(detail, sizeof(detail), "%s in block %u overlaps blocks this side still holds", what, (unsigned)block);
        nf_ipc_reject(inst, NF_REJECT_BLOCK_IN_USE, detail);
        return false;
    }
    OPS(inst)->invalidate(CTX(inst), offset + NF_ICBMSG_BLOCK_HEADER_SIZE, header);
    return true;
}

static void receive_data(struct nf_ipc_instance *inst, uint32_t address, uint32_t block)
{
    uint32_t size, count;
    if (!validate_rx_block(inst, block, "DATA", &size, &count)) {
        return;
    }
    struct nf_endpoint *ept = NULL;
    bool became_ready = false;
    NF_LOCK(inst);
    int slot = inst->address_to_slot[address];
    if (slot >= 0) {
        ept = &inst->endpoints[slot];
        if (ept->state == NF_EPT_BOUNDING) {
            /* The follower may send before its RELEASE_BOUND arrives (docs/protocol.md §13.4). */
            ept->state = NF_EPT_READY;
            became_ready = true;
        } else if (ept->state != NF_EPT_READY) {
            ept = NULL;
        }
    }
    if (ept != NULL) {
        mark_rx(inst, block, count);
        inst->rx_count[block] = (uint16_t)count;
        inst->rx_owner[block] = (int16_t)ept->slot;
        inst->rx_held[block] = false;
    }
    NF_UNLOCK(inst);
    if (ept == NULL) {
        char detail[80];
        snprintf(detail, sizeof(detail), "DATA for address %u which no bound endpoint holds", (unsigned)address);
        nf_ipc_reject(inst, NF_REJECT_ENDPOINT_NOT_READY, detail);
        return;
    }
    if (became_ready) {
        nf_ipc_invoke_bound(inst, ept);
    }
    NF_ADD(&inst->counters, rx_blocks_held, (int)count);
    nf_ipc_count_received(inst, size);
    struct nf_rx_buffer buffer = {
        .data = inst->shm.direct + rx_block_offset(inst, block) + NF_ICBMSG_BLOCK_HEADER_SIZE,
        .length = size,
        .block = (uint16_t)block,
    };
    if (ept->config->received != NULL) {
        inst->delivering_block = (int16_t)block;
        ept->config->received(ept, &buffer, ept->config->priv);
        inst->delivering_block = -1;
    }
    NF_LOCK(inst);
    bool release = !inst->rx_held[block] && inst->rx_owner[block] == (int16_t)ept->slot;
    if (release) {
        inst->rx_owner[block] = -1;
    }
    NF_UNLOCK(inst);
    if (release) {
        send_release(inst, block);
    }
}

int nf_icbmsg_hold(struct nf_endpoint *ept, const struct nf_rx_buffer *buffer)
{
    struct nf_ipc_instance *inst = ept->instance;
    if (!nf_ipc_in_processing(inst) || inst->delivering_block != (int16_t)buffer->block) {
        return -EINVAL; /* only inside received(), for the buffer being delivered */
    }
    NF_LOCK(inst);
    inst->rx_held[buffer->block] = true;
    NF_UNLOCK(inst);
    return 0;
}

int nf_icbmsg_release(struct nf_endpoint *ept, const struct nf_rx_buffer *buffer)
{
    struct nf_ipc_instance *inst = ept->instance;
    uint32_t block = buffer->block;
    if (block >= inst->rx_layout.block_count) {
        return -EINVAL;
    }
    NF_LOCK(inst);
    bool owned = inst->rx_owner[block] == (int16_t)ept->slot && inst->rx_in_use[block] && inst->rx_held[block];
    if (owned) {
        inst->rx_owner[block] = -1;
        inst->rx_held[block] = false;
    }
    NF_UNLOCK(inst);
    if (!owned) {
        return -EINVAL;
    }
    send_release(inst, block);
    return 0;
}

static void receive_release(struct nf_ipc_instance *inst, uint32_t block, bool bound, uint32_t address)
{
    char detail[96];
    const char *name = bound ? "RELEASE_BOUND" : "RELEASE_DATA";
    if (block >= inst->allocator.block_count) {
        snprintf(detail, sizeof(detail), "%s for block %u of %u", name, (unsigned)block, (unsigned)inst->allocator.block_count);
        nf_ipc_reject(inst, NF_REJECT_BLOCK_INDEX_OUT_OF_RANGE, detail);
        return;
    }
    struct nf_endpoint *confirmed = NULL;
    uint32_t freed = 0;
    NF_LOCK(inst);
    uint8_t kind = inst->tx_kind[block];
    bool expected = bound ? kind == NF_TX_BOUND_SENT && inst->bound_address[block] == address : kind == NF_TX_DATA_SENT;
    if (expected) {
        inst->tx_kind[block] = NF_TX_NONE;
        freed = nf_block_allocator_free(&inst->allocator, block);
        if (bound) {
            int slot = inst->address_to_slot[address];
            if (slot >= 0 && inst->endpoints[slot].state == NF_EPT_BOUNDING) {
                confirmed = &inst->endpoints[slot];
                confirmed->state = NF_EPT_READY;
            }
        }
        inst->pass_pending = true;
    }
    NF_UNLOCK(inst);
    if (!expected) {
        if (bound) {
            snprintf(detail, sizeof(detail), "RELEASE_BOUND for address %u block %u which is not a pending binding",
                     (unsigned)address, (unsigned)block);
            nf_ipc_reject(inst, NF_REJECT_RELEASE_BOUND_UNEXPECTED, detail);
        } else {
            snprintf(detail, sizeof(detail), "RELEASE_DATA for block %u which holds no sent message", (unsigned)block);
            nf_ipc_reject(inst, NF_REJECT_RELEASE_OF_FREE_BLOCK, detail);
        }
        return;
    }
    NF_ADD(&inst->counters, tx_blocks_in_use, -(int)freed);
    inst->os.wake(inst->os.ctx, NF_OS_EVENT_BLOCKS);
    if (confirmed != NULL) {
        nf_ipc_invoke_bound(inst, confirmed);
    }
}

/* ---- binding (docs/protocol.md §6.7) ---- */

/* Reads the NUL-terminated name once, in chunks, into private memory; its length, or -1 when it
 * is empty, unprintable or unterminated within size. Keeps up to NF_IPC_MAX_NAME - 1 chars. */
static int read_name(struct nf_ipc_instance *inst, uint32_t offset, uint32_t size, char *name)
{
    uint8_t chunk[64];
    for (uint32_t pos = 0; pos < size; pos += sizeof(chunk)) {
        uint32_t n = size - pos < sizeof(chunk) ? size - pos : (uint32_t)sizeof(chunk);
        OPS(inst)->read(CTX(inst), offset + pos, chunk, n);
        for (uint32_t i = 0; i < n; i++) {
            uint8_t b = chunk[i];
            if (b == 0) {
                uint32_t length = pos + i;
                if (length == 0) {
                    return -1;
                }
                name[length < NF_IPC_MAX_NAME ? length : NF_IPC_MAX_NAME - 1] = '\0';
                return (int)length;
            }
            if (b < 0x20 || b > 0x7E) {
                return -1;
            }
            if (pos + i < NF_IPC_MAX_NAME - 1) {
                name[pos + i] = (char)b;
            }
        }
    }
    return -1;
}

static void receive_bound(struct nf_ipc_instance *inst, uint32_t address, uint32_t block)
{
    char detail[96];
    if (inst->initiator) {
        nf_ipc_reject(inst, NF_REJECT_CONTROL_MESSAGE_UNKNOWN, "BOUND sent to the initiator");
        return;
    }
    uint32_t size, count;
    if (!validate_rx_block(inst, block, "BOUND", &size, &count)) {
        return;
    }
    char name[NF_IPC_MAX_NAME];
    int length = read_name(inst, rx_block_offset(inst, block) + NF_ICBMSG_BLOCK_HEADER_SIZE, size, name);
    if (length < 0) {
        snprintf(detail, sizeof(detail), "BOUND for address %u carries no printable NUL-terminated name", (unsigned)address);
        nf_ipc_reject(inst, NF_REJECT_BOUND_NAME_INVALID, detail);
        return;
    }
    NF_LOCK(inst);
    bool taken = inst->parked_block[address] >= 0 || inst->address_to_slot[address] >= 0;
    if (!taken) {
        inst->parked_block[address] = (int16_t)block;
        memcpy(inst->parked_name[address], name, NF_IPC_MAX_NAME);
        inst->parked_length[address] = (uint32_t)length;
        inst->rx_count[block] = (uint16_t)count;
        inst->rx_owner[block] = -1;
        mark_rx(inst, block, count);
        inst->pass_pending = true;
    }
    NF_UNLOCK(inst);
    if (taken) {
        snprintf(detail, sizeof(detail), "BOUND for address %u which is bound or waiting already", (unsigned)address);
        nf_ipc_reject(inst, NF_REJECT_BOUND_ADDRESS_IN_USE, detail);
        return;
    }
    NF_ADD(&inst->counters, rx_blocks_held, (int)count);
}

static bool send_bound(struct nf_ipc_instance *inst, struct nf_endpoint *ept)
{
    uint32_t size = (uint32_t)strlen(ept->config->name) + 1u;
    uint32_t allocated;
    int first = allocate_blocks(inst, nf_region_blocks_for(&inst->tx_layout, size), 0, &allocated);
    if (first < 0) {
        return false;
    }
    OPS(inst)->write(CTX(inst), tx_block_offset(inst, (uint32_t)first) + NF_ICBMSG_BLOCK_HEADER_SIZE, ept->config->name, size);
    NF_LOCK(inst);
    inst->tx_kind[first] = NF_TX_BOUND_SENT;
    inst->bound_address[first] = (uint8_t)ept->address;
    ept->state = NF_EPT_BOUNDING;
    uint32_t address = (uint32_t)ept->address;
    NF_UNLOCK(inst);
    if (send_block(inst, NF_CONTROL_BOUND, address, (uint32_t)first, size) < 0) {
        /* Transient (ring full): retried by the next pass (Zephyr gives up here, docs/protocol.md §13.1). */
        NF_LOCK(inst);
        ept->state = NF_EPT_CONFIGURED;
        NF_UNLOCK(inst);
        free_tx(inst, (uint32_t)first);
        return false;
    }
    return true;
}

static void answer_parked_bound(struct nf_ipc_instance *inst, uint32_t address)
{
    struct nf_endpoint *match = NULL;
    NF_LOCK(inst);
    int block = inst->parked_block[address];
    if (block >= 0) {
        for (uint32_t slot = 0; slot < inst->registered; slot++) {
            struct nf_endpoint *candidate = &inst->endpoints[slot];
            if (candidate->state == NF_EPT_CONFIGURED && strlen(candidate->config->name) == inst->parked_length[address] &&
                strcmp(candidate->config->name, inst->parked_name[address]) == 0) {
                match = candidate;
                break;
            }
        }
    }
    NF_UNLOCK(inst);
    if (match == NULL) {
        return;
    }
    if (send_control(inst, NF_CONTROL_RELEASE_BOUND, address, (uint32_t)block) != (int)NF_CONTROL_LENGTH) {
        NF_LOCK(inst);
        inst->pass_pending = true;
        NF_UNLOCK(inst);
        return;
    }
    NF_LOCK(inst);
    inst->parked_block[address] = -1;
    inst->parked_name[address][0] = '\0';
    match->address = (int16_t)address;
    inst->address_to_slot[address] = (int16_t)match->slot;
    match->state = NF_EPT_READY;
    NF_UNLOCK(inst);
    return_rx_blocks(inst, (uint32_t)block);
    nf_ipc_invoke_bound(inst, match);
}

static void run_binding_pass(struct nf_ipc_instance *inst)
{
    NF_LOCK(inst);
    inst->pass_pending = false;
    uint32_t registered = inst->registered;
    NF_UNLOCK(inst);
    bool again = false;
    for (uint32_t slot = 0; slot < registered; slot++) {
        struct nf_endpoint *ept = &inst->endpoints[slot];
        NF_LOCK(inst);
        enum nf_endpoint_state state = ept->state;
        if (state == NF_EPT_REBOUNDING) {
            ept->state = NF_EPT_READY;
        }
        NF_UNLOCK(inst);
        if (state == NF_EPT_REBOUNDING) {
            nf_ipc_invoke_bound(inst, ept);
        } else if (inst->initiator && state == NF_EPT_CONFIGURED && !send_bound(inst, ept)) {
            again = true;
        }
    }
    if (!inst->initiator) {
        for (uint32_t address = 0; address < inst->config->endpoint_count; address++) {
            answer_parked_bound(inst, address);
        }
    }
    if (again) {
        NF_LOCK(inst);
        inst->pass_pending = true;
        NF_UNLOCK(inst);
    }
}

struct nf_endpoint *nf_icbmsg_register(struct nf_ipc_instance *inst, const struct nf_endpoint_config *config, const char **why)
{
    NF_LOCK(inst);
    for (uint32_t i = 0; i < inst->registered; i++) {
        struct nf_endpoint *existing = &inst->endpoints[i];
        if (existing->config == config) {
            if (existing->state != NF_EPT_DEREGISTERED) {
                NF_UNLOCK(inst);
                *why = "this endpoint configuration is registered already";
                return NULL;
            }
            existing->state = NF_EPT_REBOUNDING;
            inst->pass_pending = true;
            NF_UNLOCK(inst);
            return existing;
        }
        if (strcmp(existing->config->name, config->name) == 0) {
            NF_UNLOCK(inst);
            *why = "an endpoint of this name is registered already";
            return NULL;
        }
    }
    if (inst->registered >= inst->config->endpoint_count) {
        NF_UNLOCK(inst);
        *why = "all endpoint slots of the instance are taken";
        return NULL;
    }
    size_t length = strlen(config->name);
    uint32_t limit = (inst->initiator ? nf_region_max_message(&inst->tx_layout) : nf_region_max_message(&inst->rx_layout)) - 1u;
    if (length == 0 || length > limit || length > NF_IPC_MAX_NAME - 1) {
        NF_UNLOCK(inst);
        *why = "endpoint name is empty, longer than NF_IPC_MAX_NAME - 1, or longer than the initiator's blocks hold";
        return NULL;
    }
    uint32_t slot = inst->registered;
    struct nf_endpoint *ept = &inst->endpoints[slot];
    ept->instance = inst;
    ept->config = config;
    ept->slot = (uint8_t)slot;
    ept->address = -1;
    ept->state = NF_EPT_CONFIGURED;
    if (inst->initiator) {
        ept->address = (int16_t)slot;
        inst->address_to_slot[slot] = (int16_t)slot;
    }
    inst->registered++;
    inst->pass_pending = true;
    NF_UNLOCK(inst);
    return ept;
}

int nf_icbmsg_deregister(struct nf_endpoint *ept)
{
    NF_LOCK(ept->instance);
    int result = ept->state == NF_EPT_READY ? 0 : -EINVAL;
    if (result == 0) {
        ept->state = NF_EPT_DEREGISTERED;
    }
    NF_UNLOCK(ept->instance);
    return result;
}

/* ---- the link's listener and the processing step ---- */

static void on_bound(void *ctx)
{
    struct nf_ipc_instance *inst = ctx;
    NF_LOCK(inst);
    inst->link_bound = true;
    inst->pass_pending = true;
    NF_UNLOCK(inst);
}

static void on_unbound(void *ctx)
{
    (void)ctx; /* ICBMsg runs its link in legacy mode, which has no unbound. */
}

static void on_packet(void *ctx, const uint8_t *packet, uint32_t length)
{
    struct nf_ipc_instance *inst = ctx;
    char detail[80];
    if (length < NF_CONTROL_LENGTH) {
        snprintf(detail, sizeof(detail), "control message of %u bytes", (unsigned)length);
        nf_ipc_reject(inst, NF_REJECT_CONTROL_MESSAGE_TOO_SHORT, detail);
        return;
    }
    uint8_t type = packet[0];
    uint32_t address = packet[1];
    uint32_t block = packet[2];
    if (address >= inst->config->endpoint_count) {
        snprintf(detail, sizeof(detail), "%s for address %u (endpoints: %u)", nf_control_name(type), (unsigned)address,
                 (unsigned)inst->config->endpoint_count);
        nf_ipc_reject(inst, NF_REJECT_ENDPOINT_ADDRESS_OUT_OF_RANGE, detail);
        return;
    }
    switch (type) {
    case NF_CONTROL_DATA: receive_data(inst, address, block); break;
    case NF_CONTROL_RELEASE_DATA: receive_release(inst, block, false, 0); break;
    case NF_CONTROL_BOUND: receive_bound(inst, address, block); break;
    case NF_CONTROL_RELEASE_BOUND: receive_release(inst, block, true, address); break;
    default:
        snprintf(detail, sizeof(detail), "control message type 0x%02X", (unsigned)type);
        nf_ipc_reject(inst, NF_REJECT_CONTROL_MESSAGE_UNKNOWN, detail);
        break;
    }
}

static void on_rejected(void *ctx, enum nf_reject_reason reason, const char *detail)
{
    nf_ipc_report(ctx, reason, detail);
}

const struct nf_icmsg_listener nf_icbmsg_listener = {on_bound, on_unbound, on_packet, on_rejected, NULL};

int32_t nf_icbmsg_process(struct nf_ipc_instance *inst)
{
    int32_t next;
    if (nf_icmsg_link_process(&inst->link)) {
        nf_icmsg_link_repeat_bonding_doorbell(&inst->link);
        next = NF_IPC_RETRY_INTERVAL_MS;
    } else {
        NF_LOCK(inst);
        bool releases = inst->releases_pending;
        NF_UNLOCK(inst);
        if (releases) {
            retry_releases(inst);
        }
        NF_LOCK(inst);
        bool pass = inst->pass_pending && inst->link_bound;
        NF_UNLOCK(inst);
        if (pass) {
            run_binding_pass(inst);
        }
        NF_LOCK(inst);
        next = inst->pass_pending || inst->releases_pending ? NF_IPC_RETRY_INTERVAL_MS : -1;
        NF_UNLOCK(inst);
    }
    /* Everything the drain sent (releases, bindings, sends from callbacks) shares one doorbell. */
    nf_icmsg_link_ring_if_deferred(&inst->link);
    return next;
}
