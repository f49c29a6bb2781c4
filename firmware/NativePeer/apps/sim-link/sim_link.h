/* nf-sim-link: one side of one instance over the sim link, the C counterpart of `nf-sim run`:
 * the same options, the same traffic pattern and verification, so either side checks the other. */
#ifndef NF_SIM_LINK_H
#define NF_SIM_LINK_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "nf_icbmsg/ipc.h"

#define EXIT_VERIFIED 0
#define EXIT_FAILED 1
#define EXIT_SETUP 2
#define MAX_APP_ENDPOINTS NF_IPC_MAX_ENDPOINTS
#define PATTERN_HEADER_SIZE 8u

enum run_mode { MODE_ECHO, MODE_SOURCE, MODE_SINK, MODE_PING };

struct size_range {
    uint32_t min, max;
};

struct run_options {
    const char *board;     /* registry key, e.g. "sim/local" (a path boards/sim/local.overlay is accepted) */
    const char *instance;
    const char *shm;
    int port_base;         /* -1: the board's */
    enum run_mode mode;
    const char *endpoints[MAX_APP_ENDPOINTS];
    uint32_t endpoint_count;
    uint32_t count;
    struct size_range size;
    bool zero_copy;
    bool header_check;     /* --check header: sequence, stream and length only */
    int32_t timeout_ms;
    int32_t idle_ms;
    int32_t dcache_alignment; /* -1: the board's; else overrides it (geometry tests; both sides must agree) */
};

/* options.c: 0, or EXIT_SETUP after printing the problem. */
int parse_options(int argc, char **argv, struct run_options *out);

/* pattern.c: the MessagePattern of nf-sim (sequence u32 LE, stream u8, 0, length u16 LE, bytes). */
uint32_t pattern_length_of(const struct size_range *size, uint32_t sequence);
void pattern_fill(uint8_t *buffer, uint32_t sequence, uint8_t stream, uint32_t length);
/* NULL when right, else a description written into error. */
const char *pattern_verify(const uint8_t *message, uint32_t length, uint32_t expected, uint8_t stream, bool header_only,
                           char *error, size_t error_size);

/* A StreamVerifier: per-stream sequence tracking. Fed only from the processing context. */
struct stream_verifier {
    uint32_t next[256];
    atomic_uint messages, failed;
    char first_error[200]; /* set once, before failed becomes non-zero */
    bool header_only;
};
void verifier_accept(struct stream_verifier *v, const char *endpoint, const uint8_t *message, uint32_t length, int stream);

/* traffic.c: one endpoint's application (echo, source, sink, ping). */
struct endpoint_app {
    const struct run_options *options;
    const char *name;
    uint8_t stream;
    struct nf_endpoint_config config;
    struct nf_endpoint *endpoint;
    atomic_bool bound;
    atomic_uint sent, received, completed;
    struct stream_verifier verifier; /* sink: the source's messages; source, ping: the echoes */
    pthread_mutex_t mutex;           /* guards error, the backlog and the ping arrival */
    pthread_cond_t echoed;
    char error[256];
    struct nf_rx_buffer backlog[NF_ICBMSG_MAX_BLOCK_COUNT]; /* echo: held messages, oldest first */
    uint32_t backlog_head, backlog_count;
    uint32_t ping_arrivals;
    uint64_t *round_trips_ns; /* ping */
};
void app_init(struct endpoint_app *app, const struct run_options *options, const char *name, uint8_t stream);
void app_destroy(struct endpoint_app *app);
void app_run(struct endpoint_app *app);
void app_finish(struct endpoint_app *app);
bool app_verified(struct endpoint_app *app);
void app_fail(struct endpoint_app *app, const char *message);
bool app_error(struct endpoint_app *app, char *out, size_t size);
uint64_t monotonic_ns(void);

/* boards.c: the generated registry. */
const struct nf_ipc_config *find_board(const char *board, const char *instance, int *port_base);

/* session.c: the whole run; returns the exit code. */
int run_session(const struct run_options *options);

#endif
