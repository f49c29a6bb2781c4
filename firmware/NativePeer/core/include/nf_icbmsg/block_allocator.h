/* The sender's map of its tx blocks: first-fit runs of contiguous free blocks (Zephyr's bitarray).
 * Not thread-safe by itself: every call is made under the instance lock. */
#ifndef NF_ICBMSG_BLOCK_ALLOCATOR_H
#define NF_ICBMSG_BLOCK_ALLOCATOR_H

#include <stdbool.h>
#include <stdint.h>

#include "nf_icbmsg/region_layout.h"

#ifdef __cplusplus
extern "C" {
#endif

struct nf_block_allocator {
    uint16_t block_count;
    bool used[NF_ICBMSG_MAX_BLOCK_COUNT];
    uint16_t buffer_blocks[NF_ICBMSG_MAX_BLOCK_COUNT]; /* at a buffer's first block: its length in blocks */
};

void nf_block_allocator_init(struct nf_block_allocator *a, uint16_t block_count);
/* count > 0: first fit of count blocks. count == 0: the first free block extended over the free
 * blocks after it (Zephyr's "as much as possible"). Returns the first block or -1; *allocated. */
int nf_block_allocator_take(struct nf_block_allocator *a, uint32_t count, uint32_t *allocated);
/* Keeps the first keep blocks of the buffer at first, frees the rest. */
void nf_block_allocator_shrink(struct nf_block_allocator *a, uint32_t first, uint32_t keep);
/* Frees the buffer at first; returns its block count (0 when first starts no buffer). */
uint32_t nf_block_allocator_free(struct nf_block_allocator *a, uint32_t first);
uint32_t nf_block_allocator_in_use(const struct nf_block_allocator *a);

#ifdef __cplusplus
}
#endif

#endif
