/* The plain ICMsg backend (docs/protocol.md §5): one endpoint per instance, payloads in the ring.
 * The link opens when the endpoint registers and closes when it deregisters, as in Zephyr. */
#include <errno.h>
#include <stdio.h>

#include "nf_icbmsg/ipc_backend.h"

struct nf_endpoint *nf_icmsg_register(struct nf_ipc_instance *inst, const struct nf_endpoint_config *config, const char **why)
{
    struct nf_endpoint *ept = &inst->endpoints[0];
    NF_LOCK(inst);
    if (inst->registered == 1 && ept->config != config && ept->state != NF_EPT_DEREGISTERED) {
        NF_UNLOCK(inst);
        *why = "an ICMsg instance has one endpoint";
        return NULL;
    }
    if (inst->registered == 1 && ept->config == config && ept->state != NF_EPT_DEREGISTERED && ept->state != NF_EPT_UNBOUND) {
        NF_UNLOCK(inst);
        *why = "this endpoint configuration is registered already";
        return NULL;
    }
    ept->instance = inst;
    ept->config = config;
    ept->slot = 0;
    ept->address = 0;
    ept->state = NF_EPT_CONFIGURED;
    inst->registered = 1;
    inst->open_pending = true;
    NF_UNLOCK(inst);
    return ept;
}

int nf_icmsg_deregister(struct nf_endpoint *ept)
{
    struct nf_ipc_instance *inst = ept->instance;
    NF_LOCK(inst);
    if (ept->state == NF_EPT_DEREGISTERED) {
        NF_UNLOCK(inst);
        return -EINVAL;
    }
    ept->state = NF_EPT_DEREGISTERED;
    inst->link_open = false;
    NF_UNLOCK(inst);
    nf_icmsg_link_close(&inst->link);
    return 0;
}

enum nf_send_status nf_icmsg_send(struct nf_endpoint *ept, const void *data, uint32_t length, int32_t timeout_ms)
{
    struct nf_ipc_instance *inst = ept->instance;
    if (!nf_ept_is_bound(ept)) {
        return NF_SEND_NOT_BOUND;
    }
    /* The reader never rings the writer when it frees ring space, so a full ring is polled until
     * the timeout; never in the processing context, which is the one that would free it. */
    uint32_t start = inst->os.now_ms(inst->os.ctx);
    int result = nf_icmsg_link_send(&inst->link, data, length, false);
    while (result == -ENOMEM) {
        if (timeout_ms == 0 || nf_ipc_in_processing(inst) || inst->stopping ||
            (timeout_ms > 0 && inst->os.now_ms(inst->os.ctx) - start >= (uint32_t)timeout_ms)) {
            return NF_SEND_RING_FULL;
        }
        inst->os.wait(inst->os.ctx, NF_OS_EVENT_BLOCKS, 1);
        result = nf_icmsg_link_send(&inst->link, data, length, false);
    }
    if (result < 0) {
        return NF_SEND_NOT_BOUND;
    }
    nf_ipc_count_sent(inst, length);
    return NF_SEND_SENT;
}

static struct nf_endpoint *set_state(struct nf_ipc_instance *inst, enum nf_endpoint_state state)
{
    NF_LOCK(inst);
    struct nf_endpoint *ept = inst->registered == 1 ? &inst->endpoints[0] : NULL;
    if (ept != NULL) {
        ept->state = state;
    }
    NF_UNLOCK(inst);
    return ept;
}

static void on_bound(void *ctx)
{
    struct nf_endpoint *ept = set_state(ctx, NF_EPT_READY);
    if (ept != NULL) {
        nf_ipc_invoke_bound(ctx, ept);
    }
}

static void on_unbound(void *ctx)
{
    struct nf_endpoint *ept = set_state(ctx, NF_EPT_UNBOUND);
    if (ept != NULL && ept->config->unbound != NULL) {
        ept->config->unbound(ept, ept->config->priv);
    }
}

static void on_packet(void *ctx, const uint8_t *packet, uint32_t length)
{
    struct nf_ipc_instance *inst = ctx;
    NF_LOCK(inst);
    struct nf_endpoint *ept = inst->registered == 1 && inst->endpoints[0].state == NF_EPT_READY ? &inst->endpoints[0] : NULL;
    NF_UNLOCK(inst);
    if (ept == NULL) {
        char detail[80];
        snprintf(detail, sizeof(detail), "packet of %u bytes for an endpoint that is not bound", (unsigned)length);
        nf_ipc_reject(inst, NF_REJECT_ENDPOINT_NOT_READY, detail);
        return;
    }
    nf_ipc_count_received(inst, length);
    struct nf_rx_buffer buffer = {.data = packet, .length = length, .block = 0};
    if (ept->config->received != NULL) {
        ept->config->received(ept, &buffer, ept->config->priv);
    }
}

static void on_rejected(void *ctx, enum nf_reject_reason reason, const char *detail)
{
    nf_ipc_report(ctx, reason, detail);
}

const struct nf_icmsg_listener nf_icmsg_listener = {on_bound, on_unbound, on_packet, on_rejected, NULL};

int32_t nf_icmsg_process(struct nf_ipc_instance *inst)
{
    NF_LOCK(inst);
    bool open = inst->open_pending;
    inst->open_pending = false;
    if (open) {
        inst->link_open = true;
    }
    bool link_open = inst->link_open;
    NF_UNLOCK(inst);
    if (open) {
        nf_icmsg_link_open(&inst->link);
    }
    if (!link_open) {
        return -1;
    }
    if (nf_icmsg_link_process(&inst->link)) {
        nf_icmsg_link_repeat_bonding_doorbell(&inst->link);
        return NF_IPC_RETRY_INTERVAL_MS;
    }
    return -1;
}
