/* ICBMsg over the worked example of docs/protocol.md (§8): the bytes of bonding, binding
 * "ep0", "hello" and its release; zero-copy, hold/release; and every validation of peer input
 * counted under its reject reason. */
#include <errno.h>
#include <string.h>

#include "harness.h"
#include "nf_icbmsg/control_message.h"

#define R1 0x20070000u /* X writes */
#define R2 0x20078000u /* Y writes */

struct received {
    uint8_t data[2048];
    uint32_t length, count;
    bool hold;
    struct nf_rx_buffer held;
    uint32_t bound;
};

static void on_bound(struct nf_endpoint *ept, void *priv)
{
    (void)ept;
    ((struct received *)priv)->bound++;
}

static void on_received(struct nf_endpoint *ept, const struct nf_rx_buffer *buffer, void *priv)
{
    struct received *r = priv;
    memcpy(r->data, buffer->data, buffer->length);
    r->length = buffer->length;
    r->count++;
    if (r->hold) {
        CHECK_EQ(nf_ept_hold_rx_buffer(ept, buffer), 0);
        r->held = *buffer;
    }
}

static struct received rx_x, rx_y;
static const struct nf_endpoint_config ep0_x = {"ep0", on_bound, NULL, on_received, &rx_x};
static const struct nf_endpoint_config ep0_y = {"ep0", on_bound, NULL, on_received, &rx_y};

static bool bytes(struct test_pair *p, uint32_t address, const uint8_t *expected, size_t n)
{
    return memcmp(test_at(p, address), expected, n) == 0;
}

static struct nf_endpoint *x_ep, *y_ep;

static void bind_docs_pair(struct test_pair *p)
{
    memset(&rx_x, 0, sizeof(rx_x));
    memset(&rx_y, 0, sizeof(rx_y));
    CHECK_EQ(test_pair_init(p, &test_docs_x), 0);
    CHECK(!nf_ipc_is_initiator(&p->x.instance));
    CHECK(nf_ipc_is_initiator(&p->y.instance));
    y_ep = nf_ipc_register_endpoint(&p->y.instance, &ep0_y, NULL);
    CHECK(y_ep != NULL);
    CHECK_EQ(nf_ipc_open(&p->x.instance), 0);
    CHECK_EQ(nf_ipc_open(&p->y.instance), 0);
    /* 8.2: X's magic at R1+8, wr_idx 20. */
    static const uint8_t magic[] = {0x00, 0x0D, 0x00, 0x00, 0x45, 0x6D, 0x31, 0x6C, 0x31, 0x4B, 0x30, 0x72, 0x6E, 0x33, 0x6C, 0x69, 0x34};
    CHECK(bytes(p, R1 + 8, magic, sizeof(magic)));
    CHECK_EQ(test_word(p, R1 + 4), 20);
    test_settle(p);
    CHECK(nf_ipc_is_bonded(&p->x.instance));
    CHECK(nf_ipc_is_bonded(&p->y.instance));
    CHECK_EQ(test_word(p, R1 + 0), 20); /* Y consumed X's magic */
    /* 8.3: the name in R2's block 0, MSG_BOUND(0, 0) at R2+0x1C; X parks it until ep0 registers. */
    static const uint8_t name[] = {0x04, 0, 0, 0, 'e', 'p', '0', 0};
    static const uint8_t bound[] = {0x00, 0x03, 0x00, 0x00, 0x02, 0x00, 0x00};
    CHECK(bytes(p, R2 + 0x200, name, sizeof(name)));
    CHECK(bytes(p, R2 + 0x1C, bound, sizeof(bound)));
    CHECK_EQ(test_word(p, R2 + 4), 28);
    char parked[NF_IPC_MAX_ENDPOINTS][NF_IPC_MAX_NAME];
    CHECK_EQ(nf_ipc_parked_names(&p->x.instance, parked, NF_IPC_MAX_ENDPOINTS), 1);
    CHECK(strcmp(parked[0], "ep0") == 0);
    x_ep = nf_ipc_register_endpoint(&p->x.instance, &ep0_x, NULL);
    CHECK(x_ep != NULL);
    test_settle(p);
    static const uint8_t release_bound[] = {0x00, 0x03, 0x00, 0x00, 0x03, 0x00, 0x00};
    CHECK(bytes(p, R1 + 0x1C, release_bound, sizeof(release_bound)));
    CHECK_EQ(test_word(p, R1 + 4), 28);
    CHECK(nf_ept_is_bound(x_ep));
    CHECK(nf_ept_is_bound(y_ep));
    CHECK_EQ(rx_x.bound, 1);
    CHECK_EQ(rx_y.bound, 1);
}

static void test_worked_example(void)
{
    struct test_pair p;
    bind_docs_pair(&p);
    /* 8.4: "hello" from X: block 0 at R1+0x1C0, MSG_DATA at R1+0x24, wr_idx 36; release at R2+0x24. */
    CHECK_EQ(nf_ept_send(x_ep, "hello", 5, 0), NF_SEND_SENT);
    static const uint8_t block[] = {0x05, 0, 0, 0, 'h', 'e', 'l', 'l', 'o'};
    static const uint8_t data[] = {0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00};
    CHECK(bytes(&p, R1 + 0x1C0, block, sizeof(block)));
    CHECK(bytes(&p, R1 + 0x24, data, sizeof(data)));
    CHECK_EQ(test_word(&p, R1 + 4), 36);
    struct nf_statistics s;
    nf_ipc_get_statistics(&p.x.instance, &s);
    CHECK_EQ(s.tx_blocks_in_use, 1);
    test_settle(&p);
    CHECK_EQ(rx_y.count, 1);
    CHECK_EQ(rx_y.length, 5);
    CHECK(memcmp(rx_y.data, "hello", 5) == 0);
    static const uint8_t release[] = {0x00, 0x03, 0x00, 0x00, 0x01, 0x00, 0x00};
    CHECK(bytes(&p, R2 + 0x24, release, sizeof(release)));
    nf_ipc_get_statistics(&p.x.instance, &s);
    CHECK_EQ(s.tx_blocks_in_use, 0);
    CHECK_EQ(s.messages_sent, 1);
    CHECK_EQ(s.rejected, 0);
    nf_ipc_get_statistics(&p.y.instance, &s);
    CHECK_EQ(s.messages_received, 1);
    CHECK_EQ(s.rx_blocks_held, 0);
    test_pair_free(&p);
}

static void test_zero_copy_hold_and_limits(void)
{
    struct test_pair p;
    bind_docs_pair(&p);
    struct nf_tx_buffer buffer;
    /* The largest message of X: 16 blocks of 100 - 4. */
    CHECK_EQ(nf_ipc_max_message(&p.x.instance), 1596);
    CHECK_EQ(nf_ept_get_tx_buffer(x_ep, 1597, 0, &buffer), NF_SEND_INVALID_ARGUMENT);
    CHECK_EQ(nf_ept_get_tx_buffer(x_ep, 1596, 0, &buffer), NF_SEND_SENT);
    CHECK_EQ(buffer.capacity, 1596);
    CHECK_EQ(test_word(&p, R1 + 0x1C0), 1596); /* capacity in the header until sent */
    struct nf_tx_buffer second;
    CHECK_EQ(nf_ept_get_tx_buffer(x_ep, 1, 0, &second), NF_SEND_NO_BUFFERS);
    /* Send less than leased: the surplus blocks are freed first. */
    memset(buffer.data, 0xA5, 150);
    CHECK_EQ(nf_ept_send_nocopy(x_ep, &buffer, 150), NF_SEND_SENT);
    struct nf_statistics s;
    nf_ipc_get_statistics(&p.x.instance, &s);
    CHECK_EQ(s.tx_blocks_in_use, 2);
    CHECK_EQ(nf_ept_send_nocopy(x_ep, &buffer, 150), NF_SEND_INVALID_ARGUMENT); /* no longer a lease */
    /* Y holds it: no release until it says so. */
    rx_y.hold = true;
    test_settle(&p);
    CHECK_EQ(rx_y.count, 1);
    CHECK_EQ(rx_y.length, 150);
    nf_ipc_get_statistics(&p.x.instance, &s);
    CHECK_EQ(s.tx_blocks_in_use, 2);
    nf_ipc_get_statistics(&p.y.instance, &s);
    CHECK_EQ(s.rx_blocks_held, 2);
    CHECK_EQ(nf_ept_release_rx_buffer(y_ep, &rx_y.held), 0);
    CHECK_EQ(nf_ept_release_rx_buffer(y_ep, &rx_y.held), -EINVAL); /* once */
    test_settle(&p);
    nf_ipc_get_statistics(&p.x.instance, &s);
    CHECK_EQ(s.tx_blocks_in_use, 0);
    /* Size 0: the first free run, all 16 blocks; drop gives them back. */
    CHECK_EQ(nf_ept_get_tx_buffer(x_ep, 0, 0, &buffer), NF_SEND_SENT);
    CHECK_EQ(buffer.capacity, 1596);
    CHECK_EQ(nf_ept_drop_tx_buffer(x_ep, &buffer), 0);
    CHECK_EQ(nf_ept_drop_tx_buffer(x_ep, &buffer), -EINVAL);
    /* Y's largest message goes the other way (32 blocks of 48 - 4). */
    uint8_t big[1532];
    for (unsigned i = 0; i < sizeof(big); i++) {
        big[i] = (uint8_t)(i * 7);
    }
    CHECK_EQ(nf_ept_send(y_ep, big, sizeof(big), 0), NF_SEND_SENT);
    CHECK_EQ(nf_ept_send(y_ep, big, 1, 0), NF_SEND_NO_BUFFERS);
    CHECK_EQ(nf_ept_send(y_ep, big, 0, 0), NF_SEND_INVALID_ARGUMENT);
    test_settle(&p);
    CHECK_EQ(rx_x.length, 1532);
    CHECK(memcmp(rx_x.data, big, sizeof(big)) == 0);
    nf_ipc_get_statistics(&p.x.instance, &s);
    CHECK_EQ(s.rejected, 0);
    nf_ipc_get_statistics(&p.y.instance, &s);
    CHECK_EQ(s.rejected, 0);
    test_pair_free(&p);
}

/* Y (the peer) writes a raw control message into its ring, as a faulty or hostile peer would. */
static void peer_control(struct test_pair *p, uint8_t type, uint8_t address, uint8_t block)
{
    uint8_t message[3] = {type, address, block};
    CHECK_EQ(nf_icmsg_link_send(&p->y.instance.link, message, 3, false), 3);
}

static uint32_t rejected_for(struct test_pair *p, enum nf_reject_reason reason)
{
    struct nf_statistics s;
    nf_ipc_get_statistics(&p->x.instance, &s);
    return s.rejected_for[reason];
}

static void test_validation(void)
{
    struct test_pair p;
    bind_docs_pair(&p);
    uint32_t y_block0 = R2 + 0x200;
    peer_control(&p, NF_CONTROL_DATA, 0, 32); /* X's rx view has 32 blocks */
    test_process(&p.x);
    CHECK_EQ(rejected_for(&p, NF_REJECT_BLOCK_INDEX_OUT_OF_RANGE), 1);
    memcpy(test_at(&p, y_block0), (uint8_t[]){0xFD, 0x05, 0, 0}, 4); /* 1533 > 32 * 48 - 4 */
    peer_control(&p, NF_CONTROL_DATA, 0, 0);
    test_process(&p.x);
    CHECK_EQ(rejected_for(&p, NF_REJECT_BLOCK_SIZE_INVALID), 1);
    memcpy(test_at(&p, R2 + 0x200 + 31 * 48), (uint8_t[]){45, 0, 0, 0}, 4); /* last block: 44 fit */
    peer_control(&p, NF_CONTROL_DATA, 0, 31);
    test_process(&p.x);
    CHECK_EQ(rejected_for(&p, NF_REJECT_BLOCK_SIZE_INVALID), 2);
    peer_control(&p, NF_CONTROL_DATA, 4, 0);
    test_process(&p.x);
    CHECK_EQ(rejected_for(&p, NF_REJECT_ENDPOINT_ADDRESS_OUT_OF_RANGE), 1);
    memcpy(test_at(&p, y_block0), (uint8_t[]){4, 0, 0, 0}, 4);
    peer_control(&p, NF_CONTROL_DATA, 1, 0); /* address 1 is bound to nobody */
    test_process(&p.x);
    CHECK_EQ(rejected_for(&p, NF_REJECT_ENDPOINT_NOT_READY), 1);
    peer_control(&p, 0x07, 0, 0);
    test_process(&p.x);
    CHECK_EQ(rejected_for(&p, NF_REJECT_CONTROL_MESSAGE_UNKNOWN), 1);
    peer_control(&p, NF_CONTROL_RELEASE_DATA, 0, 3); /* X sent nothing in block 3 */
    test_process(&p.x);
    CHECK_EQ(rejected_for(&p, NF_REJECT_RELEASE_OF_FREE_BLOCK), 1);
    peer_control(&p, NF_CONTROL_RELEASE_DATA, 0, 16); /* X has 16 tx blocks */
    test_process(&p.x);
    CHECK_EQ(rejected_for(&p, NF_REJECT_BLOCK_INDEX_OUT_OF_RANGE), 2);
    CHECK_EQ(nf_icmsg_link_send(&p.y.instance.link, (uint8_t[]){0, 0}, 2, false), 2);
    test_process(&p.x);
    CHECK_EQ(rejected_for(&p, NF_REJECT_CONTROL_MESSAGE_TOO_SHORT), 1);
    memcpy(test_at(&p, y_block0), (uint8_t[]){3, 0, 0, 0, 'a', 'b', 'c'}, 7); /* no NUL within 3 bytes */
    peer_control(&p, NF_CONTROL_BOUND, 1, 0);
    test_process(&p.x);
    CHECK_EQ(rejected_for(&p, NF_REJECT_BOUND_NAME_INVALID), 1);
    memcpy(test_at(&p, y_block0), (uint8_t[]){4, 0, 0, 0, 'e', 'p', '1', 0}, 8);
    peer_control(&p, NF_CONTROL_BOUND, 0, 0); /* address 0 is bound already */
    test_process(&p.x);
    CHECK_EQ(rejected_for(&p, NF_REJECT_BOUND_ADDRESS_IN_USE), 1);
    peer_control(&p, NF_CONTROL_RELEASE_BOUND, 0, 0);
    test_process(&p.x);
    CHECK_EQ(rejected_for(&p, NF_REJECT_RELEASE_BOUND_UNEXPECTED), 1);
    /* A held block is not reused by the peer's next message. */
    rx_x.hold = true;
    CHECK_EQ(nf_ept_send(y_ep, "abc", 3, 0), NF_SEND_SENT);
    test_process(&p.x);
    CHECK_EQ(rx_x.count, 1);
    memcpy(test_at(&p, y_block0), (uint8_t[]){4, 0, 0, 0}, 4);
    peer_control(&p, NF_CONTROL_DATA, 0, 0);
    test_process(&p.x);
    CHECK_EQ(rejected_for(&p, NF_REJECT_BLOCK_IN_USE), 1);
    CHECK_EQ(rx_x.count, 1);
    /* Ring level: a packet longer than X's read buffer (128) is consumed and counted. */
    uint8_t long_packet[200] = {0};
    CHECK_EQ(nf_icmsg_link_send(&p.y.instance.link, long_packet, 129, false), -EMSGSIZE); /* our sender refuses */
    p.y.instance.link.peer_rx_buffer_size = 1000;
    CHECK_EQ(nf_icmsg_link_send(&p.y.instance.link, long_packet, 129, false), 129);
    peer_control(&p, 0x07, 0, 0);
    test_process(&p.x);
    CHECK_EQ(rejected_for(&p, NF_REJECT_PACKET_TOO_LONG), 1);
    CHECK_EQ(rejected_for(&p, NF_REJECT_CONTROL_MESSAGE_UNKNOWN), 2); /* the ring went on */
    /* A corrupt wr_idx: nothing read, counted, and nothing of Y's written by X. */
    uint32_t saved = test_word(&p, R2 + 4);
    memcpy(test_at(&p, R2 + 4), (uint8_t[]){0x02, 0x10, 0, 0}, 4);
    test_process(&p.x);
    CHECK_EQ(rejected_for(&p, NF_REJECT_RING_INDEX_INVALID), 1);
    CHECK_EQ(test_word(&p, R2 + 4), 0x1002);
    memcpy(test_at(&p, R2 + 4), &saved, 4);
    test_pair_free(&p);
}

static void test_registration_rules(void)
{
    struct test_pair p;
    CHECK_EQ(test_pair_init(&p, &test_docs_x), 0);
    const char *why = NULL;
    static const struct nf_endpoint_config a = {"a", NULL, NULL, NULL, NULL}, a2 = {"a", NULL, NULL, NULL, NULL},
                                          empty = {"", NULL, NULL, NULL, NULL};
    CHECK(nf_ipc_register_endpoint(&p.y.instance, &a, &why) != NULL);
    CHECK(nf_ipc_register_endpoint(&p.y.instance, &a, &why) == NULL && why != NULL);
    CHECK(nf_ipc_register_endpoint(&p.y.instance, &a2, &why) == NULL && why != NULL);
    CHECK(nf_ipc_register_endpoint(&p.y.instance, &empty, &why) == NULL && why != NULL);
    static const struct nf_endpoint_config b = {"b", NULL, NULL, NULL, NULL}, c = {"c", NULL, NULL, NULL, NULL},
                                          d = {"d", NULL, NULL, NULL, NULL}, e = {"e", NULL, NULL, NULL, NULL};
    CHECK(nf_ipc_register_endpoint(&p.y.instance, &b, &why) != NULL);
    CHECK(nf_ipc_register_endpoint(&p.y.instance, &c, &why) != NULL);
    CHECK(nf_ipc_register_endpoint(&p.y.instance, &d, &why) != NULL);
    CHECK(nf_ipc_register_endpoint(&p.y.instance, &e, &why) == NULL && why != NULL); /* 4 slots */
    /* Configurations that cannot work are refused with a reason. */
    struct nf_ipc_instance bad;
    struct nf_ipc_config config = test_docs_x;
    config.endpoint_count = NF_IPC_MAX_ENDPOINTS + 1;
    CHECK_EQ(nf_ipc_init(&bad, &config, &p.x.shm, &p.x.os, &p.x.mbox, &why), -EINVAL);
    config = test_docs_x;
    config.rx_region_address = 0x20078400u; /* past the window */
    CHECK_EQ(nf_ipc_init(&bad, &config, &p.x.shm, &p.x.os, &p.x.mbox, &why), -EINVAL);
    CHECK(why != NULL);
    test_pair_free(&p);
}

int main(void)
{
    test_worked_example();
    test_zero_copy_hold_and_limits();
    test_validation();
    test_registration_rules();
    return test_failures == 0 ? 0 : 1;
}
