/* MODEL of ESP-IDF v5.x components/esp_driver_gpio/include/driver/gpio.h (v5.0-5.2: components/driver) and the
 * types it takes from hal/gpio_types.h and soc/gpio_num.h (the part used). For check.sh only; see README.md. */
#ifndef NF_MODEL_DRIVER_GPIO_H
#define NF_MODEL_DRIVER_GPIO_H

#include <stdint.h>

#include "esp_err.h"
#include "sdkconfig.h"

/* soc/gpio_num.h: GPIO_NUM_0 .. GPIO_NUM_<n> are the pin numbers; GPIO_NUM_MAX is one past the last. */
typedef enum {
    GPIO_NUM_NC = -1,
    GPIO_NUM_0 = 0,
#if defined(CONFIG_IDF_TARGET_ESP32)
    GPIO_NUM_MAX = 40,
#elif defined(CONFIG_IDF_TARGET_ESP32S3)
    GPIO_NUM_MAX = 49,
#else
    GPIO_NUM_MAX = 31,
#endif
} gpio_num_t;

/* hal/gpio_types.h */
typedef enum {
    GPIO_INTR_DISABLE = 0,
    GPIO_INTR_POSEDGE = 1,
    GPIO_INTR_NEGEDGE = 2,
    GPIO_INTR_ANYEDGE = 3,
    GPIO_INTR_LOW_LEVEL = 4,
    GPIO_INTR_HIGH_LEVEL = 5,
    GPIO_INTR_MAX,
} gpio_int_type_t;

typedef enum {
    GPIO_MODE_DISABLE = 0,
    GPIO_MODE_INPUT = 1,
    GPIO_MODE_OUTPUT = 2,
    GPIO_MODE_OUTPUT_OD = 6,
    GPIO_MODE_INPUT_OUTPUT_OD = 7,
    GPIO_MODE_INPUT_OUTPUT = 3,
} gpio_mode_t;

typedef enum { GPIO_PULLUP_DISABLE = 0x0, GPIO_PULLUP_ENABLE = 0x1 } gpio_pullup_t;
typedef enum { GPIO_PULLDOWN_DISABLE = 0x0, GPIO_PULLDOWN_ENABLE = 0x1 } gpio_pulldown_t;

/* driver/gpio.h */
typedef void (*gpio_isr_t)(void *arg);

typedef struct {
    uint64_t pin_bit_mask;
    gpio_mode_t mode;
    gpio_pullup_t pull_up_en;
    gpio_pulldown_t pull_down_en;
    gpio_int_type_t intr_type;
    /* hys_ctrl_mode follows on chips with SOC_GPIO_SUPPORT_PIN_HYS_FILTER (not the ESP32 or ESP32-S3). */
} gpio_config_t;

esp_err_t gpio_config(const gpio_config_t *pGPIOConfig);
esp_err_t gpio_set_level(gpio_num_t gpio_num, uint32_t level);
esp_err_t gpio_install_isr_service(int intr_alloc_flags);
esp_err_t gpio_isr_handler_add(gpio_num_t gpio_num, gpio_isr_t isr_handler, void *args);
esp_err_t gpio_isr_handler_remove(gpio_num_t gpio_num);

#endif
