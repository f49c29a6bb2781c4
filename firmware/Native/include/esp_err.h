// MODEL of ESP-IDF components/esp_common/include/esp_err.h (the part used), for firmware/Native/check.sh only.
#ifndef NF_MODEL_ESP_ERR_H
#define NF_MODEL_ESP_ERR_H

typedef int esp_err_t;

#define ESP_OK              0
#define ESP_FAIL            -1
#define ESP_ERR_INVALID_ARG 0x102

#endif // NF_MODEL_ESP_ERR_H
