/*
 * The three porting seams of the C core: shared memory, the mailbox line, and a tiny OS layer.
 * The core never calls an OS or touches memory except through these, so one core serves the
 * POSIX host (platform/posix) and an RTOS target (an ESP-IDF/FreeRTOS port builds on the same
 * structs).
 *
 * Calling contexts used below:
 *   interrupt context  - a mailbox interrupt handler; may only call nf_ipc_doorbell().
 *   processing context - the one task/thread that runs nf_ipc_process() for an instance; every
 *                        callback (bound, received, unbound, reject) runs here.
 *   sender context     - any task/thread that calls the send/get-buffer/release API.
 */
#ifndef NF_ICBMSG_PLATFORM_H
#define NF_ICBMSG_PLATFORM_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The shared-memory window: [base, base + length) in the physical address space both cores see.
 * All offsets are window offsets (address - base). The core checks every offset it derives from
 * the peer against its own view of the two regions before it calls any of these, so an
 * implementation never has to defend against out-of-window offsets; it may assert.
 * Word accesses are 4-aligned, little-endian values as stored in memory.
 * Called from processing and sender contexts, never from interrupt context.
 */
struct nf_shm_ops {
    /* Load a 32-bit word with acquire ordering (later reads are not hoisted above it). */
    uint32_t (*load_acquire)(void *ctx, uint32_t offset);
    /* Store a 32-bit word with release ordering (earlier writes are visible before it). */
    void (*store_release)(void *ctx, uint32_t offset, uint32_t value);
    /* Bulk copy out of / into the window (no ordering implied; the core adds barriers). */
    void (*read)(void *ctx, uint32_t offset, void *dst, uint32_t count);
    void (*write)(void *ctx, uint32_t offset, const void *src, uint32_t count);
    /* Full memory barrier between the two cores. */
    void (*barrier)(void *ctx);
    /* Cache maintenance for [offset, offset + count): drop stale lines before reading what the
     * peer wrote; write back lines after writing what the peer reads. No-ops on coherent memory. */
    void (*invalidate)(void *ctx, uint32_t offset, uint32_t count);
    void (*flush)(void *ctx, uint32_t offset, uint32_t count);
};

struct nf_shm {
    const struct nf_shm_ops *ops;
    void *ctx;
    uint32_t base;   /* physical address of window offset 0 */
    uint32_t length; /* bytes in the window */
    /* The window as the CPU addresses it, or NULL. ICBMsg needs it: received messages are handed
     * over in place and zero-copy tx buffers are written in place. */
    uint8_t *direct;
};

/* Ops for memory the CPU addresses directly with coherent caches (a mapped file on a host,
 * internal SRAM on the ESP32): C11 atomics, memcpy, no cache maintenance. ctx = the window's
 * first byte (same as nf_shm.direct). */
extern const struct nf_shm_ops nf_shm_direct_ops;

/* Raising the mailbox line to the peer ("tx" channel). Called from processing and sender
 * contexts, never under an ISR. Must not block for long; a lost ring is tolerated by the
 * protocol's bonding repeat but not in steady state, so do not drop it silently. */
struct nf_mbox_tx {
    void (*ring)(void *ctx);
    void *ctx;
};

/* Events a context can wait for. */
enum nf_os_event {
    NF_OS_EVENT_WORK = 0,   /* the processing context has work: doorbell, registration, close */
    NF_OS_EVENT_BLOCKS = 1, /* tx blocks were freed or ring space may be free: senders re-check */
};

#define NF_OS_WAIT_FOREVER (-1)

struct nf_os {
    /* The instance lock: a non-recursive mutex. Taken by processing and sender contexts, never in
     * interrupt context and never across a callback into the application. */
    void (*lock)(void *ctx);
    void (*unlock)(void *ctx);
    /* Sets the event (sticky until one waiter consumes it). NF_OS_EVENT_WORK may be set from
     * interrupt context; implementations must make that path ISR-safe. */
    void (*wake)(void *ctx, enum nf_os_event event);
    /* Waits until the event is set (consuming it) or timeout_ms passes (0: poll,
     * NF_OS_WAIT_FOREVER: no limit). Returns true when the event was set. Processing context
     * waits for WORK; sender contexts wait for BLOCKS. */
    bool (*wait)(void *ctx, enum nf_os_event event, int32_t timeout_ms);
    /* Monotonic milliseconds (wraps; the core only subtracts). Any context. */
    uint32_t (*now_ms)(void *ctx);
    /* True when called from the instance's processing context (a wait there would wait for
     * itself, so the core turns it into a poll). */
    bool (*in_processing_context)(void *ctx);
    void *ctx;
};

#ifdef __cplusplus
}
#endif

#endif
