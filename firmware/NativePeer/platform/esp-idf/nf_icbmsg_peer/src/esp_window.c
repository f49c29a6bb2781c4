/* The shared window over internal SRAM of the ESP32 / ESP32-S3. Both cores address the same bytes at the same
 * addresses and internal SRAM is not behind a cache there (the caches serve external flash and PSRAM), so cache
 * maintenance is a no-op; what matters is ordering: __sync_synchronize() is MEMW on Xtensa, which completes
 * every earlier load and store before any later one, so the other core sees payload before index. */
#include <stdint.h>
#include <string.h>

#include "heap_memory_layout.h"
#include "nf_esp_board.h"
#include "nf_esp_idf.h"
#include "soc/soc.h"

/* Keeps the heap off the shared regions. It lives in this file because every application opens its window
 * here, so the linker always pulls this object, and with it the reservation, out of the component archive. */
SOC_RESERVE_MEMORY_REGION(NF_ESP_BOARD_WINDOW_START, NF_ESP_BOARD_WINDOW_END, nf_icbmsg_window);

static volatile uint32_t *word_at(void *ctx, uint32_t offset)
{
    return (volatile uint32_t *)((uint8_t *)ctx + offset);
}

static uint32_t window_load_acquire(void *ctx, uint32_t offset)
{
    uint32_t value = *word_at(ctx, offset);
    __sync_synchronize(); /* later reads stay after this one */
    return value;
}

static void window_store_release(void *ctx, uint32_t offset, uint32_t value)
{
    __sync_synchronize(); /* earlier writes land first */
    *word_at(ctx, offset) = value;
    __sync_synchronize(); /* and this one before the doorbell that may follow */
}

static void window_read(void *ctx, uint32_t offset, void *dst, uint32_t count)
{
    memcpy(dst, (const uint8_t *)ctx + offset, count);
}

static void window_write(void *ctx, uint32_t offset, const void *src, uint32_t count)
{
    memcpy((uint8_t *)ctx + offset, src, count);
}

static void window_barrier(void *ctx)
{
    (void)ctx;
    __sync_synchronize();
}

static void window_uncached(void *ctx, uint32_t offset, uint32_t count)
{
    (void)ctx;
    (void)offset;
    (void)count;
}

static const struct nf_shm_ops window_ops = {
    .load_acquire = window_load_acquire,
    .store_release = window_store_release,
    .read = window_read,
    .write = window_write,
    .barrier = window_barrier,
    .invalidate = window_uncached,
    .flush = window_uncached,
};

int nf_esp_window_open(uint32_t start, uint32_t end, struct nf_shm *out, const char **why)
{
    if (start % 4u != 0 || end % 4u != 0 || end <= start) {
        *why = "the shared window must be a non-empty, 4-byte aligned range";
        return -1;
    }
    if (start < SOC_DRAM_LOW || end > SOC_DRAM_HIGH) {
        *why = "the shared window is not inside internal data RAM (SOC_DRAM_LOW..SOC_DRAM_HIGH)";
        return -1;
    }
    uint8_t *base = (uint8_t *)(uintptr_t)start;
    out->ops = &window_ops;
    out->ctx = base;
    out->base = start;
    out->length = end - start;
    out->direct = base;
    return 0;
}
