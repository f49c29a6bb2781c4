/* Per-instance counters and the reasons an input from the peer is dropped. Names mirror the C#
 * side (IpcStatistics, RejectReason) so reports of both sides read the same. */
#ifndef NF_ICBMSG_STATISTICS_H
#define NF_ICBMSG_STATISTICS_H

#include <stdatomic.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Why an input from the peer was dropped; the values equal the C# RejectReason values. */
enum nf_reject_reason {
    NF_REJECT_RING_INDEX_INVALID = 0,         /* peer ring index misaligned or outside the ring */
    NF_REJECT_PACKET_LENGTH_INVALID = 1,      /* header length 0, over the ring, or over what was written */
    NF_REJECT_PACKET_TOO_LONG = 2,            /* longer than this side's read buffer (discarded) */
    NF_REJECT_MAGIC_INVALID = 3,              /* first packet of legacy bonding is not the magic */
    NF_REJECT_CONTROL_MESSAGE_TOO_SHORT = 4,  /* control message under 3 bytes */
    NF_REJECT_CONTROL_MESSAGE_UNKNOWN = 5,    /* unknown type (or BOUND sent to the initiator) */
    NF_REJECT_ENDPOINT_ADDRESS_OUT_OF_RANGE = 6,
    NF_REJECT_ENDPOINT_NOT_READY = 7,         /* data for an address no ready endpoint holds */
    NF_REJECT_BLOCK_INDEX_OUT_OF_RANGE = 8,
    NF_REJECT_BLOCK_SIZE_INVALID = 9,         /* size header larger than the blocks after it */
    NF_REJECT_BLOCK_IN_USE = 10,              /* new message in blocks this side still holds */
    NF_REJECT_RELEASE_OF_FREE_BLOCK = 11,
    NF_REJECT_BOUND_NAME_INVALID = 12,        /* empty, unprintable or unterminated name */
    NF_REJECT_BOUND_ADDRESS_IN_USE = 13,
    NF_REJECT_RELEASE_BOUND_UNEXPECTED = 14,
    NF_REJECT_NOT_BONDED = 15,
    NF_REJECT_REASON_COUNT = 16
};

const char *nf_reject_reason_name(enum nf_reject_reason reason);

/* A snapshot (nf_ipc_get_statistics). Counters only grow, except the two "now" gauges. */
struct nf_statistics {
    uint32_t messages_sent, messages_received;
    uint64_t bytes_sent, bytes_received;
    uint32_t control_messages_sent, control_messages_received; /* ICMsg packets */
    uint32_t doorbells_rung, doorbells_saved, doorbells_received;
    int32_t tx_blocks_in_use, rx_blocks_held; /* now */
    uint32_t allocation_waits, allocation_timeouts;
    uint32_t sends_dropped_unbound, callback_faults, internal_faults;
    uint32_t rejected; /* sum over reasons */
    uint32_t rejected_for[NF_REJECT_REASON_COUNT];
};

/* The live counters. Relaxed atomics: any context may count (doorbells_received is counted in
 * interrupt context), nothing is ordered by them. */
struct nf_counters {
    atomic_uint messages_sent, messages_received;
    atomic_uint control_messages_sent, control_messages_received;
    atomic_uint doorbells_rung, doorbells_saved, doorbells_received;
    atomic_int tx_blocks_in_use, rx_blocks_held;
    atomic_uint allocation_waits, allocation_timeouts;
    atomic_uint sends_dropped_unbound, callback_faults, internal_faults;
    atomic_uint rejected_for[NF_REJECT_REASON_COUNT];
    /* 64-bit sums are guarded by the instance lock (no lock-free 64-bit atomics on every core). */
    uint64_t bytes_sent, bytes_received;
};

#define NF_COUNT(counters, field) atomic_fetch_add_explicit(&(counters)->field, 1, memory_order_relaxed)
#define NF_ADD(counters, field, n) atomic_fetch_add_explicit(&(counters)->field, (n), memory_order_relaxed)

void nf_counters_snapshot(const struct nf_counters *counters, struct nf_statistics *out);

#ifdef __cplusplus
}
#endif

#endif
