/* Region split and ring layouts against the geometries of docs/protocol.md §8.1. */
#include <errno.h>

#include "harness.h"
#include "nf_icbmsg/pbuf.h"
#include "nf_icbmsg/region_layout.h"

static void geometry(uint32_t size, uint32_t local, uint32_t remote, uint32_t d, uint32_t area, uint32_t block)
{
    struct nf_region_layout l;
    CHECK_EQ(nf_region_layout_compute(&l, 0x20070000u, size, local, remote, d, NULL), 0);
    CHECK_EQ(l.icmsg_area_size, area);
    CHECK_EQ(l.block_size, block);
    CHECK_EQ(nf_region_blocks_address(&l) + l.block_size * local, l.end); /* blocks end exactly at end */
}

int main(void)
{
    /* The docs example, A = 4 and A = 32: both regions. */
    geometry(0x800, 16, 32, 0, 448, 100);
    geometry(0x800, 32, 16, 0, 512, 48);
    geometry(0x800, 16, 32, 32, 448, 100);
    geometry(0x800, 32, 16, 32, 512, 48);
    struct nf_region_layout l;
    nf_region_layout_compute(&l, 0x20070000u, 0x800, 16, 32, 0, NULL);
    CHECK_EQ(l.icmsg_area_minimum, 408);
    CHECK_EQ(nf_region_max_message(&l), 1596);
    nf_region_layout_compute(&l, 0x20070000u, 0x800, 16, 32, 32, NULL);
    CHECK_EQ(l.icmsg_area_minimum, 448);
    /* nRF5340 multi_endpoint ipc0 and ipc1, nRF54H20 ipc1, nRF54L15 test. */
    geometry(0x4000, 16, 24, 0, 384, 1000);
    geometry(0x4000, 24, 16, 0, 352, 668);
    geometry(0x4000, 32, 48, 0, 768, 488);
    geometry(0x4000, 48, 32, 0, 832, 324);
    geometry(0x400, 32, 32, 32, 640, 12);
    geometry(0x800, 16, 18, 32, 384, 104);
    geometry(0x800, 18, 16, 32, 392, 92);
    CHECK_EQ(nf_region_blocks_for(&l, 96), 1);
    CHECK_EQ(nf_region_blocks_for(&l, 97), 2);

    /* Refusals, each with a reason. */
    const char *why = NULL;
    CHECK_EQ(nf_region_layout_compute(&l, 0x20070000u, 0x800, 0, 16, 0, &why), -EINVAL);
    CHECK(why != NULL);
    CHECK_EQ(nf_region_layout_compute(&l, 0x20070000u, 0x800, 257, 16, 0, &why), -EINVAL);
    CHECK_EQ(nf_region_layout_compute(&l, 0x20070000u, 0x800, 16, 16, 24, &why), -EINVAL);
    CHECK_EQ(nf_region_layout_compute(&l, 0x20070000u, 64, 16, 16, 0, &why), -EINVAL);
    CHECK_EQ(nf_region_layout_compute(&l, 0xFFFFFF00u, 0x800, 16, 16, 0, &why), -EINVAL);

    /* Rings (docs/protocol.md §3.2): D = 0/32 without handshake, D = 8/32 with it. */
    struct nf_pbuf_layout p;
    CHECK_EQ(nf_pbuf_layout_init(&p, 0x20070000u, 0, 448, 0, false, NULL), 0);
    CHECK_EQ(p.write_index_offset, 4);
    CHECK_EQ(p.data_offset, 8);
    CHECK_EQ(p.data_length, 440);
    CHECK_EQ(nf_pbuf_layout_init(&p, 0x20070000u, 0, 448, 32, false, NULL), 0);
    CHECK_EQ(p.write_index_offset, 32);
    CHECK_EQ(p.data_offset, 36);
    CHECK_EQ(p.data_length, 412);
    CHECK_EQ(nf_pbuf_layout_init(&p, 0x20070000u, 0, 1024, 8, true, NULL), 0);
    CHECK_EQ(p.handshake_offset, 4);
    CHECK_EQ(p.write_index_offset, 8);
    CHECK_EQ(p.data_offset, 12);
    CHECK_EQ(nf_pbuf_layout_init(&p, 0x20070000u, 0, 1024, 4, true, &why), -EINVAL); /* Zephyr refuses D < 8 */
    CHECK_EQ(nf_pbuf_layout_init(&p, 0x20070004u, 4, 1024, 8, false, &why), -EINVAL); /* misaligned start */
    CHECK_EQ(nf_pbuf_layout_init(&p, 0x20070000u, 0, 16, 0, false, &why), -EINVAL);  /* data area under 12 */
    CHECK_EQ(nf_pbuf_layout_init(&p, 0x20070000u, 0, 20, 0, false, NULL), 0);
    return test_failures == 0 ? 0 : 1;
}
