// MODEL of ESP-IDF components/esp_mm/include/esp_cache.h (v5.x, the part used), for firmware/Native/check.sh
// only. Flag values as we read them; the real build uses the real header.
#ifndef NF_MODEL_ESP_CACHE_H
#define NF_MODEL_ESP_CACHE_H

#include <stddef.h>

#include <esp_err.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ESP_CACHE_MSYNC_FLAG_INVALIDATE (1 << 0) // C2M: invalidate after the write-back
#define ESP_CACHE_MSYNC_FLAG_UNALIGNED  (1 << 1) // allow ranges not aligned to the cache line
#define ESP_CACHE_MSYNC_FLAG_DIR_C2M    (1 << 2) // cache to memory: write back dirty lines
#define ESP_CACHE_MSYNC_FLAG_DIR_M2C    (1 << 3) // memory to cache: invalidate
#define ESP_CACHE_MSYNC_FLAG_TYPE_DATA  (1 << 4) // data cache

// Synchronizes a range between the cache and memory. Returns ESP_ERR_INVALID_ARG for a range the cache does
// not cover or (without ESP_CACHE_MSYNC_FLAG_UNALIGNED) that is not line-aligned.
esp_err_t esp_cache_msync(void *addr, size_t size, int flags);

#ifdef __cplusplus
}
#endif

#endif // NF_MODEL_ESP_CACHE_H
