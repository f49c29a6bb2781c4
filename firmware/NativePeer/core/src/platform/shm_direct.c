/* Shared memory the CPU addresses directly with coherent caches: a host's mapped file, the
 * ESP32's internal SRAM. Words go through C11 atomics so the compiler neither tears nor reorders
 * them; everything else is memcpy between the barriers the core places. */
#include <stdatomic.h>
#include <string.h>

#include "nf_icbmsg/platform.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "shm_direct stores words in host order; the protocol's words are little-endian"
#endif

static uint32_t direct_load(void *ctx, uint32_t offset)
{
    return atomic_load_explicit((_Atomic uint32_t *)((uint8_t *)ctx + offset), memory_order_acquire);
}

static void direct_store(void *ctx, uint32_t offset, uint32_t value)
{
    atomic_store_explicit((_Atomic uint32_t *)((uint8_t *)ctx + offset), value, memory_order_release);
}

static void direct_read(void *ctx, uint32_t offset, void *dst, uint32_t count)
{
    memcpy(dst, (const uint8_t *)ctx + offset, count);
}

static void direct_write(void *ctx, uint32_t offset, const void *src, uint32_t count)
{
    memcpy((uint8_t *)ctx + offset, src, count);
}

static void direct_barrier(void *ctx)
{
    (void)ctx;
    atomic_thread_fence(memory_order_seq_cst);
}

static void direct_no_cache(void *ctx, uint32_t offset, uint32_t count)
{
    (void)ctx;
    (void)offset;
    (void)count;
}

const struct nf_shm_ops nf_shm_direct_ops = {
    .load_acquire = direct_load,
    .store_release = direct_store,
    .read = direct_read,
    .write = direct_write,
    .barrier = direct_barrier,
    .invalidate = direct_no_cache,
    .flush = direct_no_cache,
};
