/* Reject reason names (as on the C# side) and the statistics snapshot. */
#include "nf_icbmsg/statistics.h"

static const char *const names[NF_REJECT_REASON_COUNT] = {
    "RingIndexInvalid", "PacketLengthInvalid", "PacketTooLong", "MagicInvalid",
    "ControlMessageTooShort", "ControlMessageUnknown", "EndpointAddressOutOfRange", "EndpointNotReady",
    "BlockIndexOutOfRange", "BlockSizeInvalid", "BlockInUse", "ReleaseOfFreeBlock",
    "BoundNameInvalid", "BoundAddressInUse", "ReleaseBoundUnexpected", "NotBonded",
};

const char *nf_reject_reason_name(enum nf_reject_reason reason)
{
    return (unsigned)reason < NF_REJECT_REASON_COUNT ? names[reason] : "Unknown";
}

#define LOAD(field) atomic_load_explicit(&c->field, memory_order_relaxed)

void nf_counters_snapshot(const struct nf_counters *c, struct nf_statistics *out)
{
    out->messages_sent = LOAD(messages_sent);
    out->messages_received = LOAD(messages_received);
    out->bytes_sent = c->bytes_sent;
    out->bytes_received = c->bytes_received;
    out->control_messages_sent = LOAD(control_messages_sent);
    out->control_messages_received = LOAD(control_messages_received);
    out->doorbells_rung = LOAD(doorbells_rung);
    out->doorbells_saved = LOAD(doorbells_saved);
    out->doorbells_received = LOAD(doorbells_received);
    out->tx_blocks_in_use = LOAD(tx_blocks_in_use);
    out->rx_blocks_held = LOAD(rx_blocks_held);
    out->allocation_waits = LOAD(allocation_waits);
    out->allocation_timeouts = LOAD(allocation_timeouts);
    out->sends_dropped_unbound = LOAD(sends_dropped_unbound);
    out->callback_faults = LOAD(callback_faults);
    out->internal_faults = LOAD(internal_faults);
    out->rejected = 0;
    for (unsigned i = 0; i < NF_REJECT_REASON_COUNT; i++) {
        out->rejected_for[i] = LOAD(rejected_for[i]);
        out->rejected += out->rejected_for[i];
    }
}
