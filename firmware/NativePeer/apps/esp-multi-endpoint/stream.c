/* One endpoint's traffic: a sender task for the outgoing stream, the received callback (processing task)
 * checking the incoming one in place in the peer's blocks. */
#include <stdio.h>
#include <string.h>

#include "multi_endpoint.h"

/* How long one send waits for free blocks before it is retried, and the pause after any other refusal (not
 * bound yet, the peer not reading its ring), as in the sample. */
#define SEND_WAIT_MS 100
#define RETRY_PAUSE_MS 20

static void fail(struct endpoint_stream *s, const char *error)
{
    if (atomic_load(&s->failed) == 0) {
        snprintf(s->last_error, sizeof(s->last_error), "%s: %s", s->name, error);
    }
    atomic_fetch_add(&s->failed, 1);
}

static void on_bound(struct nf_endpoint *ept, void *priv)
{
    (void)ept;
    atomic_store(&((struct endpoint_stream *)priv)->bound, true);
}

static void on_received(struct nf_endpoint *ept, const struct nf_rx_buffer *buffer, void *priv)
{
    (void)ept;
    struct endpoint_stream *s = priv;
    char error[STREAM_ERROR_SIZE];
    if (buffer->length > STREAM_MAX_SIZE) {
        snprintf(error, sizeof(error), "message of %u bytes is longer than the largest expected (%u)",
                 (unsigned)buffer->length, (unsigned)STREAM_MAX_SIZE);
        fail(s, error);
        return;
    }
    if (!pattern_verify(buffer->data, buffer->length, atomic_load(&s->verified), s->incoming, error, sizeof(error))) {
        fail(s, error);
        return;
    }
    atomic_fetch_add(&s->bytes_verified, buffer->length);
    atomic_fetch_add(&s->verified, 1);
}

void stream_init(struct endpoint_stream *s, const char *side, const char *endpoint_name, uint8_t outgoing,
                 uint8_t incoming, uint32_t messages)
{
    memset(s, 0, sizeof(*s));
    snprintf(s->name, sizeof(s->name), "%s/%s", side, endpoint_name);
    s->endpoint_name = endpoint_name;
    s->outgoing = outgoing;
    s->incoming = incoming;
    s->messages = messages;
    s->config.name = endpoint_name;
    s->config.bound = on_bound;
    s->config.received = on_received;
    s->config.priv = s;
    atomic_init(&s->bound, false);
    atomic_init(&s->stop, false);
    atomic_init(&s->running, false);
    atomic_init(&s->sent, 0);
    atomic_init(&s->send_retries, 0);
    atomic_init(&s->verified, 0);
    atomic_init(&s->failed, 0);
    atomic_init(&s->bytes_verified, 0);
}

static void send_loop(void *arg)
{
    struct endpoint_stream *s = arg;
    for (uint32_t sequence = 0; sequence < s->messages && !atomic_load(&s->stop); sequence++) {
        uint32_t length = pattern_length_of(sequence, STREAM_MIN_SIZE, STREAM_MAX_SIZE);
        pattern_fill(s->message, sequence, s->outgoing, length);
        while (!atomic_load(&s->stop)) {
            enum nf_send_status status = nf_ept_send(s->endpoint, s->message, length, SEND_WAIT_MS);
            if (status == NF_SEND_SENT) {
                atomic_fetch_add(&s->sent, 1);
                break;
            }
            atomic_fetch_add(&s->send_retries, 1);
            if (status == NF_SEND_INVALID_ARGUMENT) {
                fail(s, nf_send_status_text(status)); /* misuse never heals: stop this stream */
                atomic_store(&s->stop, true);
            } else if (status != NF_SEND_NO_BUFFERS) {
                vTaskDelay(nf_esp_ticks(RETRY_PAUSE_MS));
            }
        }
    }
    atomic_store(&s->running, false);
    vTaskDelete(NULL);
}

esp_err_t stream_start_sender(struct endpoint_stream *s, BaseType_t core, UBaseType_t priority)
{
    atomic_store(&s->running, true);
    if (xTaskCreatePinnedToCore(send_loop, s->name, 3072, s, priority, NULL, core) != pdPASS) {
        atomic_store(&s->running, false);
        return ESP_ERR_NO_MEM;
    }
    return ESP_OK;
}

bool stream_is_done(struct endpoint_stream *s)
{
    uint32_t failed = atomic_load(&s->failed);
    if (failed > 0 && !atomic_load(&s->running)) {
        return true; /* the sender gave up (misuse): nothing more will happen */
    }
    return atomic_load(&s->sent) == s->messages && (atomic_load(&s->verified) + failed >= s->messages || failed > 0);
}

bool stream_is_complete(struct endpoint_stream *s)
{
    return atomic_load(&s->sent) == s->messages && atomic_load(&s->verified) == s->messages &&
           atomic_load(&s->failed) == 0;
}
