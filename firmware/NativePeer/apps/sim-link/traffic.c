/* The four endpoint applications of `nf-sim run` (Run/EchoApp, SourceApp, SinkApp, PingApp) with
 * the same traffic, the same checks and the same verdicts. */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nf_posix.h"
#include "sim_link.h"

uint64_t monotonic_ns(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

static void sleep_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

void app_fail(struct endpoint_app *app, const char *message)
{
    pthread_mutex_lock(&app->mutex);
    if (app->error[0] == '\0') {
        snprintf(app->error, sizeof(app->error), "%s: %s", app->name, message);
    }
    pthread_mutex_unlock(&app->mutex);
}

static bool failed(struct endpoint_app *app)
{
    pthread_mutex_lock(&app->mutex);
    bool f = app->error[0] != '\0';
    pthread_mutex_unlock(&app->mutex);
    return f;
}

bool app_error(struct endpoint_app *app, char *out, size_t size)
{
    pthread_mutex_lock(&app->mutex);
    const char *e = app->error[0] != '\0' ? app->error : atomic_load(&app->verifier.failed) > 0 ? app->verifier.first_error : NULL;
    if (e != NULL) {
        snprintf(out, size, "%s", e);
    }
    pthread_mutex_unlock(&app->mutex);
    return e != NULL;
}

/* TxSender: a copying or zero-copy send; a full ICMsg ring is polled until the timeout (the peer
 * does not ring when it reads). */
static enum nf_send_status tx_send(struct endpoint_app *app, const uint8_t *message, uint32_t length, int32_t timeout_ms)
{
    struct nf_endpoint *ept = app->endpoint;
    if (app->options->zero_copy) {
        struct nf_tx_buffer buffer;
        enum nf_send_status status = nf_ept_get_tx_buffer(ept, length, timeout_ms, &buffer);
        if (status != NF_SEND_SENT) {
            return status;
        }
        memcpy(buffer.data, message, length);
        return nf_ept_send_nocopy(ept, &buffer, length);
    }
    enum nf_send_status status = nf_ept_send(ept, message, length, timeout_ms);
    uint32_t start = nf_posix_now_ms();
    while (status == NF_SEND_RING_FULL && timeout_ms > 0 && nf_posix_now_ms() - start < (uint32_t)timeout_ms) {
        sched_yield();
        status = nf_ept_send(ept, message, length, timeout_ms);
    }
    return status;
}

static void describe(char *out, size_t size, const char *what, enum nf_send_status status, int32_t timeout_ms)
{
    snprintf(out, size, "%s: %s (timeout %d ms)", what, nf_send_status_text(status), (int)timeout_ms);
}

/* ---- callbacks (processing context) ---- */

static void on_bound(struct nf_endpoint *ept, void *priv)
{
    struct endpoint_app *app = priv;
    app->endpoint = ept;
    atomic_store(&app->bound, true);
}

static void echo_received(struct endpoint_app *app, const struct nf_rx_buffer *buffer)
{
    atomic_fetch_add(&app->received, 1);
    pthread_mutex_lock(&app->mutex);
    if (app->backlog_count == 0 && app->error[0] == '\0') {
        char text[160];
        uint32_t max = nf_ipc_max_message(app->endpoint->instance);
        if (buffer->length > max) {
            pthread_mutex_unlock(&app->mutex);
            snprintf(text, sizeof(text), "a message of %u bytes cannot be echoed: this side sends at most %u",
                     (unsigned)buffer->length, (unsigned)max);
            app_fail(app, text);
            return;
        }
        enum nf_send_status status = tx_send(app, buffer->data, buffer->length, 0);
        if (status == NF_SEND_RING_FULL) {
            /* ICMsg: a received message cannot be held, so wait here for the peer to read its ring. */
            status = tx_send(app, buffer->data, buffer->length, app->options->timeout_ms);
        }
        if (status == NF_SEND_SENT) {
            atomic_fetch_add(&app->sent, 1);
            pthread_mutex_unlock(&app->mutex);
            return;
        }
        if (status != NF_SEND_NO_BUFFERS) {
            pthread_mutex_unlock(&app->mutex);
            snprintf(text, sizeof(text), "echo of message %u", (unsigned)(atomic_load(&app->received) - 1));
            char full[220];
            describe(full, sizeof(full), text, status, status == NF_SEND_RING_FULL ? app->options->timeout_ms : 0);
            app_fail(app, full);
            return;
        }
    }
    if (app->error[0] != '\0') {
        pthread_mutex_unlock(&app->mutex);
        return;
    }
    if (nf_ept_hold_rx_buffer(app->endpoint, buffer) == 0) {
        app->backlog[(app->backlog_head + app->backlog_count) % NF_ICBMSG_MAX_BLOCK_COUNT] = *buffer;
        app->backlog_count++;
        pthread_mutex_unlock(&app->mutex);
        return;
    }
    pthread_mutex_unlock(&app->mutex);
    app_fail(app, "a message could neither be echoed nor held");
}

static void on_received(struct nf_endpoint *ept, const struct nf_rx_buffer *buffer, void *priv)
{
    (void)ept;
    struct endpoint_app *app = priv;
    switch (app->options->mode) {
    case MODE_ECHO:
        echo_received(app, buffer);
        break;
    case MODE_SINK:
        verifier_accept(&app->verifier, app->name, buffer->data, buffer->length, -1);
        break;
    case MODE_SOURCE:
        verifier_accept(&app->verifier, app->name, buffer->data, buffer->length, app->stream);
        break;
    case MODE_PING: {
        uint64_t arrival = monotonic_ns();
        verifier_accept(&app->verifier, app->name, buffer->data, buffer->length, app->stream);
        pthread_mutex_lock(&app->mutex);
        if (app->ping_arrivals < app->options->count) {
            app->round_trips_ns[app->ping_arrivals] = arrival;
        }
        app->ping_arrivals++;
        pthread_cond_signal(&app->echoed);
        pthread_mutex_unlock(&app->mutex);
        break;
    }
    }
}

/* ---- life cycle ---- */

void app_init(struct endpoint_app *app, const struct run_options *options, const char *name, uint8_t stream)
{
    memset(app, 0, sizeof(*app));
    app->options = options;
    app->name = name;
    app->stream = stream;
    app->verifier.header_only = options->header_check;
    app->config.name = name;
    app->config.bound = on_bound;
    app->config.received = on_received;
    app->config.priv = app;
    pthread_mutex_init(&app->mutex, NULL);
    pthread_cond_init(&app->echoed, NULL);
    if (options->mode == MODE_PING) {
        app->round_trips_ns = calloc(options->count, sizeof(uint64_t)); /* the app, not the library, allocates */
    }
}

void app_destroy(struct endpoint_app *app)
{
    free(app->round_trips_ns);
    pthread_cond_destroy(&app->echoed);
    pthread_mutex_destroy(&app->mutex);
}

/* Serve.UntilDone: until count messages (or, with --count 0, --idle ms of quiet after the first);
 * fails after --timeout ms without progress. */
static void serve(struct endpoint_app *app, atomic_uint *counter, void (*work)(struct endpoint_app *),
                  bool (*settled)(struct endpoint_app *))
{
    const struct run_options *o = app->options;
    uint32_t start = nf_posix_now_ms();
    uint32_t last = atomic_load(counter);
    uint32_t last_change = 0;
    while (!failed(app)) {
        if (work != NULL) {
            work(app);
        }
        uint32_t now = atomic_load(counter);
        uint32_t elapsed = nf_posix_now_ms() - start;
        if (now != last) {
            last = now;
            last_change = elapsed;
        }
        uint32_t quiet = elapsed - last_change;
        bool serving = o->count == 0 && now > 0;
        if ((settled == NULL || settled(app)) && (o->count == 0 ? serving && quiet > (uint32_t)o->idle_ms : now >= o->count)) {
            return;
        }
        if (!serving && quiet > (uint32_t)o->timeout_ms) {
            char text[160];
            if (now == 0) {
                snprintf(text, sizeof(text), "no message within %d ms (is the peer sending?)", (int)o->timeout_ms);
            } else {
                snprintf(text, sizeof(text), "received %u of %u messages, then none for %d ms", (unsigned)now, (unsigned)o->count,
                         (int)o->timeout_ms);
            }
            app_fail(app, text);
            return;
        }
        sleep_ms(1);
    }
}

static bool backlog_empty(struct endpoint_app *app)
{
    pthread_mutex_lock(&app->mutex);
    bool empty = app->backlog_count == 0;
    pthread_mutex_unlock(&app->mutex);
    return empty;
}

static void echo_backlog(struct endpoint_app *app)
{
    for (;;) {
        pthread_mutex_lock(&app->mutex);
        if (app->backlog_count == 0) {
            pthread_mutex_unlock(&app->mutex);
            return;
        }
        /* Peek, not dequeue: while this echo is being sent, new arrivals must queue behind it. */
        struct nf_rx_buffer held = app->backlog[app->backlog_head];
        pthread_mutex_unlock(&app->mutex);
        if (!failed(app)) {
            enum nf_send_status status = held.length > nf_ipc_max_message(app->endpoint->instance)
                                             ? NF_SEND_NO_BUFFERS
                                             : tx_send(app, held.data, held.length, app->options->timeout_ms);
            if (status == NF_SEND_SENT) {
                atomic_fetch_add(&app->sent, 1);
            } else {
                char text[200];
                describe(text, sizeof(text), "echo of a held message", status, app->options->timeout_ms);
                app_fail(app, text);
            }
        }
        pthread_mutex_lock(&app->mutex);
        app->backlog_head = (app->backlog_head + 1) % NF_ICBMSG_MAX_BLOCK_COUNT;
        app->backlog_count--;
        pthread_mutex_unlock(&app->mutex);
        nf_ept_release_rx_buffer(app->endpoint, &held);
    }
}

static void run_source(struct endpoint_app *app)
{
    const struct run_options *o = app->options;
    uint8_t *message = malloc(o->size.max);
    for (uint32_t sequence = 0; sequence < o->count && message != NULL; sequence++) {
        uint32_t length = pattern_length_of(&o->size, sequence);
        pattern_fill(message, sequence, app->stream, length);
        enum nf_send_status status = tx_send(app, message, length, o->timeout_ms);
        if (status != NF_SEND_SENT) {
            char what[64], text[200];
            snprintf(what, sizeof(what), "message %u of %u", (unsigned)sequence, (unsigned)o->count);
            describe(text, sizeof(text), what, status, o->timeout_ms);
            app_fail(app, text);
            break;
        }
        atomic_fetch_add(&app->sent, 1);
    }
    free(message);
}

static void run_ping(struct endpoint_app *app)
{
    const struct run_options *o = app->options;
    uint8_t *message = malloc(o->size.max);
    for (uint32_t sequence = 0; sequence < o->count && message != NULL; sequence++) {
        uint32_t length = pattern_length_of(&o->size, sequence);
        pattern_fill(message, sequence, app->stream, length);
        uint64_t start = monotonic_ns();
        enum nf_send_status status = tx_send(app, message, length, o->timeout_ms);
        char text[200];
        if (status != NF_SEND_SENT) {
            char what[32];
            snprintf(what, sizeof(what), "ping %u", (unsigned)sequence);
            describe(text, sizeof(text), what, status, o->timeout_ms);
            app_fail(app, text);
            break;
        }
        struct timespec deadline;
        clock_gettime(CLOCK_REALTIME, &deadline);
        deadline.tv_sec += o->timeout_ms / 1000;
        deadline.tv_nsec += (long)(o->timeout_ms % 1000) * 1000000L;
        if (deadline.tv_nsec >= 1000000000L) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000L;
        }
        pthread_mutex_lock(&app->mutex);
        int rc = 0;
        while (app->ping_arrivals <= sequence && rc != ETIMEDOUT) {
            rc = pthread_cond_timedwait(&app->echoed, &app->mutex, &deadline);
        }
        bool arrived = app->ping_arrivals > sequence;
        if (arrived) {
            app->round_trips_ns[sequence] -= start;
        }
        pthread_mutex_unlock(&app->mutex);
        if (!arrived) {
            snprintf(text, sizeof(text), "no echo of ping %u within %d ms (is the peer in echo mode?)", (unsigned)sequence, (int)o->timeout_ms);
            app_fail(app, text);
            break;
        }
        if (atomic_load(&app->verifier.messages) != sequence + 1) {
            snprintf(text, sizeof(text), "%u echoes arrived for %u pings", (unsigned)atomic_load(&app->verifier.messages), (unsigned)sequence + 1);
            app_fail(app, text);
            break;
        }
        atomic_fetch_add(&app->completed, 1);
    }
    free(message);
}

void app_run(struct endpoint_app *app)
{
    switch (app->options->mode) {
    case MODE_ECHO:
        serve(app, &app->received, echo_backlog, backlog_empty);
        /* A failed echo stops echoing, but whatever is held must still go back to the peer. */
        echo_backlog(app);
        break;
    case MODE_SINK:
        serve(app, &app->verifier.messages, NULL, NULL);
        break;
    case MODE_SOURCE:
        run_source(app);
        break;
    case MODE_PING:
        run_ping(app);
        break;
    }
}

/* Source: when the peer echoes, wait for every echo (progress-bounded). */
void app_finish(struct endpoint_app *app)
{
    if (app->options->mode != MODE_SOURCE) {
        return;
    }
    uint32_t sent = atomic_load(&app->sent);
    uint32_t last = atomic_load(&app->verifier.messages);
    uint32_t last_change = nf_posix_now_ms();
    while (last > 0 && last < sent && nf_posix_now_ms() - last_change <= (uint32_t)app->options->timeout_ms) {
        sleep_ms(1);
        uint32_t now = atomic_load(&app->verifier.messages);
        if (now != last) {
            last = now;
            last_change = nf_posix_now_ms();
        }
    }
    char text[96];
    if (last > 0 && last < sent) {
        snprintf(text, sizeof(text), "%u of %u echoes came back", (unsigned)last, (unsigned)sent);
        app_fail(app, text);
    } else if (last > sent) {
        snprintf(text, sizeof(text), "%u echoes for %u messages sent", (unsigned)last, (unsigned)sent);
        app_fail(app, text);
    }
}

bool app_verified(struct endpoint_app *app)
{
    const struct run_options *o = app->options;
    if (failed(app) || atomic_load(&app->verifier.failed) != 0) {
        return false;
    }
    uint32_t messages = atomic_load(&app->verifier.messages);
    uint32_t received = atomic_load(&app->received);
    switch (o->mode) {
    case MODE_ECHO:
        return received == atomic_load(&app->sent) && (o->count == 0 ? received > 0 : received == o->count);
    case MODE_SINK:
        return o->count == 0 ? messages > 0 : messages == o->count;
    case MODE_SOURCE:
        return atomic_load(&app->sent) == o->count && (messages == 0 || messages == atomic_load(&app->sent));
    case MODE_PING:
        return atomic_load(&app->completed) == o->count && messages == o->count;
    }
    return false;
}
