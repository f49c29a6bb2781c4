/* One run of nf-sim-link (RunSession of `nf-sim run`): attach to the sim link, bind every
 * endpoint, run the traffic, drain, report. Every wait is bounded by --timeout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nf_posix.h"
#include "sim_link.h"

static const char *const mode_names[] = {"echo", "source", "sink", "ping"};

/* RejectionLog: the first few rejections, with their detail (processing context). */
static char rejections[3][200];
static unsigned rejection_count;

static void on_reject(struct nf_ipc_instance *instance, enum nf_reject_reason reason, const char *detail, void *priv)
{
    (void)instance;
    (void)priv;
    if (rejection_count < 3) {
        snprintf(rejections[rejection_count], sizeof(rejections[0]), "%s: %s", nf_reject_reason_name(reason), detail);
    }
    rejection_count++;
}

static void sleep_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

static void *app_thread(void *arg)
{
    app_run(arg);
    return NULL;
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void print_latency(struct endpoint_app *app)
{
    uint32_t n = atomic_load(&app->completed);
    if (n == 0) {
        return;
    }
    uint64_t *sorted = malloc(n * sizeof(uint64_t));
    if (sorted == NULL) {
        return;
    }
    memcpy(sorted, app->round_trips_ns, n * sizeof(uint64_t));
    qsort(sorted, n, sizeof(uint64_t), compare_u64);
    double sum = 0;
    for (uint32_t i = 0; i < n; i++) {
        sum += (double)sorted[i];
    }
    printf("%s round trip over %u pings (us): mean %.1f, p50 %.1f, p90 %.1f, p99 %.1f, max %.1f\n", app->name, (unsigned)n,
           sum / n / 1000.0, sorted[n / 2] / 1000.0, sorted[(n * 9) / 10] / 1000.0, sorted[(n * 99) / 100] / 1000.0,
           sorted[n - 1] / 1000.0);
    free(sorted);
}

/* Wait until every endpoint bound; the error names what is missing. */
static bool wait_bound(struct nf_ipc_instance *inst, struct endpoint_app *apps, uint32_t count, const struct run_options *o,
                       const char *shm, struct nf_udp_line *rx, struct nf_udp_line *tx, char *error, size_t size)
{
    uint32_t start = nf_posix_now_ms();
    for (;;) {
        uint32_t bound = 0;
        for (uint32_t i = 0; i < count; i++) {
            bound += atomic_load(&apps[i].bound) ? 1u : 0u;
        }
        if (bound == count) {
            return true;
        }
        if (nf_posix_now_ms() - start > (uint32_t)o->timeout_ms) {
            break;
        }
        sleep_ms(1);
    }
    if (!nf_ipc_is_bonded(inst)) {
        snprintf(error, size,
                 "no peer bonded within %d ms on %s (this side listens on udp 127.0.0.1:%d, channel %u, and rings 127.0.0.1:%d, "
                 "channel %u): is the other side running with the mirrored board file and the same --shm and port base?",
                 (int)o->timeout_ms, shm, rx->port, (unsigned)rx->channel, tx->port, (unsigned)tx->channel);
        return false;
    }
    char names[200] = "";
    for (uint32_t i = 0; i < count; i++) {
        if (!atomic_load(&apps[i].bound)) {
            snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s'%s'", names[0] ? ", " : "", apps[i].name);
        }
    }
    char hint[200] = "";
    if (inst->config->backend == NF_BACKEND_ICBMSG) {
        if (nf_ipc_is_initiator(inst)) {
            snprintf(hint, sizeof(hint), "; the peer has not confirmed them (it answers only names it registered)");
        } else {
            char parked[NF_IPC_MAX_ENDPOINTS][NF_IPC_MAX_NAME];
            uint32_t n = nf_ipc_parked_names(inst, parked, NF_IPC_MAX_ENDPOINTS);
            snprintf(hint, sizeof(hint), "%s", n == 0 ? "; the peer offered no endpoint yet" : "; the peer offered ");
            for (uint32_t i = 0; i < n; i++) {
                snprintf(hint + strlen(hint), sizeof(hint) - strlen(hint), "%s'%s'", i ? ", " : "", parked[i]);
            }
        }
    }
    snprintf(error, size, "the link bonded, but endpoint %s did not bind within %d ms%s", names, (int)o->timeout_ms, hint);
    return false;
}

/* Drain before close: every release owed is in the ring and every block sent came back. */
static bool drain(struct nf_ipc_instance *inst, const struct run_options *o, char *error, size_t size)
{
    struct nf_statistics s;
    uint32_t last_change = nf_posix_now_ms();
    uint64_t last = 0;
    for (;;) {
        nf_ipc_get_statistics(inst, &s);
        bool ring_read = inst->config->backend != NF_BACKEND_ICMSG || nf_ipc_peer_caught_up(inst);
        if (s.rx_blocks_held == 0 && s.tx_blocks_in_use == 0 && ring_read) {
            return true;
        }
        uint64_t progress = (uint64_t)s.control_messages_received + s.control_messages_sent;
        if (progress != last) {
            last = progress;
            last_change = nf_posix_now_ms();
        } else if (nf_posix_now_ms() - last_change > (uint32_t)o->timeout_ms) {
            snprintf(error, size, "not drained within %d ms: %d tx blocks not released by the peer, %d rx blocks whose release could not be written%s",
                     (int)o->timeout_ms, (int)s.tx_blocks_in_use, (int)s.rx_blocks_held, ring_read ? "" : ", the peer has not read the ring");
            return false;
        }
        sleep_ms(1);
    }
}

static struct nf_ipc_instance instance; /* static storage: the library never allocates */
static struct endpoint_app apps[MAX_APP_ENDPOINTS];

int run_session(const struct run_options *o)
{
    int board_port = 0;
    const struct nf_ipc_config *found = find_board(o->board, o->instance, &board_port);
    static struct nf_ipc_config overridden;
    const struct nf_ipc_config *config = found;
    if (found != NULL && o->dcache_alignment >= 0) {
        overridden = *found;
        overridden.dcache_alignment = (uint32_t)o->dcache_alignment;
        config = &overridden;
    }
    if (config == NULL) {
        fprintf(stderr, "error: board %s has no enabled IPC instance '%s' in the generated registry "
                        "(firmware/NativePeer/generated/nf_board_registry.h; run `nf-sim boards generate --all`)\n",
                o->board, o->instance);
        return EXIT_SETUP;
    }
    int port_base = o->port_base >= 0 ? o->port_base : board_port > 0 ? board_port : NF_SIM_DEFAULT_PORT_BASE;
    if (o->zero_copy && config->backend != NF_BACKEND_ICBMSG) {
        fprintf(stderr, "error: --zero-copy needs an ICBMsg instance: %s is a plain ICMsg instance, whose messages are copied into the ring\n",
                config->name);
        return EXIT_SETUP;
    }
    uint32_t base = config->tx_region_address < config->rx_region_address ? config->tx_region_address : config->rx_region_address;
    uint64_t tx_end = (uint64_t)config->tx_region_address + config->tx_region_size;
    uint64_t rx_end = (uint64_t)config->rx_region_address + config->rx_region_size;
    uint32_t length = (uint32_t)((tx_end > rx_end ? tx_end : rx_end) - base);

    char error[512] = "";
    struct nf_udp_line rx, tx;
    struct nf_mapped_file file;
    if (nf_udp_rx_bind(&rx, port_base, config->rx_channel, error, sizeof(error)) != 0) {
        fprintf(stderr, "error: %s\n", error);
        return EXIT_SETUP;
    }
    if (nf_udp_tx_open(&tx, port_base, config->tx_channel, error, sizeof(error)) != 0 ||
        nf_mapped_file_open(&file, o->shm, length, error, sizeof(error)) != 0) {
        fprintf(stderr, "error: %s\n", error);
        nf_udp_line_close(&rx);
        nf_udp_line_close(&tx);
        return EXIT_SETUP;
    }
    struct nf_posix_os posix_os;
    struct nf_os os;
    struct nf_shm shm;
    struct nf_mbox_tx mbox;
    nf_posix_os_init(&posix_os, &os);
    nf_mapped_file_shm(&file, base, &shm);
    nf_udp_tx_mbox(&tx, &mbox);
    const char *why = NULL;
    int code = EXIT_SETUP;
    if (nf_ipc_init(&instance, config, &shm, &os, &mbox, &why) != 0) {
        fprintf(stderr, "error: instance %s of %s: %s\n", config->name, o->board, why);
        goto out;
    }
    bool sends = o->mode == MODE_SOURCE || o->mode == MODE_PING;
    if (sends && o->size.max > nf_ipc_max_message(&instance)) {
        fprintf(stderr, "error: --size %u-%u exceeds the %u bytes instance %s carries from this side\n", (unsigned)o->size.min,
                (unsigned)o->size.max, (unsigned)nf_ipc_max_message(&instance), config->name);
        goto out;
    }
    /* Streams of the lower-tx side are 0.., of the other 0x80..: a source facing a source is caught. */
    uint8_t side_bit = config->tx_region_address < config->rx_region_address ? 0 : 0x80;
    nf_ipc_set_reject_handler(&instance, on_reject, NULL);
    for (uint32_t i = 0; i < o->endpoint_count; i++) {
        app_init(&apps[i], o, o->endpoints[i], (uint8_t)(side_bit | i));
        if (nf_ipc_register_endpoint(&instance, &apps[i].config, &why) == NULL) {
            fprintf(stderr, "error: endpoint '%s': %s\n", o->endpoints[i], why);
            goto out_apps;
        }
    }

    uint64_t started = monotonic_ns();
    struct nf_posix_runner runner;
    nf_udp_rx_listen(&rx, &instance);
    nf_posix_runner_start(&runner, &instance, &posix_os);
    nf_ipc_open(&instance);
    bool ok = wait_bound(&instance, apps, o->endpoint_count, o, o->shm, &rx, &tx, error, sizeof(error));
    uint64_t traffic_start = monotonic_ns(), traffic_end = traffic_start;
    if (ok) {
        pthread_t threads[MAX_APP_ENDPOINTS];
        for (uint32_t i = 0; i < o->endpoint_count; i++) {
            pthread_create(&threads[i], NULL, app_thread, &apps[i]);
        }
        for (uint32_t i = 0; i < o->endpoint_count; i++) {
            pthread_join(threads[i], NULL);
        }
        ok = drain(&instance, o, error, sizeof(error));
        traffic_end = monotonic_ns();
        for (uint32_t i = 0; i < o->endpoint_count; i++) {
            app_finish(&apps[i]);
        }
    }
    struct nf_statistics s;
    nf_ipc_get_statistics(&instance, &s);
    bool verified = ok && s.rejected == 0;
    for (uint32_t i = 0; i < o->endpoint_count; i++) {
        verified = verified && app_verified(&apps[i]);
    }
    if (ok && s.rejected > 0) {
        snprintf(error, sizeof(error), "%u inputs from the peer failed validation: %s", (unsigned)s.rejected, rejections[0]);
    }
    for (uint32_t i = 0; i < o->endpoint_count && error[0] == '\0'; i++) {
        app_error(&apps[i], error, sizeof(error));
    }

    printf("%s on %s (%s) from %s, shared file %s, udp 127.0.0.1:%d+(tx %u, rx %u) [C]\n", mode_names[o->mode], config->name,
           config->backend == NF_BACKEND_ICMSG ? "icmsg" : nf_ipc_is_initiator(&instance) ? "initiator" : "follower", o->board,
           o->shm, port_base, (unsigned)config->tx_channel, (unsigned)config->rx_channel);
    printf("%-12s %7s %8s %8s %6s %6s %8s  %s\n", "endpoint", "address", "sent", "received", "failed", "echoes", "verified", "error");
    for (uint32_t i = 0; i < o->endpoint_count; i++) {
        struct endpoint_app *a = &apps[i];
        char e[256] = "";
        app_error(a, e, sizeof(e));
        bool echoes = o->mode == MODE_SOURCE;
        uint32_t sent = o->mode == MODE_PING ? atomic_load(&a->completed) : atomic_load(&a->sent);
        uint32_t received = o->mode == MODE_ECHO ? atomic_load(&a->received) : atomic_load(&a->verifier.messages);
        char echo_text[16];
        snprintf(echo_text, sizeof(echo_text), "%u", (unsigned)atomic_load(&a->verifier.messages));
        printf("%-12s %7d %8u %8u %6u %6s %8s  %s\n", a->name, a->endpoint != NULL ? a->endpoint->address : -1, (unsigned)sent,
               (unsigned)received, (unsigned)atomic_load(&a->verifier.failed), echoes ? echo_text : "-",
               app_verified(a) ? "yes" : "no", e);
        print_latency(a);
    }
    double traffic_ms = (double)(traffic_end - traffic_start) / 1e6;
    uint32_t moved = o->mode == MODE_SINK || o->mode == MODE_ECHO ? s.messages_received : s.messages_sent;
    printf("messages out %u, in %u; doorbells rung %u, received %u; rejected %u; allocation waits %u\n", (unsigned)s.messages_sent,
           (unsigned)s.messages_received, (unsigned)s.doorbells_rung, (unsigned)s.doorbells_received, (unsigned)s.rejected,
           (unsigned)s.allocation_waits);
    printf("traffic %.1f ms, %.0f messages/s\n", traffic_ms, traffic_ms > 0 ? moved / (traffic_ms / 1000.0) : 0.0);
    for (unsigned i = 0; i < rejection_count && i < 3; i++) {
        printf("rejected: %s\n", rejections[i]);
    }
    printf("%s in %.0f ms\n", verified ? "verified" : "FAILED", (double)(monotonic_ns() - started) / 1e6);
    if (!verified) {
        fprintf(stderr, "error: %s\n", error[0] ? error : "not every message was verified");
    }
    code = verified ? EXIT_VERIFIED : EXIT_FAILED;
    fflush(stdout);

    nf_ipc_close(&instance);
    nf_posix_runner_stop(&runner);
out_apps:
    for (uint32_t i = 0; i < o->endpoint_count; i++) {
        app_destroy(&apps[i]);
    }
out:
    nf_udp_line_close(&rx);
    nf_udp_line_close(&tx);
    nf_mapped_file_close(&file);
    nf_posix_os_destroy(&posix_os);
    return code;
}
