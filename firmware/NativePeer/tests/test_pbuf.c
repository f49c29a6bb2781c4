/* pbuf: Zephyr's own test cases (test_rw, test_retcodes), the wrap of a payload, and validation of
 * what a peer writes into the indices and headers. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "nf_icbmsg/pbuf.h"

static uint8_t window[512];
static struct nf_shm shm = {&nf_shm_direct_ops, window, 0, sizeof(window), window};

static void ring(struct nf_pbuf *writer, struct nf_pbuf *reader, uint32_t size, uint32_t d)
{
    struct nf_pbuf_layout layout;
    memset(window, 0, sizeof(window));
    CHECK_EQ(nf_pbuf_layout_init(&layout, 0, 0, size, d, false, NULL), 0);
    nf_pbuf_init(writer, &shm, &layout);
    nf_pbuf_init(reader, &shm, &layout);
    nf_pbuf_tx_init(writer);
    nf_pbuf_rx_init(reader);
}

static void test_rw(void)
{
    struct nf_pbuf w, r;
    ring(&w, &r, 256 + 8, 0);
    uint8_t data[240], out[240];
    for (int i = 0; i < 240; i++) {
        data[i] = (uint8_t)i;
    }
    CHECK_EQ(nf_pbuf_write(&w, data, 11), 11);
    CHECK_EQ(nf_pbuf_write(&w, data, 25), 25);
    CHECK_EQ(nf_pbuf_peek(&r), 11);
    CHECK_EQ(nf_pbuf_read(&r, out, 10), -ENOMEM);
    CHECK_EQ(nf_pbuf_read(&r, out, sizeof(out)), 11);
    CHECK(memcmp(out, data, 11) == 0);
    CHECK_EQ(nf_pbuf_read(&r, out, sizeof(out)), 25);
    CHECK_EQ(nf_pbuf_read(&r, out, sizeof(out)), 0);
    /* The largest packet (len - 8) wraps from the current index. */
    CHECK_EQ(nf_pbuf_write(&w, data, 248 + 1), -ENOMEM);
    CHECK_EQ(nf_pbuf_write(&w, data, 240), 240);
    CHECK_EQ(nf_pbuf_read(&r, out, sizeof(out)), 240);
    CHECK(memcmp(out, data, 240) == 0);
}

static void test_retcodes(void)
{
    struct nf_pbuf w, r;
    ring(&w, &r, 20, 4);
    CHECK_EQ(w.layout.data_length, 12);
    uint8_t data[8] = {1, 2, 3, 4, 5}, out[8];
    CHECK_EQ(nf_pbuf_write(&w, NULL, 4), -EINVAL);
    CHECK_EQ(nf_pbuf_write(&w, data, 0), -EINVAL);
    CHECK_EQ(nf_pbuf_write(&w, data, 5), -ENOMEM);
    CHECK_EQ(nf_pbuf_write(&w, data, 4), 4);
    CHECK_EQ(nf_pbuf_write(&w, data, 1), -ENOMEM);
    CHECK_EQ(nf_pbuf_peek(&r), 4);
    CHECK_EQ(nf_pbuf_read(&r, out, 1), -ENOMEM);
    CHECK_EQ(nf_pbuf_read(&r, out, 8), 4);
    CHECK_EQ(nf_pbuf_read(&r, out, 8), 0);
}

static void test_wire_bytes_and_wrap(void)
{
    struct nf_pbuf w, r;
    ring(&w, &r, 448, 0);
    CHECK_EQ(nf_pbuf_write(&w, "hello", 5), 5);
    static const uint8_t expected[] = {0x00, 0x05, 0x00, 0x00, 'h', 'e', 'l', 'l', 'o'};
    CHECK(memcmp(window + 8, expected, sizeof(expected)) == 0);
    CHECK_EQ(window[4], 12); /* wr_idx = ROUND_UP(4 + 5, 4) */
    /* Fill to the end so that a payload wraps right after its header (docs/protocol.md §13.7). */
    uint8_t out[64];
    nf_pbuf_read(&r, out, sizeof(out));
    uint8_t three[3] = {0, 0, 3};
    uint32_t packets = 0;
    while (w.write_index != 440 - 4) {
        CHECK_EQ(nf_pbuf_write(&w, three, 3), 3);
        CHECK_EQ(nf_pbuf_read(&r, out, sizeof(out)), 3);
        if (++packets > 100) {
            break;
        }
    }
    CHECK_EQ(nf_pbuf_write(&w, three, 3), 3);
    CHECK_EQ(window[8 + 436 + 1], 3);   /* header in the last 4 bytes */
    CHECK_EQ(window[8 + 2], 3);         /* payload at data[0] */
    CHECK_EQ(w.write_index, 4);
    CHECK_EQ(nf_pbuf_read(&r, out, sizeof(out)), 3);
    CHECK(memcmp(out, three, 3) == 0);
}

static void test_peer_values(void)
{
    struct nf_pbuf w, r;
    ring(&w, &r, 64, 0); /* data length 56 */
    uint8_t out[64];
    window[4] = 6; /* misaligned wr_idx */
    CHECK_EQ(nf_pbuf_read(&r, out, sizeof(out)), -EINVAL);
    CHECK_EQ(r.last_fault, NF_PBUF_FAULT_INDEX_INVALID);
    window[4] = 56; /* wr_idx == len: outside the ring (Zephyr would trust it) */
    CHECK_EQ(nf_pbuf_read(&r, out, sizeof(out)), -EINVAL);
    window[4] = 8;
    window[8] = 0;
    window[9] = 0; /* length 0 */
    CHECK_EQ(nf_pbuf_read(&r, out, sizeof(out)), -EINVAL);
    CHECK_EQ(r.last_fault, NF_PBUF_FAULT_LENGTH_INVALID);
    window[9] = 49; /* over len - 8 */
    CHECK_EQ(nf_pbuf_read(&r, out, sizeof(out)), -EINVAL);
    window[9] = 20; /* more than was written */
    CHECK_EQ(nf_pbuf_read(&r, out, sizeof(out)), -EAGAIN);
    CHECK_EQ(nf_pbuf_skip_header(&r), 4);
    CHECK_EQ(r.read_index, 4);
    CHECK_EQ(window[0], 4); /* the reader published its step over the bad header */
    /* A writer refuses a corrupt rd_idx instead of computing free space from it. */
    window[0] = 60;
    CHECK_EQ(nf_pbuf_write(&w, "x", 1), -EINVAL);
}

int main(void)
{
    test_rw();
    test_retcodes();
    test_wire_bytes_and_wrap();
    test_peer_values();
    return test_failures == 0 ? 0 : 1;
}
