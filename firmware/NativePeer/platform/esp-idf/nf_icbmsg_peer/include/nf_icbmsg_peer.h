/* The entry point of the native peer for the nanoFramework image: one call from the target's app_main. */
#ifndef NF_ICBMSG_PEER_H
#define NF_ICBMSG_PEER_H

#include "esp_err.h"

/* Starts the default application of the core the nanoCLR does not use (the MultiEndpoint traffic, when
 * CONFIG_NF_ICBMSG_PEER_MULTI_ENDPOINT is set) in a task pinned to that core, and returns. ESP_OK,
 * ESP_ERR_INVALID_STATE when it was started before, ESP_ERR_NO_MEM when the task cannot be created. */
esp_err_t nf_icbmsg_peer_start(void);

#endif
