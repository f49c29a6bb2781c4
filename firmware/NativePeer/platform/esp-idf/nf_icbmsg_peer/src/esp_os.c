/* The OS seam on FreeRTOS: a mutex for the instance lock, a task notification for WORK (the processing task
 * is its only waiter, and a notification is the ISR-safe wake-up FreeRTOS offers per task), a binary semaphore
 * for BLOCKS (any sender may wait; the one that takes it re-checks), esp_timer for time. */
#include "esp_timer.h"
#include "nf_esp_idf.h"

TickType_t nf_esp_ticks(int32_t timeout_ms)
{
    if (timeout_ms < 0) {
        return portMAX_DELAY;
    }
    uint64_t ticks = ((uint64_t)timeout_ms * configTICK_RATE_HZ + 999u) / 1000u;
    return ticks >= portMAX_DELAY ? portMAX_DELAY - 1 : (TickType_t)ticks;
}

static void os_lock(void *ctx)
{
    xSemaphoreTake(((struct nf_esp_os *)ctx)->lock, portMAX_DELAY);
}

static void os_unlock(void *ctx)
{
    xSemaphoreGive(((struct nf_esp_os *)ctx)->lock);
}

static void os_wake(void *ctx, enum nf_os_event event)
{
    struct nf_esp_os *os = ctx;
    BaseType_t woken = pdFALSE;
    bool in_isr = xPortInIsrContext() != pdFALSE;
    if (event == NF_OS_EVENT_WORK) {
        TaskHandle_t processing = atomic_load_explicit(&os->processing, memory_order_acquire);
        /* Before the task runs there is nobody to wake: its first nf_ipc_process drains what is pending. */
        if (processing == NULL) {
            return;
        }
        if (in_isr) {
            vTaskNotifyGiveFromISR(processing, &woken);
        } else {
            xTaskNotifyGive(processing);
        }
    } else if (in_isr) {
        xSemaphoreGiveFromISR(os->blocks, &woken);
    } else {
        xSemaphoreGive(os->blocks);
    }
    if (in_isr) {
        portYIELD_FROM_ISR(woken);
    }
}

static bool os_wait(void *ctx, enum nf_os_event event, int32_t timeout_ms)
{
    struct nf_esp_os *os = ctx;
    if (event == NF_OS_EVENT_WORK) {
        return ulTaskNotifyTake(pdTRUE, nf_esp_ticks(timeout_ms)) > 0;
    }
    return xSemaphoreTake(os->blocks, nf_esp_ticks(timeout_ms)) == pdTRUE;
}

static uint32_t os_now(void *ctx)
{
    (void)ctx;
    return (uint32_t)(esp_timer_get_time() / 1000);
}

static bool os_in_processing(void *ctx)
{
    struct nf_esp_os *os = ctx;
    TaskHandle_t processing = atomic_load_explicit(&os->processing, memory_order_acquire);
    return processing != NULL && processing == xTaskGetCurrentTaskHandle();
}

void nf_esp_os_init(struct nf_esp_os *os, struct nf_os *out)
{
    /* Static storage: neither call can fail for want of memory. */
    os->lock = xSemaphoreCreateMutexStatic(&os->lock_storage);
    os->blocks = xSemaphoreCreateBinaryStatic(&os->blocks_storage);
    atomic_init(&os->processing, NULL);
    out->lock = os_lock;
    out->unlock = os_unlock;
    out->wake = os_wake;
    out->wait = os_wait;
    out->now_ms = os_now;
    out->in_processing_context = os_in_processing;
    out->ctx = os;
}
