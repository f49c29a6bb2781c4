/*
 * POSIX platform for the sim link (sim-link v1): the shared window is a mapped file, a mailbox
 * channel N is a one-byte UDP datagram to 127.0.0.1:(port_base + N), and the OS layer is pthreads.
 * One struct per seam; each fills the matching nf_shm / nf_mbox_tx / nf_os of the core.
 */
#ifndef NF_POSIX_H
#define NF_POSIX_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#include "nf_icbmsg/ipc.h"

#define NF_SIM_DEFAULT_PORT_BASE 47300

/* ---- OS layer: a mutex, two sticky events, the monotonic clock, the processing thread ---- */
struct nf_posix_event {
    pthread_mutex_t mutex;
    pthread_cond_t cond;
    bool set; /* mutex */
};

struct nf_posix_os {
    pthread_mutex_t lock;               /* the instance lock */
    struct nf_posix_event events[2];    /* indexed by enum nf_os_event */
    pthread_t processing;               /* set by nf_posix_runner_start */
    bool processing_started;
};

void nf_posix_os_init(struct nf_posix_os *os, struct nf_os *out);
void nf_posix_os_destroy(struct nf_posix_os *os);
uint32_t nf_posix_now_ms(void);

/* The processing context: a thread that waits for NF_OS_EVENT_WORK and runs nf_ipc_process. */
struct nf_posix_runner {
    struct nf_ipc_instance *instance;
    struct nf_posix_os *os;
    volatile bool stop;
};
int nf_posix_runner_start(struct nf_posix_runner *runner, struct nf_ipc_instance *instance, struct nf_posix_os *os);
void nf_posix_runner_stop(struct nf_posix_runner *runner);

/* ---- shared memory: the instance's window as a mapped file ---- */
struct nf_mapped_file {
    uint8_t *base;
    uint32_t length;
    int fd;
};

/* Opens path (creating it zero-filled and atomically: temp file, then link into place) and maps
 * it; the file must have exactly length bytes. 0, or -1 with a message naming path and sizes. */
int nf_mapped_file_open(struct nf_mapped_file *file, const char *path, uint32_t length, char *error, size_t error_size);
void nf_mapped_file_close(struct nf_mapped_file *file);
void nf_mapped_file_shm(struct nf_mapped_file *file, uint32_t base_address, struct nf_shm *out);

/* ---- mailbox: UDP lines ---- */
struct nf_udp_line {
    int fd;
    int port;
    uint8_t channel;
    /* rx only */
    pthread_t thread;
    bool listening;
    volatile bool stop;
    struct nf_ipc_instance *instance;
    atomic_uint received, ignored, raised;
};

/* tx: a socket that rings channel on 127.0.0.1:(port_base + channel). */
int nf_udp_tx_open(struct nf_udp_line *line, int port_base, uint8_t channel, char *error, size_t error_size);
void nf_udp_tx_mbox(struct nf_udp_line *line, struct nf_mbox_tx *out);
/* rx: binds 127.0.0.1:(port_base + channel); a thread turns each one-byte datagram into
 * nf_ipc_doorbell (the host's stand-in for the interrupt context). */
int nf_udp_rx_bind(struct nf_udp_line *line, int port_base, uint8_t channel, char *error, size_t error_size);
int nf_udp_rx_listen(struct nf_udp_line *line, struct nf_ipc_instance *instance);
void nf_udp_line_close(struct nf_udp_line *line);

#endif
