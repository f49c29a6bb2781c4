/* Tx block map; see nf_icbmsg/block_allocator.h. */
#include "nf_icbmsg/block_allocator.h"

#include <string.h>

void nf_block_allocator_init(struct nf_block_allocator *a, uint16_t block_count)
{
    memset(a, 0, sizeof(*a));
    a->block_count = block_count;
}

static void mark(struct nf_block_allocator *a, uint32_t first, uint32_t count)
{
    for (uint32_t i = first; i < first + count; i++) {
        a->used[i] = true;
    }
    a->buffer_blocks[first] = (uint16_t)count;
}

int nf_block_allocator_take(struct nf_block_allocator *a, uint32_t count, uint32_t *allocated)
{
    *allocated = 0;
    if (count > a->block_count) {
        return -1;
    }
    if (count == 0) {
        for (uint32_t i = 0; i < a->block_count; i++) {
            if (!a->used[i]) {
                uint32_t n = 0;
                while (i + n < a->block_count && !a->used[i + n]) {
                    n++;
                }
                mark(a, i, n);
                *allocated = n;
                return (int)i;
            }
        }
        return -1;
    }
    uint32_t run = 0;
    for (uint32_t i = 0; i < a->block_count; i++) {
        run = a->used[i] ? 0 : run + 1;
        if (run == count) {
            uint32_t first = i + 1u - count;
            mark(a, first, count);
            *allocated = count;
            return (int)first;
        }
    }
    return -1;
}

void nf_block_allocator_shrink(struct nf_block_allocator *a, uint32_t first, uint32_t keep)
{
    uint32_t count = a->buffer_blocks[first];
    for (uint32_t i = first + keep; i < first + count; i++) {
        a->used[i] = false;
    }
    a->buffer_blocks[first] = (uint16_t)keep;
}

uint32_t nf_block_allocator_free(struct nf_block_allocator *a, uint32_t first)
{
    if (first >= a->block_count) {
        return 0;
    }
    uint32_t count = a->buffer_blocks[first];
    for (uint32_t i = first; i < first + count; i++) {
        a->used[i] = false;
    }
    a->buffer_blocks[first] = 0;
    return count;
}

uint32_t nf_block_allocator_in_use(const struct nf_block_allocator *a)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < a->block_count; i++) {
        n += a->used[i] ? 1u : 0u;
    }
    return n;
}
