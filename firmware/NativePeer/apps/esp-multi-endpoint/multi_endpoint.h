/*
 * The native side of firmware/Samples/MultiEndpoint in PEER_ON_OTHER_CORE mode, the default application of
 * the core the nanoCLR does not use: instance ipc0 of the mirror board file, endpoints ep_a, ep_b, ep_c, on
 * each a verified pattern stream in each direction. The nanoFramework side ("A") sends the even stream ids
 * 0, 2, 4; this side ("B") sends the odd ones 1, 3, 5 and checks the even ones.
 */
#ifndef NF_ESP_MULTI_ENDPOINT_H
#define NF_ESP_MULTI_ENDPOINT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "nf_esp_idf.h"

#define PATTERN_HEADER_SIZE 8u
#define STREAM_MIN_SIZE PATTERN_HEADER_SIZE
#define STREAM_MAX_SIZE 256u
#define STREAM_ERROR_SIZE 160
#define STREAM_NAME_SIZE 16

/* pattern.c: the sample's MessagePattern (sequence u32 LE, stream u8, 0, length u16 LE, derived bytes). */
uint32_t pattern_length_of(uint32_t sequence, uint32_t minimum, uint32_t maximum);
void pattern_fill(uint8_t *buffer, uint32_t sequence, uint8_t stream, uint32_t length);
/* True when message[0..length) is message `expected` of `stream`; otherwise false with why in error. */
bool pattern_verify(const uint8_t *message, uint32_t length, uint32_t expected, uint8_t stream, char *error,
                    uint32_t error_size);

/* stream.c: the traffic of one endpoint of this side (the sample's EndpointStream). */
struct endpoint_stream {
    char name[STREAM_NAME_SIZE]; /* "B/ep_a", for the console */
    const char *endpoint_name; /* both sides bind by it */
    uint8_t outgoing, incoming;
    uint32_t messages;
    struct nf_endpoint_config config;
    struct nf_endpoint *endpoint;
    atomic_bool bound, stop, running;
    atomic_uint sent, send_retries, verified, failed, bytes_verified;
    char last_error[STREAM_NAME_SIZE + 2 + STREAM_ERROR_SIZE]; /* "name: why" of the first failure */
    uint8_t message[STREAM_MAX_SIZE];   /* the sender task's buffer */
};

void stream_init(struct endpoint_stream *stream, const char *side, const char *endpoint_name, uint8_t outgoing,
                 uint8_t incoming, uint32_t messages);
/* Starts the sender task, pinned to core. ESP_OK or ESP_ERR_NO_MEM. */
esp_err_t stream_start_sender(struct endpoint_stream *stream, BaseType_t core, UBaseType_t priority);
bool stream_is_done(struct endpoint_stream *stream);
bool stream_is_complete(struct endpoint_stream *stream);

#endif
