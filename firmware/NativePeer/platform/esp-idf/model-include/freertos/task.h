/* MODEL of ESP-IDF v5.x components/freertos/FreeRTOS-Kernel/include/freertos/task.h (the part used) and of the
 * ESP-IDF addition xTaskCreatePinnedToCore (freertos/idf_additions.h from v5.1, task.h before; both reached
 * through freertos/task.h). Stack depth is in bytes on ESP-IDF. For check.sh only; see README.md. */
#ifndef NF_MODEL_FREERTOS_TASK_H
#define NF_MODEL_FREERTOS_TASK_H

#ifndef NF_MODEL_FREERTOS_H
#error "include freertos/FreeRTOS.h must appear in source files before include freertos/task.h"
#endif

struct tskTaskControlBlock;
typedef struct tskTaskControlBlock *TaskHandle_t;
typedef void (*TaskFunction_t)(void *);

typedef enum {
    eNoAction = 0,
    eSetBits,
    eIncrement,
    eSetValueWithOverwrite,
    eSetValueWithoutOverwrite
} eNotifyAction;

#define tskDEFAULT_INDEX_TO_NOTIFY (0)

BaseType_t xTaskCreatePinnedToCore(TaskFunction_t pxTaskCode, const char *const pcName,
                                   const configSTACK_DEPTH_TYPE usStackDepth, void *const pvParameters,
                                   UBaseType_t uxPriority, TaskHandle_t *const pxCreatedTask, const BaseType_t xCoreID);
void vTaskDelete(TaskHandle_t xTaskToDelete);
void vTaskDelay(const TickType_t xTicksToDelay);
TaskHandle_t xTaskGetCurrentTaskHandle(void);

BaseType_t xTaskGenericNotify(TaskHandle_t xTaskToNotify, UBaseType_t uxIndexToNotify, uint32_t ulValue,
                              eNotifyAction eAction, uint32_t *pulPreviousNotificationValue);
void vTaskGenericNotifyGiveFromISR(TaskHandle_t xTaskToNotify, UBaseType_t uxIndexToNotify,
                                   BaseType_t *pxHigherPriorityTaskWoken);
uint32_t ulTaskGenericNotifyTake(UBaseType_t uxIndexToWaitOn, BaseType_t xClearCountOnExit, TickType_t xTicksToWait);

#define xTaskNotifyGive(xTaskToNotify)                                                                                 \
    xTaskGenericNotify((xTaskToNotify), (tskDEFAULT_INDEX_TO_NOTIFY), (0), eIncrement, NULL)
#define vTaskNotifyGiveFromISR(xTaskToNotify, pxHigherPriorityTaskWoken)                                               \
    vTaskGenericNotifyGiveFromISR((xTaskToNotify), (tskDEFAULT_INDEX_TO_NOTIFY), (pxHigherPriorityTaskWoken));
#define ulTaskNotifyTake(xClearCountOnExit, xTicksToWait)                                                              \
    ulTaskGenericNotifyTake((tskDEFAULT_INDEX_TO_NOTIFY), (xClearCountOnExit), (xTicksToWait))

#endif
