/* Plain ICMsg: legacy bonding and "hello" (docs/protocol.md §8.5), the session handshake of detect mode
 * (docs/protocol.md §8.6), detect against a legacy peer, and unbound when the peer closes its session. */
#include <string.h>

#include "harness.h"

struct events {
    uint32_t bound, unbound, received, length;
    uint8_t data[128];
};

static void on_bound(struct nf_endpoint *e, void *priv) { (void)e; ((struct events *)priv)->bound++; }
static void on_unbound(struct nf_endpoint *e, void *priv) { (void)e; ((struct events *)priv)->unbound++; }
static void on_received(struct nf_endpoint *e, const struct nf_rx_buffer *b, void *priv)
{
    (void)e;
    struct events *ev = priv;
    ev->received++;
    ev->length = b->length;
    memcpy(ev->data, b->data, b->length);
}

static struct events ex, ey;
static const struct nf_endpoint_config cx = {"x", on_bound, on_unbound, on_received, &ex};
static const struct nf_endpoint_config cy = {"y", on_bound, on_unbound, on_received, &ey};

static struct nf_ipc_config icmsg(uint32_t d, enum nf_unbound_mode mode)
{
    struct nf_ipc_config c = test_docs_x;
    c.backend = NF_BACKEND_ICMSG;
    c.dcache_alignment = d;
    c.unbound = mode;
    return c;
}

static void test_legacy_hello(void)
{
    struct test_pair p;
    memset(&ex, 0, sizeof(ex));
    memset(&ey, 0, sizeof(ey));
    struct nf_ipc_config c = icmsg(0, NF_UNBOUND_DISABLE);
    CHECK_EQ(test_pair_init(&p, &c), 0);
    CHECK_EQ(nf_ipc_max_message(&p.x.instance), 128); /* the peer's read buffer, not the ring's 2032 */
    nf_ipc_open(&p.x.instance);
    nf_ipc_open(&p.y.instance);
    struct nf_endpoint *x = nf_ipc_register_endpoint(&p.x.instance, &cx, NULL);
    struct nf_endpoint *y = nf_ipc_register_endpoint(&p.y.instance, &cy, NULL);
    test_settle(&p);
    CHECK_EQ(ex.bound, 1);
    CHECK_EQ(ey.bound, 1);
    CHECK_EQ(nf_ept_send(x, "hello", 5, 0), NF_SEND_SENT);
    static const uint8_t expected[] = {0x00, 0x05, 0x00, 0x00, 'h', 'e', 'l', 'l', 'o'};
    CHECK(memcmp(test_at(&p, 0x20070000u + 0x1C), expected, sizeof(expected)) == 0);
    CHECK_EQ(test_word(&p, 0x20070004u), 32);
    test_settle(&p);
    CHECK_EQ(ey.received, 1);
    CHECK(memcmp(ey.data, "hello", 5) == 0);
    uint8_t big[129] = {0};
    CHECK_EQ(nf_ept_send(y, big, 129, 0), NF_SEND_INVALID_ARGUMENT);
    CHECK_EQ(nf_ept_send(y, big, 128, 0), NF_SEND_SENT);
    struct nf_tx_buffer buffer;
    CHECK_EQ(nf_ept_get_tx_buffer(y, 8, 0, &buffer), NF_SEND_INVALID_ARGUMENT); /* zero-copy is ICBMsg only */
    test_settle(&p);
    CHECK_EQ(ex.received, 1);
    CHECK_EQ(ex.length, 128);
    test_pair_free(&p);
}

static void test_detect_handshake(void)
{
    struct test_pair p;
    memset(&ex, 0, sizeof(ex));
    memset(&ey, 0, sizeof(ey));
    struct nf_ipc_config c = icmsg(8, NF_UNBOUND_DETECT);
    CHECK_EQ(test_pair_init(&p, &c), 0);
    nf_ipc_open(&p.x.instance);
    nf_ipc_open(&p.y.instance);
    struct nf_endpoint *x = nf_ipc_register_endpoint(&p.x.instance, &cx, NULL);
    test_process(&p.x);
    CHECK_EQ(test_word(&p, 0x20078004u), 0x00000001); /* X's session id request in its rx region */
    nf_ipc_register_endpoint(&p.y.instance, &cy, NULL);
    test_settle(&p);
    CHECK_EQ(test_word(&p, 0x20078004u), 0x00020001); /* X: own id 1, acks Y's 2 */
    CHECK_EQ(test_word(&p, 0x20070004u), 0x00010002);
    CHECK_EQ(test_word(&p, 0x20070008u), 0);          /* no magic in session mode */
    CHECK_EQ(ex.bound, 1);
    CHECK_EQ(ey.bound, 1);
    CHECK_EQ(nf_ept_send(x, "ping", 4, 0), NF_SEND_SENT);
    test_settle(&p);
    CHECK_EQ(ey.received, 1);
    /* Y closes its session: X sees unbound; later sends are counted as dropped. */
    nf_ept_deregister(&p.y.instance.endpoints[0]);
    test_settle(&p);
    CHECK_EQ(ex.unbound, 1);
    CHECK_EQ(nf_ept_send(x, "late", 4, 0), NF_SEND_NOT_BOUND);
    test_pair_free(&p);
}

static void test_detect_against_legacy(void)
{
    struct test_pair p;
    memset(&ex, 0, sizeof(ex));
    memset(&ey, 0, sizeof(ey));
    struct nf_ipc_config c = icmsg(8, NF_UNBOUND_DETECT);
    CHECK_EQ(test_pair_init(&p, &c), 0);
    /* Y is handshake-unaware: rebuild it in disable mode over the same regions. */
    p.y_config.unbound = NF_UNBOUND_DISABLE;
    CHECK_EQ(nf_ipc_init(&p.y.instance, &p.y_config, &p.y.shm, &p.y.os, &p.y.mbox, NULL), 0);
    nf_ipc_open(&p.y.instance);
    struct nf_endpoint *y = nf_ipc_register_endpoint(&p.y.instance, &cy, NULL);
    test_process(&p.y);
    nf_ipc_open(&p.x.instance);
    nf_ipc_register_endpoint(&p.x.instance, &cx, NULL);
    test_settle(&p);
    CHECK_EQ(ex.bound, 1);
    CHECK_EQ(ey.bound, 1);
    CHECK_EQ(nf_ept_send(y, "legacy", 6, 0), NF_SEND_SENT);
    test_settle(&p);
    CHECK_EQ(ex.received, 1);
    struct nf_statistics s;
    nf_ipc_get_statistics(&p.x.instance, &s);
    CHECK_EQ(s.rejected, 0);
    test_pair_free(&p);
}

int main(void)
{
    test_legacy_hello();
    test_detect_handshake();
    test_detect_against_legacy();
    return test_failures == 0 ? 0 : 1;
}
