/*
 * ESP-IDF/FreeRTOS platform of the C core, for the core of a dual-core ESP32 or ESP32-S3 that does not run the
 * nanoCLR: the shared window over internal SRAM, the GPIO doorbell, the OS layer on FreeRTOS and the
 * processing task. One struct per seam; each fills the matching nf_shm / nf_mbox_tx / nf_os of the core, as
 * platform/posix does for the host.
 */
#ifndef NF_ESP_IDF_H
#define NF_ESP_IDF_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "freertos/FreeRTOS.h"
#include "freertos/semphr.h"
#include "freertos/task.h"

#include "esp_err.h"
#include "nf_icbmsg/ipc.h"

/* ---- shared memory: the window [start, end) in internal SRAM ---- */

/* Fills out for the window; -1 with *why when it is not 4-aligned or not inside the chip's internal data
 * RAM (PSRAM and flash are refused: the other core must see the same bytes without a cache between). */
int nf_esp_window_open(uint32_t start, uint32_t end, struct nf_shm *out, const char **why);

/* ---- mailbox: the GPIO doorbell ---- */
struct nf_esp_doorbell {
    int tx_pin, rx_pin;
    struct nf_ipc_instance *instance; /* set by nf_esp_doorbell_listen, read in the ISR */
    bool listening;
    atomic_uint pulses; /* rings sent: one high pulse each */
    atomic_uint edges;  /* rx pin interrupts taken (each edge is a ring; a pulse gives one or two) */
};

/* Drives tx_pin low as an output and fills out. ESP_OK or the gpio_config error. */
esp_err_t nf_esp_doorbell_init(struct nf_esp_doorbell *doorbell, int tx_pin, int rx_pin, struct nf_mbox_tx *out);
/* Arms rx_pin (input, pulled down, interrupt on any edge) through the GPIO ISR service; each edge calls
 * nf_ipc_doorbell(instance) in interrupt context. An ISR service that is already installed (the nanoCLR's GPIO
 * driver installs it) is used as it is. Call before nf_ipc_open. */
esp_err_t nf_esp_doorbell_listen(struct nf_esp_doorbell *doorbell, struct nf_ipc_instance *instance);
/* Disarms rx_pin: no interrupt reaches the instance afterwards. */
void nf_esp_doorbell_stop(struct nf_esp_doorbell *doorbell);

/* ---- OS layer: the instance lock, the two events, esp_timer time ---- */
struct nf_esp_os {
    StaticSemaphore_t lock_storage, blocks_storage;
    SemaphoreHandle_t lock;   /* the instance lock (a mutex: priority inheritance) */
    SemaphoreHandle_t blocks; /* NF_OS_EVENT_BLOCKS: a binary semaphore, taken by one waiting sender */
    /* NF_OS_EVENT_WORK is a task notification to the processing task; NULL until that task runs. */
    _Atomic(TaskHandle_t) processing;
};

void nf_esp_os_init(struct nf_esp_os *os, struct nf_os *out);

/* ---- the processing task: waits for WORK and runs nf_ipc_process, pinned to one core ---- */
struct nf_esp_runner {
    struct nf_ipc_instance *instance;
    struct nf_esp_os *os;
    atomic_bool stop, exited;
};

/* Starts the task pinned to core. ESP_OK, or ESP_ERR_NO_MEM when FreeRTOS cannot create it. */
esp_err_t nf_esp_runner_start(struct nf_esp_runner *runner, struct nf_ipc_instance *instance, struct nf_esp_os *os,
                              BaseType_t core, UBaseType_t priority, uint32_t stack_bytes);
/* Asks the task to end and waits up to timeout_ms for it (it checks every 100 ms). True when it ended. The task
 * deletes itself, so call this only once nothing can wake it any more: after nf_ipc_close, nf_esp_doorbell_stop
 * and the end of every sender. */
bool nf_esp_runner_stop(struct nf_esp_runner *runner, int32_t timeout_ms);

/* ms -> FreeRTOS ticks, rounded up (so a short wait is never a poll); NF_OS_WAIT_FOREVER -> portMAX_DELAY. */
TickType_t nf_esp_ticks(int32_t timeout_ms);

#endif
