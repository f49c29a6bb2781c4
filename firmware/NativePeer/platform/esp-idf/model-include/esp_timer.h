/* MODEL of ESP-IDF v5.x components/esp_timer/include/esp_timer.h (the part used). For check.sh only. */
#ifndef NF_MODEL_ESP_TIMER_H
#define NF_MODEL_ESP_TIMER_H

#include <stdint.h>

/* Microseconds since the timer started at boot (monotonic, 64-bit). */
int64_t esp_timer_get_time(void);

#endif
