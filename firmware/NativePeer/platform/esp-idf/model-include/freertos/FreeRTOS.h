/* MODEL of ESP-IDF v5.x components/freertos/FreeRTOS-Kernel/include/freertos/FreeRTOS.h together with what
 * it pulls in from projdefs.h, FreeRTOSConfig.h and the Xtensa portmacro.h (types, constants, the ISR yield).
 * For firmware/NativePeer/platform/esp-idf/check.sh only; see README.md. */
#ifndef NF_MODEL_FREERTOS_H
#define NF_MODEL_FREERTOS_H

#include <stddef.h>
#include <stdint.h>

#include "sdkconfig.h"

/* portmacro.h (Xtensa and RISC-V ports of ESP-IDF) */
#define portBASE_TYPE int
typedef portBASE_TYPE BaseType_t;
typedef unsigned portBASE_TYPE UBaseType_t;
typedef uint32_t TickType_t;
typedef uint8_t StackType_t;
#define portMAX_DELAY ((TickType_t)0xffffffffUL)

BaseType_t xPortInIsrContext(void);
void vPortYieldFromISR(void);
/* The one-argument form used from an ISR: yield when the ISR woke a higher-priority task. */
#define portYIELD_FROM_ISR(xHigherPriorityTaskWoken)                                                                   \
    do {                                                                                                               \
        if ((xHigherPriorityTaskWoken) == pdTRUE) {                                                                    \
            vPortYieldFromISR();                                                                                       \
        }                                                                                                              \
    } while (0)

/* projdefs.h */
#define pdFALSE ((BaseType_t)0)
#define pdTRUE ((BaseType_t)1)
#define pdPASS (pdTRUE)
#define pdFAIL (pdFALSE)

/* FreeRTOSConfig.h of ESP-IDF */
#define configTICK_RATE_HZ (CONFIG_FREERTOS_HZ)
#define configSTACK_DEPTH_TYPE uint32_t

/* Storage for statically created queues and semaphores; opaque to applications (FreeRTOS.h defines the real
 * layout as a dummy struct of the same size as the kernel's). */
typedef struct xSTATIC_QUEUE {
    void *pvDummy1[3];
    union {
        void *pvDummy2;
        UBaseType_t uxDummy2;
    } u;
    uint8_t ucDummy3[64];
} StaticQueue_t;
typedef StaticQueue_t StaticSemaphore_t;

#endif
