/* Sim-link mailbox lines: channel N is a one-byte datagram (N & 0xFF) to 127.0.0.1:(PORT_BASE + N). */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "nf_posix.h"

static void loopback(struct sockaddr_in *address, int port)
{
    memset(address, 0, sizeof(*address));
    address->sin_family = AF_INET;
    address->sin_port = htons((uint16_t)port);
    address->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
}

/* A fresh line with its UDP socket; 0, or -1 with the reason in error. */
static int open_line(struct nf_udp_line *line, int port_base, uint8_t channel, char *error, size_t error_size)
{
    memset(line, 0, sizeof(*line));
    line->port = port_base + channel;
    line->channel = channel;
    line->fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (line->fd < 0) {
        snprintf(error, error_size, "udp socket for mailbox channel %u: %s", (unsigned)channel, strerror(errno));
        return -1;
    }
    return 0;
}

int nf_udp_tx_open(struct nf_udp_line *line, int port_base, uint8_t channel, char *error, size_t error_size)
{
    return open_line(line, port_base, channel, error, error_size);
}

static void ring(void *ctx)
{
    struct nf_udp_line *line = ctx;
    struct sockaddr_in to;
    loopback(&to, line->port);
    uint8_t payload = line->channel;
    /* A datagram to a port nobody bound is lost, like an edge nobody listens to (sim-link v1). */
    (void)sendto(line->fd, &payload, 1, 0, (const struct sockaddr *)&to, sizeof(to));
    atomic_fetch_add_explicit(&line->raised, 1, memory_order_relaxed);
}

void nf_udp_tx_mbox(struct nf_udp_line *line, struct nf_mbox_tx *out)
{
    out->ring = ring;
    out->ctx = line;
}

int nf_udp_rx_bind(struct nf_udp_line *line, int port_base, uint8_t channel, char *error, size_t error_size)
{
    if (open_line(line, port_base, channel, error, error_size) != 0) {
        return -1;
    }
    struct sockaddr_in at;
    loopback(&at, line->port);
    if (bind(line->fd, (const struct sockaddr *)&at, sizeof(at)) != 0) {
        snprintf(error, error_size, "cannot bind udp 127.0.0.1:%d for mailbox channel %u: %s (is another side with the same board running?)",
                 line->port, (unsigned)channel, strerror(errno));
        close(line->fd);
        line->fd = -1;
        return -1;
    }
    return 0;
}

static void *listen_loop(void *arg)
{
    struct nf_udp_line *line = arg;
    while (!line->stop) {
        struct pollfd p = {.fd = line->fd, .events = POLLIN};
        if (poll(&p, 1, 100) <= 0) {
            continue;
        }
        uint8_t payload[2];
        ssize_t n = recv(line->fd, payload, sizeof(payload), MSG_TRUNC);
        if (n == 1) {
            atomic_fetch_add_explicit(&line->received, 1, memory_order_relaxed);
            nf_ipc_doorbell(line->instance);
        } else if (n >= 0) {
            atomic_fetch_add_explicit(&line->ignored, 1, memory_order_relaxed); /* not exactly one byte */
        }
    }
    return NULL;
}

int nf_udp_rx_listen(struct nf_udp_line *line, struct nf_ipc_instance *instance)
{
    line->instance = instance;
    line->stop = false;
    int rc = pthread_create(&line->thread, NULL, listen_loop, line);
    line->listening = rc == 0;
    return rc;
}

void nf_udp_line_close(struct nf_udp_line *line)
{
    if (line->listening) {
        line->stop = true;
        pthread_join(line->thread, NULL);
        line->listening = false;
    }
    if (line->fd >= 0) {
        close(line->fd);
        line->fd = -1;
    }
}
