/* pbuf ring (docs/protocol.md §3); layout diagram in nf_icbmsg/pbuf.h. */
#include "nf_icbmsg/pbuf.h"

#include <errno.h>
#include <stddef.h>

static uint32_t round_up4(uint32_t value) { return (value + 3u) & ~3u; }

int nf_pbuf_layout_init(struct nf_pbuf_layout *layout, uint32_t region_address, uint32_t region_offset,
                        uint32_t region_size, uint32_t cache_alignment, bool handshake, const char **why)
{
    const char *unused;
    if (why == NULL) {
        why = &unused;
    }
    *why = NULL;
    if ((cache_alignment & (cache_alignment - 1u)) != 0) {
        *why = "dcache-alignment is not 0 or a power of two";
        return -EINVAL;
    }
    uint32_t alignment = cache_alignment > 4u ? cache_alignment : 4u;
    if (region_address % alignment != 0 || region_offset % 4u != 0) {
        *why = "packet buffer start is not aligned to max(dcache-alignment, 4)";
        return -EINVAL;
    }
    if (handshake && cache_alignment < 8u) {
        *why = "the session handshake needs dcache-alignment >= 8 (Zephyr rejects smaller)";
        return -EINVAL;
    }
    if (region_size % 4u != 0) {
        *why = "packet buffer size is not a multiple of 4";
        return -EINVAL;
    }
    uint32_t minimum = handshake ? 8u : 4u;
    uint32_t write_at = cache_alignment > minimum ? cache_alignment : minimum;
    if ((uint64_t)region_size < (uint64_t)write_at + NF_PBUF_INDEX_SIZE + NF_PBUF_MIN_DATA_LENGTH) {
        *why = "packet buffer leaves a data area under the 12 bytes Zephyr requires";
        return -EINVAL;
    }
    layout->read_index_offset = region_offset;
    layout->handshake_offset = region_offset + 4u;
    layout->write_index_offset = region_offset + write_at;
    layout->data_offset = layout->write_index_offset + NF_PBUF_INDEX_SIZE;
    layout->data_length = region_offset + region_size - layout->data_offset;
    layout->cache_alignment = cache_alignment;
    layout->handshake = handshake;
    return 0;
}

uint32_t nf_pbuf_max_packet(const struct nf_pbuf_layout *layout)
{
    return layout->data_length - NF_PBUF_HEADER_SIZE - NF_PBUF_INDEX_SIZE;
}

void nf_pbuf_init(struct nf_pbuf *pbuf, const struct nf_shm *shm, const struct nf_pbuf_layout *layout)
{
    pbuf->shm = shm;
    pbuf->layout = *layout;
    pbuf->write_index = 0;
    pbuf->read_index = 0;
    pbuf->last_fault = NF_PBUF_FAULT_NONE;
}

/* Shorthands for the seam. */
#define OPS(p) ((p)->shm->ops)
#define CTX(p) ((p)->shm->ctx)

static uint32_t load(struct nf_pbuf *p, uint32_t offset)
{
    OPS(p)->invalidate(CTX(p), offset, NF_PBUF_INDEX_SIZE);
    OPS(p)->barrier(CTX(p));
    return OPS(p)->load_acquire(CTX(p), offset);
}

static void store(struct nf_pbuf *p, uint32_t offset, uint32_t value)
{
    OPS(p)->barrier(CTX(p));
    OPS(p)->store_release(CTX(p), offset, value);
    OPS(p)->barrier(CTX(p));
    OPS(p)->flush(CTX(p), offset, NF_PBUF_INDEX_SIZE);
}

static uint32_t advance(const struct nf_pbuf *p, uint32_t position, uint32_t count)
{
    uint64_t next = (uint64_t)position + count;
    while (next >= p->layout.data_length) {
        next -= p->layout.data_length;
    }
    return (uint32_t)next;
}

static uint32_t occupied(const struct nf_pbuf *p, uint32_t write, uint32_t read)
{
    return read > write ? p->layout.data_length - (read - write) : write - read;
}

void nf_pbuf_tx_init(struct nf_pbuf *p)
{
    p->write_index = 0;
    p->read_index = 0;
    OPS(p)->store_release(CTX(p), p->layout.write_index_offset, 0);
    OPS(p)->store_release(CTX(p), p->layout.read_index_offset, 0);
    OPS(p)->barrier(CTX(p));
    OPS(p)->flush(CTX(p), p->layout.write_index_offset, NF_PBUF_INDEX_SIZE);
    OPS(p)->flush(CTX(p), p->layout.read_index_offset, NF_PBUF_INDEX_SIZE);
}

void nf_pbuf_rx_init(struct nf_pbuf *p) { p->read_index = 0; }

static void copy_in(struct nf_pbuf *p, uint32_t position, const uint8_t *data, uint32_t length)
{
    uint32_t first = p->layout.data_length - position;
    if (first > length) {
        first = length;
    }
    OPS(p)->write(CTX(p), p->layout.data_offset + position, data, first);
    OPS(p)->flush(CTX(p), p->layout.data_offset + position, first);
    if (first < length) {
        OPS(p)->write(CTX(p), p->layout.data_offset, data + first, length - first);
        OPS(p)->flush(CTX(p), p->layout.data_offset, length - first);
    }
}

static void copy_out(struct nf_pbuf *p, uint32_t position, uint8_t *buffer, uint32_t length)
{
    uint32_t first = p->layout.data_length - position;
    if (first > length) {
        first = length;
    }
    OPS(p)->invalidate(CTX(p), p->layout.data_offset + position, first);
    OPS(p)->read(CTX(p), p->layout.data_offset + position, buffer, first);
    if (first < length) {
        OPS(p)->invalidate(CTX(p), p->layout.data_offset, length - first);
        OPS(p)->read(CTX(p), p->layout.data_offset, buffer + first, length - first);
    }
}

int nf_pbuf_write(struct nf_pbuf *p, const void *data, uint32_t length)
{
    if (data == NULL || length == 0 || length > NF_PBUF_MAX_LENGTH) {
        return -EINVAL;
    }
    uint32_t peer_read = load(p, p->layout.read_index_offset);
    if ((peer_read & 3u) != 0 || peer_read >= p->layout.data_length) {
        return -EINVAL;
    }
    uint32_t write = p->write_index;
    uint32_t used = occupied(p, write, peer_read);
    uint32_t free = p->layout.data_length - used - NF_PBUF_INDEX_SIZE;
    if ((uint64_t)length + NF_PBUF_HEADER_SIZE > free) {
        return -ENOMEM;
    }
    uint8_t header[NF_PBUF_HEADER_SIZE] = {(uint8_t)(length >> 8), (uint8_t)length, 0, 0};
    OPS(p)->write(CTX(p), p->layout.data_offset + write, header, NF_PBUF_HEADER_SIZE);
    OPS(p)->barrier(CTX(p));
    OPS(p)->flush(CTX(p), p->layout.data_offset + write, NF_PBUF_HEADER_SIZE);
    uint32_t payload = advance(p, write, NF_PBUF_HEADER_SIZE);
    copy_in(p, payload, (const uint8_t *)data, length);
    uint32_t next = advance(p, payload, round_up4(length));
    p->write_index = next;
    store(p, p->layout.write_index_offset, next);
    return (int)length;
}

bool nf_pbuf_reader_has_consumed(struct nf_pbuf *p, uint32_t position)
{
    OPS(p)->barrier(CTX(p));
    return load(p, p->layout.read_index_offset) == position;
}

static uint32_t read_header(struct nf_pbuf *p, uint32_t position)
{
    uint8_t header[NF_PBUF_HEADER_SIZE];
    OPS(p)->invalidate(CTX(p), p->layout.data_offset + position, NF_PBUF_HEADER_SIZE);
    OPS(p)->read(CTX(p), p->layout.data_offset + position, header, NF_PBUF_HEADER_SIZE);
    return ((uint32_t)header[0] << 8) | header[1];
}

/* The one place the peer's wr_idx and packet length are read and judged. */
static int next_length(struct nf_pbuf *p, uint32_t read)
{
    uint32_t peer_write = load(p, p->layout.write_index_offset);
    if ((peer_write & 3u) != 0 || peer_write >= p->layout.data_length) {
        p->last_fault = NF_PBUF_FAULT_INDEX_INVALID;
        return -EINVAL;
    }
    if (peer_write == read) {
        return 0;
    }
    uint32_t used = occupied(p, peer_write, read);
    uint32_t length = read_header(p, read);
    if (length == 0 || length > nf_pbuf_max_packet(&p->layout)) {
        p->last_fault = NF_PBUF_FAULT_LENGTH_INVALID;
        return -EINVAL;
    }
    if (used < length + NF_PBUF_HEADER_SIZE) {
        p->last_fault = NF_PBUF_FAULT_LENGTH_INVALID;
        return -EAGAIN;
    }
    return (int)length;
}

static void consume(struct nf_pbuf *p, uint32_t payload, uint32_t length)
{
    uint32_t next = advance(p, payload, round_up4(length));
    p->read_index = next;
    store(p, p->layout.read_index_offset, next);
}

int nf_pbuf_peek(struct nf_pbuf *p) { return next_length(p, p->read_index); }

int nf_pbuf_read(struct nf_pbuf *p, void *buffer, uint32_t capacity)
{
    uint32_t read = p->read_index;
    int length = next_length(p, read);
    if (length <= 0 || buffer == NULL) {
        return length;
    }
    if ((uint32_t)length > capacity) {
        return -ENOMEM;
    }
    uint32_t payload = advance(p, read, NF_PBUF_HEADER_SIZE);
    copy_out(p, payload, (uint8_t *)buffer, (uint32_t)length);
    consume(p, payload, (uint32_t)length);
    return length;
}

int nf_pbuf_discard(struct nf_pbuf *p)
{
    uint32_t read = p->read_index;
    int length = next_length(p, read);
    if (length > 0) {
        consume(p, advance(p, read, NF_PBUF_HEADER_SIZE), (uint32_t)length);
    }
    return length;
}

int nf_pbuf_skip_header(struct nf_pbuf *p)
{
    uint32_t peer_write = load(p, p->layout.write_index_offset);
    uint32_t read = p->read_index;
    if ((peer_write & 3u) != 0 || peer_write >= p->layout.data_length || peer_write == read) {
        return 0;
    }
    consume(p, advance(p, read, NF_PBUF_HEADER_SIZE), 0);
    return (int)NF_PBUF_HEADER_SIZE;
}

int nf_pbuf_read_initial(struct nf_pbuf *p, void *buffer, uint32_t capacity)
{
    if (p->read_index != 0 || buffer == NULL) {
        return -EINVAL;
    }
    uint32_t peer_write = load(p, p->layout.write_index_offset);
    if (peer_write == 0 || peer_write >= p->layout.data_length || peer_write > NF_PBUF_MAX_LENGTH ||
        (peer_write & 3u) != 0) {
        return -EINVAL;
    }
    uint32_t length = read_header(p, 0);
    if (length == 0 || length + NF_PBUF_HEADER_SIZE > peer_write) {
        return -EINVAL;
    }
    if (length > capacity) {
        return -ENOMEM;
    }
    copy_out(p, NF_PBUF_HEADER_SIZE, (uint8_t *)buffer, length);
    return (int)length;
}

uint32_t nf_pbuf_read_handshake(struct nf_pbuf *p)
{
    return p->layout.handshake ? load(p, p->layout.handshake_offset) : 0;
}

void nf_pbuf_write_handshake(struct nf_pbuf *p, uint32_t value)
{
    if (p->layout.handshake) {
        store(p, p->layout.handshake_offset, value);
    }
}
