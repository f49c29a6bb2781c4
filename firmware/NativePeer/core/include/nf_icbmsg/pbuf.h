/*
 * pbuf: the single-producer single-consumer packet ring of one region (docs/protocol.md §3).
 *
 *   region start
 *   +0          rd_idx     u32 LE, written by the READER
 *   +4          handshake  u32 LE, written by the READER (only with a session handshake)
 *   +W          wr_idx     u32 LE, written by the WRITER; W = max(D, handshake ? 8 : 4)
 *   +W+4        data[len]  packets, written by the WRITER; len = size - W - 4
 *
 *   packet at data[i] (i 4-aligned):  len_hi len_lo 00 00 | payload[L] (wraps byte-wise) | pad to 4
 *
 * Each side keeps a private copy of its own index and only reads the other's; every index or length
 * read from the peer is read once into a local and checked against this side's own layout.
 * Writer functions are called under the instance lock; reader functions only from the processing
 * context.
 */
#ifndef NF_ICBMSG_PBUF_H
#define NF_ICBMSG_PBUF_H

#include <stdbool.h>
#include <stdint.h>

#include "nf_icbmsg/platform.h"

#ifdef __cplusplus
extern "C" {
#endif

#define NF_PBUF_INDEX_SIZE 4u
#define NF_PBUF_HEADER_SIZE 4u
#define NF_PBUF_MIN_DATA_LENGTH 12u
#define NF_PBUF_MAX_LENGTH 0xFFFFu

/* Where the words of one ring are, as window offsets. */
struct nf_pbuf_layout {
    uint32_t read_index_offset;
    uint32_t handshake_offset;
    uint32_t write_index_offset;
    uint32_t data_offset;
    uint32_t data_length;
    uint32_t cache_alignment;
    bool handshake;
};

/* Computes a layout or says why Zephyr's own validation would refuse it (why: static text). */
int nf_pbuf_layout_init(struct nf_pbuf_layout *layout, uint32_t region_address, uint32_t region_offset,
                        uint32_t region_size, uint32_t cache_alignment, bool handshake, const char **why);

/* Largest packet an empty ring takes (len - 8). */
uint32_t nf_pbuf_max_packet(const struct nf_pbuf_layout *layout);

enum nf_pbuf_fault { NF_PBUF_FAULT_NONE = 0, NF_PBUF_FAULT_INDEX_INVALID, NF_PBUF_FAULT_LENGTH_INVALID };

struct nf_pbuf {
    const struct nf_shm *shm;
    struct nf_pbuf_layout layout;
    uint32_t write_index;         /* writer's private wr_idx (instance lock) */
    uint32_t read_index;          /* reader's private rd_idx (processing context) */
    enum nf_pbuf_fault last_fault; /* why the last read failed (processing context) */
};

void nf_pbuf_init(struct nf_pbuf *pbuf, const struct nf_shm *shm, const struct nf_pbuf_layout *layout);

/* Writer reset: both shared indices to 0 (Zephyr's contract: the writer resets rd_idx too). */
void nf_pbuf_tx_init(struct nf_pbuf *pbuf);
/* Reader reset: private index only. */
void nf_pbuf_rx_init(struct nf_pbuf *pbuf);

/* Appends one packet: length, -EINVAL (empty, over 0xFFFF, or a bad peer rd_idx), -ENOMEM. */
int nf_pbuf_write(struct nf_pbuf *pbuf, const void *data, uint32_t length);
/* Writer: true when the reader's rd_idx equals position (it had consumed everything before). */
bool nf_pbuf_reader_has_consumed(struct nf_pbuf *pbuf, uint32_t position);

/* Reader: next length without consuming (0 empty, -EINVAL bad index or length, -EAGAIN short). */
int nf_pbuf_peek(struct nf_pbuf *pbuf);
/* Reader: consumes the next packet into buffer; -ENOMEM when capacity is too small. */
int nf_pbuf_read(struct nf_pbuf *pbuf, void *buffer, uint32_t capacity);
/* Reader: consumes the next packet without copying (a packet too long for the read buffer). */
int nf_pbuf_discard(struct nf_pbuf *pbuf);
/* Reader: steps over a header whose length failed validation; 4, or 0 if nothing safe to skip. */
int nf_pbuf_skip_header(struct nf_pbuf *pbuf);
/* Reader: copies the first packet of a fresh ring without consuming it (detect mode). */
int nf_pbuf_read_initial(struct nf_pbuf *pbuf, void *buffer, uint32_t capacity);

uint32_t nf_pbuf_read_handshake(struct nf_pbuf *pbuf);
void nf_pbuf_write_handshake(struct nf_pbuf *pbuf, uint32_t value);

#ifdef __cplusplus
}
#endif

#endif
