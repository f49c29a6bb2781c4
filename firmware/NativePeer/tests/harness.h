/* Test harness: two instances of one link in one process over one heap window, run by hand on one
 * thread. The shared-memory ops check that every access stays inside the instance's two regions
 * (and AddressSanitizer that it stays inside the window), so a test fails on any stray access. */
#ifndef NF_TEST_HARNESS_H
#define NF_TEST_HARNESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "nf_icbmsg/ipc.h"

extern int test_failures;

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            test_failures++;                                                          \
        }                                                                             \
    } while (0)

#define CHECK_EQ(a, b)                                                                                           \
    do {                                                                                                         \
        long long va_ = (long long)(a), vb_ = (long long)(b);                                                    \
        if (va_ != vb_) {                                                                                        \
            fprintf(stderr, "%s:%d: %s == %lld, expected %s == %lld\n", __FILE__, __LINE__, #a, va_, #b, vb_); \
            test_failures++;                                                                                     \
        }                                                                                                        \
    } while (0)

struct test_side {
    struct nf_ipc_instance instance;
    struct nf_os os;
    struct nf_shm shm;
    struct nf_mbox_tx mbox;
    struct test_side *peer;
    struct test_pair *pair;
    bool processing;
    bool work;     /* WORK event */
    bool rung;     /* the peer rang this side */
    uint32_t region[2][2]; /* [tx, rx] offset and size, for the access check */
};

struct test_pair {
    uint8_t *window;
    uint32_t base, length;
    uint32_t now_ms;
    struct test_side x, y;
    struct nf_ipc_config x_config, y_config;
    bool strict; /* abort on an access outside the regions */
};

/* The mirror of a config (regions, blocks, channels swapped). */
struct nf_ipc_config test_mirror(const struct nf_ipc_config *c);
/* Allocates the window and initialises both sides; 0 or the nf_ipc_init error. */
int test_pair_init(struct test_pair *pair, const struct nf_ipc_config *x_config);
void test_pair_free(struct test_pair *pair);
/* Runs a side's processing once (as its processing context). */
int32_t test_process(struct test_side *side);
/* Processes both sides until neither has anything left (bounded). */
void test_settle(struct test_pair *pair);
uint8_t *test_at(struct test_pair *pair, uint32_t address);
uint32_t test_word(struct test_pair *pair, uint32_t address);

/* The worked example of docs/protocol.md (§8): side X. */
extern const struct nf_ipc_config test_docs_x;

#endif
