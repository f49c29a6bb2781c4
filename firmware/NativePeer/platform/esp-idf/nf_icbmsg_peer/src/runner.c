/* The processing task: the one context that runs nf_ipc_process for an instance, pinned to the peer's core. */
#include "nf_esp_idf.h"

/* The longest sleep between checks of the stop flag, also when the core asks for no timer. */
#define RUNNER_MAX_WAIT_MS 100

static void run(void *arg)
{
    struct nf_esp_runner *runner = arg;
    /* Known before the first nf_ipc_process: a wake from now on notifies this task (see os_wake). */
    atomic_store_explicit(&runner->os->processing, xTaskGetCurrentTaskHandle(), memory_order_release);
    int32_t next = 0;
    while (!atomic_load(&runner->stop)) {
        if (next != 0) {
            int32_t wait = next < 0 || next > RUNNER_MAX_WAIT_MS ? RUNNER_MAX_WAIT_MS : next;
            ulTaskNotifyTake(pdTRUE, nf_esp_ticks(wait));
        }
        if (atomic_load(&runner->stop)) {
            break;
        }
        next = nf_ipc_process(runner->instance);
    }
    atomic_store_explicit(&runner->os->processing, NULL, memory_order_release);
    atomic_store(&runner->exited, true);
    vTaskDelete(NULL);
}

esp_err_t nf_esp_runner_start(struct nf_esp_runner *runner, struct nf_ipc_instance *instance, struct nf_esp_os *os,
                              BaseType_t core, UBaseType_t priority, uint32_t stack_bytes)
{
    runner->instance = instance;
    runner->os = os;
    atomic_init(&runner->stop, false);
    atomic_init(&runner->exited, false);
    BaseType_t rc = xTaskCreatePinnedToCore(run, "nf-icbmsg-rx", stack_bytes, runner, priority, NULL, core);
    return rc == pdPASS ? ESP_OK : ESP_ERR_NO_MEM;
}

bool nf_esp_runner_stop(struct nf_esp_runner *runner, int32_t timeout_ms)
{
    /* No notification here: the task may delete itself at any moment now, and a notification to a deleted
     * task is a use after free. It sees the flag within RUNNER_MAX_WAIT_MS. */
    atomic_store(&runner->stop, true);
    for (int32_t waited = 0; !atomic_load(&runner->exited) && waited < timeout_ms; waited += 10) {
        vTaskDelay(nf_esp_ticks(10));
    }
    return atomic_load(&runner->exited);
}
