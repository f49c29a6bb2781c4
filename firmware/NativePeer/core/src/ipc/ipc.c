/* The instance layer: configuration checks, open/close, the doorbell, processing, the public API
 * dispatch to the two backends, statistics and reject reporting. */
#include "nf_icbmsg/ipc.h"

#include <errno.h>
#include <string.h>

#include "nf_icbmsg/ipc_backend.h"

static bool inside_window(const struct nf_shm *shm, uint32_t address, uint32_t size)
{
    return address >= shm->base && (uint64_t)address - shm->base + size <= shm->length;
}

static int fail(const char **why, const char *text)
{
    *why = text;
    return -EINVAL;
}

static int init_icbmsg(struct nf_ipc_instance *inst, const char **why)
{
    const struct nf_ipc_config *c = inst->config;
    if (inst->shm.direct == NULL) {
        return fail(why, "ICBMsg needs a directly addressable window (nf_shm.direct)");
    }
    if (c->endpoint_count < 1 || c->endpoint_count > 254 || c->endpoint_count > NF_IPC_MAX_ENDPOINTS) {
        return fail(why, "endpoint_count is outside 1..NF_IPC_MAX_ENDPOINTS (and 254)");
    }
    if (nf_region_layout_compute(&inst->tx_layout, c->tx_region_address, c->tx_region_size, c->tx_blocks, c->rx_blocks,
                                 c->dcache_alignment, why) != 0 ||
        nf_region_layout_compute(&inst->rx_layout, c->rx_region_address, c->rx_region_size, c->rx_blocks, c->tx_blocks,
                                 c->dcache_alignment, why) != 0) {
        return -EINVAL;
    }
    if (inst->tx_layout.begin < inst->rx_layout.end && inst->rx_layout.begin < inst->tx_layout.end) {
        return fail(why, "tx and rx regions overlap");
    }
    inst->initiator = nf_region_blocks_address(&inst->rx_layout) < nf_region_blocks_address(&inst->tx_layout);
    inst->tx_blocks_offset = nf_region_blocks_address(&inst->tx_layout) - inst->shm.base;
    inst->rx_blocks_offset = nf_region_blocks_address(&inst->rx_layout) - inst->shm.base;
    inst->max_message = nf_region_max_message(&inst->tx_layout);
    struct nf_pbuf_layout tx, rx;
    if (nf_pbuf_layout_init(&tx, inst->tx_layout.begin, inst->tx_layout.begin - inst->shm.base,
                            inst->tx_layout.icmsg_area_size, c->dcache_alignment, false, why) != 0 ||
        nf_pbuf_layout_init(&rx, inst->rx_layout.begin, inst->rx_layout.begin - inst->shm.base,
                            inst->rx_layout.icmsg_area_size, c->dcache_alignment, false, why) != 0) {
        return -EINVAL;
    }
    nf_block_allocator_init(&inst->allocator, c->tx_blocks);
    for (uint32_t i = 0; i < NF_IPC_MAX_ENDPOINTS; i++) {
        inst->address_to_slot[i] = -1;
        inst->parked_block[i] = -1;
    }
    for (uint32_t k = 0; k < NF_ICBMSG_MAX_BLOCK_COUNT; k++) {
        inst->rx_owner[k] = -1;
    }
    nf_icmsg_link_init(&inst->link, &inst->shm, &tx, &rx, &inst->mbox, &inst->os, &inst->counters, NF_UNBOUND_DISABLE,
                       inst->packet, c->rx_buffer_size, c->peer_rx_buffer_size, &nf_icbmsg_listener, &inst->stopping);
    inst->link.listener.ctx = inst;
    return 0;
}

static int init_icmsg(struct nf_ipc_instance *inst, const char **why)
{
    const struct nf_ipc_config *c = inst->config;
    bool handshake = c->unbound != NF_UNBOUND_DISABLE;
    struct nf_pbuf_layout tx, rx;
    if (nf_pbuf_layout_init(&tx, c->tx_region_address, c->tx_region_address - inst->shm.base, c->tx_region_size,
                            c->dcache_alignment, handshake, why) != 0 ||
        nf_pbuf_layout_init(&rx, c->rx_region_address, c->rx_region_address - inst->shm.base, c->rx_region_size,
                            c->dcache_alignment, handshake, why) != 0) {
        return -EINVAL;
    }
    uint32_t ring_max = nf_pbuf_max_packet(&tx);
    inst->max_message = ring_max < c->peer_rx_buffer_size ? ring_max : c->peer_rx_buffer_size;
    nf_icmsg_link_init(&inst->link, &inst->shm, &tx, &rx, &inst->mbox, &inst->os, &inst->counters, c->unbound,
                       inst->packet, c->rx_buffer_size, c->peer_rx_buffer_size, &nf_icmsg_listener, &inst->stopping);
    inst->link.listener.ctx = inst;
    return 0;
}

int nf_ipc_init(struct nf_ipc_instance *inst, const struct nf_ipc_config *config, const struct nf_shm *shm,
                const struct nf_os *os, const struct nf_mbox_tx *mbox, const char **why)
{
    const char *unused;
    if (why == NULL) {
        why = &unused;
    }
    *why = NULL;
    if (inst == NULL || config == NULL || shm == NULL || os == NULL || mbox == NULL || shm->ops == NULL) {
        return fail(why, "a required argument is NULL");
    }
    memset(inst, 0, sizeof(*inst));
    inst->config = config;
    inst->shm = *shm;
    inst->os = *os;
    inst->mbox = *mbox;
    inst->delivering_block = -1;
    if (!inside_window(shm, config->tx_region_address, config->tx_region_size)) {
        return fail(why, "tx region lies outside the shared window");
    }
    if (!inside_window(shm, config->rx_region_address, config->rx_region_size)) {
        return fail(why, "rx region lies outside the shared window");
    }
    if (config->rx_buffer_size < NF_ICMSG_MAGIC_LENGTH || config->rx_buffer_size > NF_IPC_MAX_PACKET ||
        config->peer_rx_buffer_size < NF_ICMSG_MAGIC_LENGTH) {
        return fail(why, "rx_buffer_size must be 13..NF_IPC_MAX_PACKET and peer_rx_buffer_size at least 13");
    }
    return config->backend == NF_BACKEND_ICBMSG ? init_icbmsg(inst, why) : init_icmsg(inst, why);
}

void nf_ipc_set_reject_handler(struct nf_ipc_instance *inst, nf_reject_handler handler, void *priv)
{
    inst->on_reject = handler;
    inst->on_reject_priv = priv;
}

int nf_ipc_open(struct nf_ipc_instance *inst)
{
    NF_LOCK(inst);
    if (inst->opened) {
        NF_UNLOCK(inst);
        return -EALREADY;
    }
    inst->opened = true;
    inst->stopping = false;
    NF_UNLOCK(inst);
    int result = 0;
    if (inst->config->backend == NF_BACKEND_ICBMSG) {
        /* ICMsg opens when its endpoint registers (as Zephyr's backend does). */
        result = nf_icmsg_link_open(&inst->link);
    }
    inst->os.wake(inst->os.ctx, NF_OS_EVENT_WORK);
    return result;
}

void nf_ipc_close(struct nf_ipc_instance *inst)
{
    NF_LOCK(inst);
    bool was_open = inst->opened && !inst->stopping;
    inst->stopping = true;
    NF_UNLOCK(inst);
    if (was_open) {
        inst->os.wake(inst->os.ctx, NF_OS_EVENT_WORK);
        inst->os.wake(inst->os.ctx, NF_OS_EVENT_BLOCKS);
        nf_icmsg_link_close(&inst->link);
    }
}

void nf_ipc_doorbell(struct nf_ipc_instance *inst)
{
    NF_COUNT(&inst->counters, doorbells_received);
    inst->os.wake(inst->os.ctx, NF_OS_EVENT_WORK);
}

int32_t nf_ipc_process(struct nf_ipc_instance *inst)
{
    if (inst->stopping || !inst->opened) {
        return -1;
    }
    return inst->config->backend == NF_BACKEND_ICBMSG ? nf_icbmsg_process(inst) : nf_icmsg_process(inst);
}

struct nf_endpoint *nf_ipc_register_endpoint(struct nf_ipc_instance *inst, const struct nf_endpoint_config *config,
                                            const char **why)
{
    const char *unused;
    if (why == NULL) {
        why = &unused;
    }
    *why = NULL;
    if (config == NULL || config->name == NULL) {
        *why = "endpoint config or name is NULL";
        return NULL;
    }
    struct nf_endpoint *ept = inst->config->backend == NF_BACKEND_ICBMSG ? nf_icbmsg_register(inst, config, why)
                                                                         : nf_icmsg_register(inst, config, why);
    if (ept != NULL) {
        inst->os.wake(inst->os.ctx, NF_OS_EVENT_WORK);
    }
    return ept;
}

int nf_ept_deregister(struct nf_endpoint *ept)
{
    return ept->instance->config->backend == NF_BACKEND_ICBMSG ? nf_icbmsg_deregister(ept) : nf_icmsg_deregister(ept);
}

bool nf_ipc_is_bonded(struct nf_ipc_instance *inst) { return nf_icmsg_link_connected(&inst->link); }
bool nf_ipc_is_initiator(const struct nf_ipc_instance *inst) { return inst->initiator; }
uint32_t nf_ipc_max_message(const struct nf_ipc_instance *inst) { return inst->max_message; }

bool nf_ept_is_bound(struct nf_endpoint *ept)
{
    NF_LOCK(ept->instance);
    bool ready = ept->state == NF_EPT_READY;
    NF_UNLOCK(ept->instance);
    return ready;
}

bool nf_ipc_peer_caught_up(struct nf_ipc_instance *inst)
{
    NF_LOCK(inst);
    bool caught_up = nf_pbuf_reader_has_consumed(&inst->link.tx, inst->link.tx.write_index);
    NF_UNLOCK(inst);
    return caught_up;
}

void nf_ipc_get_statistics(struct nf_ipc_instance *inst, struct nf_statistics *out)
{
    NF_LOCK(inst);
    nf_counters_snapshot(&inst->counters, out);
    NF_UNLOCK(inst);
}

uint32_t nf_ipc_parked_names(struct nf_ipc_instance *inst, char names[][NF_IPC_MAX_NAME], uint32_t max)
{
    uint32_t n = 0;
    NF_LOCK(inst);
    for (uint32_t a = 0; a < NF_IPC_MAX_ENDPOINTS && n < max; a++) {
        if (inst->parked_block[a] >= 0) {
            memcpy(names[n++], inst->parked_name[a], NF_IPC_MAX_NAME);
        }
    }
    NF_UNLOCK(inst);
    return n;
}

enum nf_send_status nf_ept_send(struct nf_endpoint *ept, const void *data, uint32_t length, int32_t timeout_ms)
{
    if (data == NULL || length == 0 || length > ept->instance->max_message) {
        return NF_SEND_INVALID_ARGUMENT;
    }
    return ept->instance->config->backend == NF_BACKEND_ICBMSG ? nf_icbmsg_send(ept, data, length, timeout_ms)
                                                               : nf_icmsg_send(ept, data, length, timeout_ms);
}

enum nf_send_status nf_ept_get_tx_buffer(struct nf_endpoint *ept, uint32_t size, int32_t timeout_ms, struct nf_tx_buffer *out)
{
    if (out == NULL || ept->instance->config->backend != NF_BACKEND_ICBMSG || size > ept->instance->max_message) {
        return NF_SEND_INVALID_ARGUMENT;
    }
    return nf_icbmsg_get_tx_buffer(ept, size, timeout_ms, out);
}

enum nf_send_status nf_ept_send_nocopy(struct nf_endpoint *ept, const struct nf_tx_buffer *buffer, uint32_t length)
{
    if (buffer == NULL || ept->instance->config->backend != NF_BACKEND_ICBMSG) {
        return NF_SEND_INVALID_ARGUMENT;
    }
    return nf_icbmsg_send_nocopy(ept, buffer, length);
}

int nf_ept_drop_tx_buffer(struct nf_endpoint *ept, const struct nf_tx_buffer *buffer)
{
    if (buffer == NULL || ept->instance->config->backend != NF_BACKEND_ICBMSG) {
        return -EINVAL;
    }
    return nf_icbmsg_drop_tx_buffer(ept, buffer);
}

int nf_ept_hold_rx_buffer(struct nf_endpoint *ept, const struct nf_rx_buffer *buffer)
{
    if (buffer == NULL || ept->instance->config->backend != NF_BACKEND_ICBMSG) {
        return -ENOTSUP;
    }
    return nf_icbmsg_hold(ept, buffer);
}

int nf_ept_release_rx_buffer(struct nf_endpoint *ept, const struct nf_rx_buffer *buffer)
{
    if (buffer == NULL || ept->instance->config->backend != NF_BACKEND_ICBMSG) {
        return -ENOTSUP;
    }
    return nf_icbmsg_release(ept, buffer);
}

const char *nf_send_status_text(enum nf_send_status status)
{
    switch (status) {
    case NF_SEND_SENT: return "sent";
    case NF_SEND_NO_BUFFERS: return "no free tx block within the timeout (the peer stopped releasing)";
    case NF_SEND_NOT_BOUND: return "the endpoint is not bound";
    case NF_SEND_RING_FULL: return "the ICMsg ring stayed full (the peer stopped reading)";
    case NF_SEND_INVALID_ARGUMENT: return "invalid argument (length 0, over the largest message, or a foreign buffer)";
    default: return "unknown status";
    }
}

/* Shared with the backends. */

void nf_ipc_report(struct nf_ipc_instance *inst, enum nf_reject_reason reason, const char *detail)
{
    if (inst->on_reject != NULL) {
        inst->on_reject(inst, reason, detail, inst->on_reject_priv);
    }
}

void nf_ipc_reject(struct nf_ipc_instance *inst, enum nf_reject_reason reason, const char *detail)
{
    NF_COUNT(&inst->counters, rejected_for[reason]);
    nf_ipc_report(inst, reason, detail);
}

bool nf_ipc_in_processing(struct nf_ipc_instance *inst) { return inst->os.in_processing_context(inst->os.ctx); }

void nf_ipc_count_sent(struct nf_ipc_instance *inst, uint32_t bytes)
{
    NF_COUNT(&inst->counters, messages_sent);
    NF_LOCK(inst);
    inst->counters.bytes_sent += bytes;
    NF_UNLOCK(inst);
}

void nf_ipc_count_received(struct nf_ipc_instance *inst, uint32_t bytes)
{
    NF_COUNT(&inst->counters, messages_received);
    NF_LOCK(inst);
    inst->counters.bytes_received += bytes;
    NF_UNLOCK(inst);
}

void nf_ipc_invoke_bound(struct nf_ipc_instance *inst, struct nf_endpoint *ept)
{
    (void)inst;
    if (ept->config->bound != NULL) {
        ept->config->bound(ept, ept->config->priv);
    }
}
