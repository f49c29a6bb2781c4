/*
 * ICBMsg: how one region is split into the ICMsg control ring and the blocks (docs/protocol.md §6.2).
 *
 *   reg_addr                                                         reg_addr + reg_size
 *   |<-pad->|<------------------------ S = end - begin ------------------------>|<-pad->|
 *           begin                                                        end
 *           | ICMsg area (pbuf, D = dcache-alignment) | block 0 | block 1 | ... | block n-1 |
 *           | rd_idx | .. | wr_idx | ring data        |<- BLOCK->|
 *
 *   A          = max(4, D)                 begin = ROUND_UP(reg_addr, A), end = ROUND_DOWN(reg_end, A)
 *   ICMSG_MIN  = ROUND_UP(A + 20 + 8 * (local + remote), A)
 *   BLOCK      = ROUND_DOWN((S - ICMSG_MIN) / local, 4)     (rounded to 4, not to the cache line)
 *   ICMsg area = S - BLOCK * local                          (the blocks end exactly at end)
 *
 *   block[first]: size u32 LE (payload length K) | payload[K] running through the next blocks
 *   blocks used = DIV_ROUND_UP(K + 4, BLOCK); largest message = BLOCK * local - 4
 *
 * "local" is the number of blocks in this region, "remote" the other region's count; both sides
 * compute the same numbers for a region because the counts swap with the regions.
 */
#ifndef NF_ICBMSG_REGION_LAYOUT_H
#define NF_ICBMSG_REGION_LAYOUT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NF_ICBMSG_MESSAGE_SLOT 8u
#define NF_ICBMSG_BLOCK_HEADER_SIZE 4u
#define NF_ICBMSG_MAX_BLOCK_COUNT 256u
#define NF_ICBMSG_MIN_BLOCK_SIZE 4u

struct nf_region_layout {
    uint32_t region_address, region_size;
    uint32_t alignment;          /* A */
    uint32_t begin, end;         /* physical addresses */
    uint32_t block_count, remote_block_count;
    uint32_t icmsg_area_size, icmsg_area_minimum;
    uint32_t block_size;
};

/* 0, or -EINVAL with why (static text) naming what does not fit. */
int nf_region_layout_compute(struct nf_region_layout *layout, uint32_t address, uint32_t size, uint32_t local_blocks,
                             uint32_t remote_blocks, uint32_t dcache_alignment, const char **why);

static inline uint32_t nf_region_blocks_address(const struct nf_region_layout *l)
{
    return l->begin + l->icmsg_area_size;
}

static inline uint32_t nf_region_max_message(const struct nf_region_layout *l)
{
    return l->block_size * l->block_count - NF_ICBMSG_BLOCK_HEADER_SIZE;
}

/* Blocks a payload of this many bytes occupies (with its size header). */
static inline uint32_t nf_region_blocks_for(const struct nf_region_layout *l, uint32_t payload)
{
    return (uint32_t)(((uint64_t)payload + NF_ICBMSG_BLOCK_HEADER_SIZE + l->block_size - 1u) / l->block_size);
}

#ifdef __cplusplus
}
#endif

#endif
