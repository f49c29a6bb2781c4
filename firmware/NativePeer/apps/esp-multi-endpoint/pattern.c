/* The sample's MessagePattern (firmware/Samples/MultiEndpoint/MessagePattern.cs), byte for byte, so that each
 * side checks what the other sends: a lost, duplicated, reordered, truncated or corrupted message is caught. */
#include <stdio.h>

#include "multi_endpoint.h"

uint32_t pattern_length_of(uint32_t sequence, uint32_t minimum, uint32_t maximum)
{
    uint32_t span = maximum - minimum + 1u;
    return minimum + (sequence * 2654435761u) % span;
}

static uint8_t pattern_at(uint32_t sequence, uint8_t stream, uint32_t index)
{
    return (uint8_t)(sequence * 31u + index * 7u + (uint32_t)stream * 13u);
}

void pattern_fill(uint8_t *buffer, uint32_t sequence, uint8_t stream, uint32_t length)
{
    for (uint32_t i = 0; i < 4; i++) {
        buffer[i] = (uint8_t)(sequence >> (8 * i));
    }
    buffer[4] = stream;
    buffer[5] = 0;
    buffer[6] = (uint8_t)length;
    buffer[7] = (uint8_t)(length >> 8);
    for (uint32_t i = PATTERN_HEADER_SIZE; i < length; i++) {
        buffer[i] = pattern_at(sequence, stream, i);
    }
}

bool pattern_verify(const uint8_t *message, uint32_t length, uint32_t expected, uint8_t stream, char *error,
                    uint32_t error_size)
{
    if (length < PATTERN_HEADER_SIZE) {
        snprintf(error, error_size, "message of %u bytes is shorter than the header", (unsigned)length);
        return false;
    }
    uint32_t sequence = 0;
    for (uint32_t i = 0; i < 4; i++) {
        sequence |= (uint32_t)message[i] << (8 * i);
    }
    if (sequence != expected) {
        snprintf(error, error_size, "sequence %u, expected %u", (unsigned)sequence, (unsigned)expected);
        return false;
    }
    if (message[4] != stream) {
        snprintf(error, error_size, "stream %u, expected %u", (unsigned)message[4], (unsigned)stream);
        return false;
    }
    uint32_t declared = (uint32_t)message[6] | (uint32_t)message[7] << 8;
    if (declared != length) {
        snprintf(error, error_size, "header says %u bytes, %u arrived", (unsigned)declared, (unsigned)length);
        return false;
    }
    for (uint32_t i = PATTERN_HEADER_SIZE; i < length; i++) {
        uint8_t want = pattern_at(sequence, stream, i);
        if (message[i] != want) {
            snprintf(error, error_size, "byte %u of message %u is 0x%02X, expected 0x%02X", (unsigned)i,
                     (unsigned)sequence, (unsigned)message[i], (unsigned)want);
            return false;
        }
    }
    return true;
}
