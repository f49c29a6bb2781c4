/* Internal: what the instance layer (ipc.c) and its two backends share. Not part of the API. */
#ifndef NF_ICBMSG_IPC_BACKEND_H
#define NF_ICBMSG_IPC_BACKEND_H

#include "nf_icbmsg/ipc.h"

#define NF_IPC_RETRY_INTERVAL_MS 10

#define NF_LOCK(inst) (inst)->os.lock((inst)->os.ctx)
#define NF_UNLOCK(inst) (inst)->os.unlock((inst)->os.ctx)

void nf_ipc_reject(struct nf_ipc_instance *inst, enum nf_reject_reason reason, const char *detail);
void nf_ipc_report(struct nf_ipc_instance *inst, enum nf_reject_reason reason, const char *detail);
bool nf_ipc_in_processing(struct nf_ipc_instance *inst);
void nf_ipc_count_sent(struct nf_ipc_instance *inst, uint32_t bytes);
void nf_ipc_count_received(struct nf_ipc_instance *inst, uint32_t bytes);
void nf_ipc_invoke_bound(struct nf_ipc_instance *inst, struct nf_endpoint *ept);

/* ICBMsg backend (ipc_icbmsg.c) */
extern const struct nf_icmsg_listener nf_icbmsg_listener;
int32_t nf_icbmsg_process(struct nf_ipc_instance *inst);
struct nf_endpoint *nf_icbmsg_register(struct nf_ipc_instance *inst, const struct nf_endpoint_config *config, const char **why);
int nf_icbmsg_deregister(struct nf_endpoint *ept);
enum nf_send_status nf_icbmsg_send(struct nf_endpoint *ept, const void *data, uint32_t length, int32_t timeout_ms);
enum nf_send_status nf_icbmsg_get_tx_buffer(struct nf_endpoint *ept, uint32_t size, int32_t timeout_ms, struct nf_tx_buffer *out);
enum nf_send_status nf_icbmsg_send_nocopy(struct nf_endpoint *ept, const struct nf_tx_buffer *buffer, uint32_t length);
int nf_icbmsg_drop_tx_buffer(struct nf_endpoint *ept, const struct nf_tx_buffer *buffer);
int nf_icbmsg_hold(struct nf_endpoint *ept, const struct nf_rx_buffer *buffer);
int nf_icbmsg_release(struct nf_endpoint *ept, const struct nf_rx_buffer *buffer);

/* Plain ICMsg backend (ipc_icmsg.c) */
extern const struct nf_icmsg_listener nf_icmsg_listener;
int32_t nf_icmsg_process(struct nf_ipc_instance *inst);
struct nf_endpoint *nf_icmsg_register(struct nf_ipc_instance *inst, const struct nf_endpoint_config *config, const char **why);
int nf_icmsg_deregister(struct nf_endpoint *ept);
enum nf_send_status nf_icmsg_send(struct nf_endpoint *ept, const void *data, uint32_t length, int32_t timeout_ms);

#endif
