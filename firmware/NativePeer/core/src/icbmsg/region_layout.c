/* ICBMsg region split; the memory map is in nf_icbmsg/region_layout.h. */
#include "nf_icbmsg/region_layout.h"

#include <errno.h>
#include <stddef.h>

int nf_region_layout_compute(struct nf_region_layout *layout, uint32_t address, uint32_t size, uint32_t local_blocks,
                             uint32_t remote_blocks, uint32_t dcache_alignment, const char **why)
{
    const char *unused;
    if (why == NULL) {
        why = &unused;
    }
    *why = NULL;
    if (local_blocks < 1 || local_blocks > NF_ICBMSG_MAX_BLOCK_COUNT) {
        *why = "block count is outside 1..256";
        return -EINVAL;
    }
    if (remote_blocks < 1 || remote_blocks > NF_ICBMSG_MAX_BLOCK_COUNT) {
        *why = "peer block count is outside 1..256";
        return -EINVAL;
    }
    if ((dcache_alignment & (dcache_alignment - 1u)) != 0) {
        *why = "dcache-alignment is not 0 or a power of two";
        return -EINVAL;
    }
    if (size == 0) {
        *why = "region size is 0";
        return -EINVAL;
    }
    uint64_t alignment = dcache_alignment > 4u ? dcache_alignment : 4u;
    uint64_t begin = ((uint64_t)address + alignment - 1u) / alignment * alignment;
    uint64_t end = ((uint64_t)address + size) / alignment * alignment;
    if (end > 0x100000000ull) {
        *why = "region runs past the 32-bit address space";
        return -EINVAL;
    }
    uint64_t usable = end > begin ? end - begin : 0;
    uint64_t minimum = (alignment + 20u + NF_ICBMSG_MESSAGE_SLOT * (uint64_t)(local_blocks + remote_blocks) + alignment - 1u) /
                       alignment * alignment;
    if (usable <= minimum) {
        *why = "region cannot hold the ICMsg control queue and any blocks";
        return -EINVAL;
    }
    uint64_t block = (usable - minimum) / local_blocks / 4u * 4u;
    if (block < NF_ICBMSG_MIN_BLOCK_SIZE) {
        *why = "block size comes out under 4 bytes";
        return -EINVAL;
    }
    layout->region_address = address;
    layout->region_size = size;
    layout->alignment = (uint32_t)alignment;
    layout->begin = (uint32_t)begin;
    layout->end = (uint32_t)end;
    layout->block_count = local_blocks;
    layout->remote_block_count = remote_blocks;
    layout->block_size = (uint32_t)block;
    layout->icmsg_area_minimum = (uint32_t)minimum;
    layout->icmsg_area_size = (uint32_t)(usable - block * local_blocks);
    return 0;
}
