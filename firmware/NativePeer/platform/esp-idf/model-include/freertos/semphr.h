/* MODEL of ESP-IDF v5.x components/freertos/FreeRTOS-Kernel/include/freertos/semphr.h (the macros used) and
 * the queue.h functions they expand to. For check.sh only; see README.md. */
#ifndef NF_MODEL_FREERTOS_SEMPHR_H
#define NF_MODEL_FREERTOS_SEMPHR_H

#ifndef NF_MODEL_FREERTOS_H
#error "include freertos/FreeRTOS.h must appear in source files before include freertos/semphr.h"
#endif

/* queue.h */
struct QueueDefinition;
typedef struct QueueDefinition *QueueHandle_t;
#define queueSEND_TO_BACK ((BaseType_t)0)
#define queueQUEUE_TYPE_MUTEX ((uint8_t)1U)
#define queueQUEUE_TYPE_BINARY_SEMAPHORE ((uint8_t)3U)

QueueHandle_t xQueueGenericCreateStatic(const UBaseType_t uxQueueLength, const UBaseType_t uxItemSize,
                                        uint8_t *pucQueueStorage, StaticQueue_t *pxStaticQueue,
                                        const uint8_t ucQueueType);
QueueHandle_t xQueueCreateMutexStatic(const uint8_t ucQueueType, StaticQueue_t *pxStaticQueue);
BaseType_t xQueueGenericSend(QueueHandle_t xQueue, const void *const pvItemToQueue, TickType_t xTicksToWait,
                             const BaseType_t xCopyPosition);
BaseType_t xQueueGiveFromISR(QueueHandle_t xQueue, BaseType_t *const pxHigherPriorityTaskWoken);
BaseType_t xQueueSemaphoreTake(QueueHandle_t xQueue, TickType_t xTicksToWait);

/* semphr.h */
typedef QueueHandle_t SemaphoreHandle_t;
#define semSEMAPHORE_QUEUE_ITEM_LENGTH ((uint8_t)0U)
#define semGIVE_BLOCK_TIME ((TickType_t)0U)

#define xSemaphoreCreateBinaryStatic(pxStaticSemaphore)                                                                \
    xQueueGenericCreateStatic((UBaseType_t)1, semSEMAPHORE_QUEUE_ITEM_LENGTH, NULL, (pxStaticSemaphore),               \
                              queueQUEUE_TYPE_BINARY_SEMAPHORE)
#define xSemaphoreCreateMutexStatic(pxMutexBuffer) xQueueCreateMutexStatic(queueQUEUE_TYPE_MUTEX, (pxMutexBuffer))
#define xSemaphoreTake(xSemaphore, xBlockTime) xQueueSemaphoreTake((xSemaphore), (xBlockTime))
#define xSemaphoreGive(xSemaphore)                                                                                     \
    xQueueGenericSend((QueueHandle_t)(xSemaphore), NULL, semGIVE_BLOCK_TIME, queueSEND_TO_BACK)
#define xSemaphoreGiveFromISR(xSemaphore, pxHigherPriorityTaskWoken)                                                   \
    xQueueGiveFromISR((QueueHandle_t)(xSemaphore), (pxHigherPriorityTaskWoken))

#endif
