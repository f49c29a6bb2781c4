/* See harness.h. */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

int test_failures;

const struct nf_ipc_config test_docs_x = {
    .name = "ipc0", .backend = NF_BACKEND_ICBMSG,
    .tx_region_address = 0x20070000u, .tx_region_size = 0x800,
    .rx_region_address = 0x20078000u, .rx_region_size = 0x800,
    .tx_blocks = 16, .rx_blocks = 32, .dcache_alignment = 0, .unbound = NF_UNBOUND_DISABLE,
    .tx_channel = 0, .rx_channel = 1, .endpoint_count = 4, .rx_buffer_size = 128, .peer_rx_buffer_size = 128,
};

struct nf_ipc_config test_mirror(const struct nf_ipc_config *c)
{
    struct nf_ipc_config m = *c;
    m.tx_region_address = c->rx_region_address;
    m.tx_region_size = c->rx_region_size;
    m.rx_region_address = c->tx_region_address;
    m.rx_region_size = c->tx_region_size;
    m.tx_blocks = c->rx_blocks;
    m.rx_blocks = c->tx_blocks;
    m.tx_channel = c->rx_channel;
    m.rx_channel = c->tx_channel;
    m.rx_buffer_size = c->peer_rx_buffer_size;
    m.peer_rx_buffer_size = c->rx_buffer_size;
    return m;
}

/* ---- shared memory with an access check ---- */

static void check_range(struct test_side *side, uint32_t offset, uint32_t count)
{
    for (int r = 0; r < 2; r++) {
        if (offset >= side->region[r][0] && (uint64_t)offset + count <= (uint64_t)side->region[r][0] + side->region[r][1]) {
            return;
        }
    }
    fprintf(stderr, "access to window offset 0x%X+%u lies outside the instance's regions\n", (unsigned)offset, (unsigned)count);
    test_failures++;
    if (side->pair->strict) {
        abort();
    }
}

static uint32_t t_load(void *ctx, uint32_t offset)
{
    struct test_side *s = ctx;
    check_range(s, offset, 4);
    return nf_shm_direct_ops.load_acquire(s->pair->window, offset);
}

static void t_store(void *ctx, uint32_t offset, uint32_t value)
{
    struct test_side *s = ctx;
    check_range(s, offset, 4);
    nf_shm_direct_ops.store_release(s->pair->window, offset, value);
}

static void t_read(void *ctx, uint32_t offset, void *dst, uint32_t count)
{
    struct test_side *s = ctx;
    check_range(s, offset, count);
    nf_shm_direct_ops.read(s->pair->window, offset, dst, count);
}

static void t_write(void *ctx, uint32_t offset, const void *src, uint32_t count)
{
    struct test_side *s = ctx;
    check_range(s, offset, count);
    nf_shm_direct_ops.write(s->pair->window, offset, src, count);
}

static void t_barrier(void *ctx) { (void)ctx; }

static void t_cache(void *ctx, uint32_t offset, uint32_t count)
{
    check_range(ctx, offset, count);
}

static const struct nf_shm_ops test_shm_ops = {t_load, t_store, t_read, t_write, t_barrier, t_cache, t_cache};

/* ---- one thread, a fake clock ---- */

static void o_lock(void *ctx) { (void)ctx; }
static void o_unlock(void *ctx) { (void)ctx; }

static void o_wake(void *ctx, enum nf_os_event event)
{
    struct test_side *s = ctx;
    if (event == NF_OS_EVENT_WORK) {
        s->work = true;
    }
}

/* Nothing else runs while a single-threaded test waits: time passes, nothing arrives. */
static bool o_wait(void *ctx, enum nf_os_event event, int32_t timeout_ms)
{
    struct test_side *s = ctx;
    (void)event;
    s->pair->now_ms += timeout_ms > 0 ? (uint32_t)timeout_ms : 1u;
    return false;
}

static uint32_t o_now(void *ctx) { return ((struct test_side *)ctx)->pair->now_ms; }
static bool o_in_processing(void *ctx) { return ((struct test_side *)ctx)->processing; }

static void m_ring(void *ctx)
{
    struct test_side *s = ctx;
    s->peer->rung = true;
    nf_ipc_doorbell(&s->peer->instance);
}

static int init_side(struct test_pair *pair, struct test_side *side, struct test_side *peer, const struct nf_ipc_config *config)
{
    memset(side, 0, sizeof(*side));
    side->pair = pair;
    side->peer = peer;
    side->os = (struct nf_os){o_lock, o_unlock, o_wake, o_wait, o_now, o_in_processing, side};
    side->shm = (struct nf_shm){&test_shm_ops, side, pair->base, pair->length, pair->window};
    side->mbox = (struct nf_mbox_tx){m_ring, side};
    side->region[0][0] = config->tx_region_address - pair->base;
    side->region[0][1] = config->tx_region_size;
    side->region[1][0] = config->rx_region_address - pair->base;
    side->region[1][1] = config->rx_region_size;
    const char *why = NULL;
    int rc = nf_ipc_init(&side->instance, config, &side->shm, &side->os, &side->mbox, &why);
    if (rc != 0) {
        fprintf(stderr, "nf_ipc_init: %s\n", why);
    }
    return rc;
}

int test_pair_init(struct test_pair *pair, const struct nf_ipc_config *x_config)
{
    memset(pair, 0, sizeof(*pair));
    pair->strict = true;
    pair->x_config = *x_config;
    pair->y_config = test_mirror(x_config);
    const struct nf_ipc_config *c = x_config;
    pair->base = c->tx_region_address < c->rx_region_address ? c->tx_region_address : c->rx_region_address;
    uint64_t tx_end = (uint64_t)c->tx_region_address + c->tx_region_size;
    uint64_t rx_end = (uint64_t)c->rx_region_address + c->rx_region_size;
    pair->length = (uint32_t)((tx_end > rx_end ? tx_end : rx_end) - pair->base);
    pair->window = calloc(1, pair->length); /* exactly the window: ASan flags a byte beyond it */
    if (pair->window == NULL) {
        return -1;
    }
    int rc = init_side(pair, &pair->x, &pair->y, &pair->x_config);
    return rc != 0 ? rc : init_side(pair, &pair->y, &pair->x, &pair->y_config);
}

void test_pair_free(struct test_pair *pair)
{
    free(pair->window);
    pair->window = NULL;
}

int32_t test_process(struct test_side *side)
{
    side->processing = true;
    side->work = false;
    side->rung = false;
    int32_t next = nf_ipc_process(&side->instance);
    side->processing = false;
    return next;
}

void test_settle(struct test_pair *pair)
{
    for (int round = 0; round < 50; round++) {
        int32_t x = test_process(&pair->x);
        int32_t y = test_process(&pair->y);
        if (x < 0 && y < 0 && !pair->x.work && !pair->y.work && !pair->x.rung && !pair->y.rung) {
            return;
        }
        pair->now_ms += 10;
    }
}

uint8_t *test_at(struct test_pair *pair, uint32_t address) { return pair->window + (address - pair->base); }

uint32_t test_word(struct test_pair *pair, uint32_t address)
{
    const uint8_t *p = test_at(pair, address);
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
