/* The traffic pattern of nf-sim (host-sim Traffic/MessagePattern) and its stream verifier. */
#include <stdio.h>
#include <string.h>

#include "sim_link.h"

uint32_t pattern_length_of(const struct size_range *size, uint32_t sequence)
{
    if (size->min == size->max) {
        return size->min;
    }
    uint32_t span = size->max - size->min + 1u;
    return size->min + (uint32_t)((sequence * 2654435761u) % span);
}

static uint8_t pattern_byte(uint32_t sequence, uint8_t stream, uint32_t index)
{
    return (uint8_t)(sequence * 31u + index * 7u + (uint32_t)stream * 13u);
}

void pattern_fill(uint8_t *buffer, uint32_t sequence, uint8_t stream, uint32_t length)
{
    buffer[0] = (uint8_t)sequence;
    buffer[1] = (uint8_t)(sequence >> 8);
    buffer[2] = (uint8_t)(sequence >> 16);
    buffer[3] = (uint8_t)(sequence >> 24);
    buffer[4] = stream;
    buffer[5] = 0;
    buffer[6] = (uint8_t)length;
    buffer[7] = (uint8_t)(length >> 8);
    for (uint32_t i = PATTERN_HEADER_SIZE; i < length; i++) {
        buffer[i] = pattern_byte(sequence, stream, i);
    }
}

const char *pattern_verify(const uint8_t *m, uint32_t length, uint32_t expected, uint8_t stream, bool header_only,
                           char *error, size_t error_size)
{
    if (length < PATTERN_HEADER_SIZE) {
        snprintf(error, error_size, "message of %u bytes is shorter than the 8-byte header", (unsigned)length);
        return error;
    }
    uint32_t sequence = (uint32_t)m[0] | (uint32_t)m[1] << 8 | (uint32_t)m[2] << 16 | (uint32_t)m[3] << 24;
    if (sequence != expected) {
        snprintf(error, error_size, "sequence %u, expected %u", (unsigned)sequence, (unsigned)expected);
        return error;
    }
    if (m[4] != stream) {
        snprintf(error, error_size, "stream %u, expected %u", (unsigned)m[4], (unsigned)stream);
        return error;
    }
    uint32_t stated = (uint32_t)m[6] | (uint32_t)m[7] << 8;
    if (stated != length) {
        snprintf(error, error_size, "header says %u bytes, %u arrived", (unsigned)stated, (unsigned)length);
        return error;
    }
    for (uint32_t i = PATTERN_HEADER_SIZE; i < length && !header_only; i++) {
        if (m[i] != pattern_byte(sequence, stream, i)) {
            snprintf(error, error_size, "byte %u of message %u is 0x%02X, expected 0x%02X", (unsigned)i, (unsigned)sequence,
                     (unsigned)m[i], (unsigned)pattern_byte(sequence, stream, i));
            return error;
        }
    }
    return NULL;
}

void verifier_accept(struct stream_verifier *v, const char *endpoint, const uint8_t *message, uint32_t length, int stream)
{
    uint8_t id = stream >= 0 ? (uint8_t)stream : (length >= PATTERN_HEADER_SIZE ? message[4] : 0);
    char error[160];
    if (pattern_verify(message, length, v->next[id], id, v->header_only, error, sizeof(error)) != NULL) {
        if (atomic_load(&v->failed) == 0) {
            snprintf(v->first_error, sizeof(v->first_error), "%s: %s", endpoint, error);
        }
        atomic_fetch_add(&v->failed, 1);
    }
    v->next[id]++;
    atomic_fetch_add(&v->messages, 1);
}
