/* Seeded, reproducible peer-memory fuzzing of the C receiver (as the C# PeerMemoryFuzzTests do):
 * a bonded, bound pair exchanges messages while the peer's side of the window is corrupted at
 * random (indices, packet lengths, block numbers, size headers, names, releases). The receiver
 * must never crash, never touch memory outside its two regions (checked per access, and by
 * AddressSanitizer for the window), never write what the peer owns, and never hang (every
 * processing step returns; ctest has a timeout). Usage: test_fuzz [seed] [iterations]. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "nf_icbmsg/control_message.h"

static uint32_t state;

static uint32_t next_random(void)
{
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
}

static void on_received(struct nf_endpoint *e, const struct nf_rx_buffer *b, void *priv)
{
    (void)priv;
    volatile uint8_t sum = 0;
    for (uint32_t i = 0; i < b->length; i++) {
        sum ^= b->data[i]; /* touch every byte handed over: ASan checks it lies in the window */
    }
    if ((next_random() & 7) == 0) {
        nf_ept_hold_rx_buffer(e, b);
    }
}

static const struct nf_endpoint_config x_ep = {"ep0", NULL, NULL, on_received, NULL};
static const struct nf_endpoint_config y_ep = {"ep0", NULL, NULL, on_received, NULL};
static const struct nf_endpoint_config y_ep1 = {"ep1", NULL, NULL, on_received, NULL};

/* One corruption of what the peer (Y) owns: its ring (R2) and its blocks. */
static void corrupt(struct test_pair *p, const struct nf_ipc_instance *y)
{
    uint32_t r2 = p->y_config.tx_region_address - p->base;
    uint32_t blocks = y->tx_blocks_offset;
    uint32_t block_size = y->tx_layout.block_size;
    uint8_t *w = p->window;
    switch (next_random() % 8) {
    case 0: { /* the peer's wr_idx */
        uint32_t v = next_random() % 4 == 0 ? next_random() : next_random() % (y->link.tx.layout.data_length + 8);
        memcpy(w + y->link.tx.layout.write_index_offset, &v, 4);
        break;
    }
    case 1: /* a byte of the ring's data area (packet lengths, control messages) */
        w[y->link.tx.layout.data_offset + next_random() % y->link.tx.layout.data_length] = (uint8_t)next_random();
        break;
    case 2: { /* a block's size header */
        uint32_t v = next_random() % 3 == 0 ? next_random() : next_random() % (block_size * y->tx_layout.block_count + 8);
        memcpy(w + blocks + (next_random() % y->tx_layout.block_count) * block_size, &v, 4);
        break;
    }
    case 3: /* a name or payload byte */
        w[blocks + next_random() % (block_size * y->tx_layout.block_count)] = (uint8_t)next_random();
        break;
    default: { /* a forged control message with random fields, through the peer's own ring */
        uint8_t message[3] = {(uint8_t)(next_random() % 6), (uint8_t)(next_random() % 6), (uint8_t)(next_random() % 40)};
        uint32_t length = next_random() % 8 == 0 ? 1 + next_random() % 2 : 3;
        nf_icmsg_link_send((struct nf_icmsg_link *)&y->link, message, length, false);
        break;
    }
    }
    (void)r2;
}

static int run(uint32_t seed, uint32_t iterations, uint32_t dcache)
{
    struct test_pair p;
    struct nf_ipc_config c = test_docs_x;
    c.dcache_alignment = dcache;
    state = seed ? seed : 1;
    if (test_pair_init(&p, &c) != 0) {
        return 1;
    }
    p.strict = true;
    nf_ipc_register_endpoint(&p.y.instance, &y_ep, NULL);
    nf_ipc_register_endpoint(&p.y.instance, &y_ep1, NULL);
    struct nf_endpoint *x = nf_ipc_register_endpoint(&p.x.instance, &x_ep, NULL);
    nf_ipc_open(&p.x.instance);
    nf_ipc_open(&p.y.instance);
    test_settle(&p);
    CHECK(nf_ept_is_bound(x));
    struct nf_endpoint *y = &p.y.instance.endpoints[0];
    uint8_t payload[1600];
    uint32_t r2 = p.y_config.tx_region_address - p.base, r2_size = p.y_config.tx_region_size;
    uint8_t *before = malloc(r2_size);
    for (uint32_t i = 0; i < iterations; i++) {
        uint32_t length = 1 + next_random() % 300;
        memset(payload, (int)i, length);
        nf_ept_send(y, payload, length, 0);
        nf_ept_send(x, payload, 1 + next_random() % 200, 0);
        corrupt(&p, &p.y.instance);
        /* X may write only its rd_idx in Y's region. */
        memcpy(before, p.window + r2, r2_size);
        test_process(&p.x);
        uint32_t rd = p.x.instance.link.rx.layout.read_index_offset - r2;
        for (uint32_t k = 0; k < r2_size; k++) {
            if (before[k] != p.window[r2 + k] && (k < rd || k >= rd + 4)) {
                fprintf(stderr, "seed %u iteration %u: the receiver wrote byte 0x%X of the peer's region\n", (unsigned)seed,
                        (unsigned)i, (unsigned)k);
                test_failures++;
                break;
            }
        }
        test_process(&p.y);
        if (i % 64 == 63) {
            /* Release what was held so the traffic goes on. */
            for (uint32_t b = 0; b < p.x.instance.rx_layout.block_count; b++) {
                if (p.x.instance.rx_held[b]) {
                    struct nf_rx_buffer held = {.block = (uint16_t)b};
                    nf_ept_release_rx_buffer(x, &held);
                }
            }
        }
    }
    struct nf_statistics s;
    nf_ipc_get_statistics(&p.x.instance, &s);
    printf("seed %u, dcache %u: %u iterations, %u messages received, %u rejected (", (unsigned)seed, (unsigned)dcache,
           (unsigned)iterations, (unsigned)s.messages_received, (unsigned)s.rejected);
    for (int r = 0; r < NF_REJECT_REASON_COUNT; r++) {
        if (s.rejected_for[r] > 0) {
            printf(" %s %u", nf_reject_reason_name((enum nf_reject_reason)r), (unsigned)s.rejected_for[r]);
        }
    }
    printf(" )\n");
    CHECK(s.rejected > 0);           /* the corruption was seen ... */
    CHECK(s.messages_received > 0);  /* ... and traffic still got through */
    free(before);
    test_pair_free(&p);
    return 0;
}

int main(int argc, char **argv)
{
    uint32_t seed = argc > 1 ? (uint32_t)strtoul(argv[1], NULL, 0) : 0;
    uint32_t iterations = argc > 2 ? (uint32_t)strtoul(argv[2], NULL, 0) : 3000;
    if (seed != 0) {
        run(seed, iterations, 0);
    } else {
        for (uint32_t s = 1; s <= 8; s++) {
            run(s * 2654435761u, iterations, s % 2 ? 0 : 32);
        }
    }
    return test_failures == 0 ? 0 : 1;
}
