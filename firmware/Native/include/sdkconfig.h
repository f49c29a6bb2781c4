// MODEL of the sdkconfig.h ESP-IDF generates per project, for firmware/Native/check.sh only.
// The chip comes from -DCONFIG_IDF_TARGET_<CHIP>=1 (check.sh); default: classic ESP32.
#ifndef NF_MODEL_SDKCONFIG_H
#define NF_MODEL_SDKCONFIG_H

#if !defined(CONFIG_IDF_TARGET_ESP32) && !defined(CONFIG_IDF_TARGET_ESP32S2) && !defined(CONFIG_IDF_TARGET_ESP32S3) &&  \
    !defined(CONFIG_IDF_TARGET_ESP32C3) && !defined(CONFIG_IDF_TARGET_ESP32C6) && !defined(CONFIG_IDF_TARGET_ESP32P4)
#define CONFIG_IDF_TARGET_ESP32 1
#endif

// FreeRTOS tick rate (menuconfig "Tick rate (Hz)"; 100 is ESP-IDF's default). Used by the native peer's OS layer.
#define CONFIG_FREERTOS_HZ 100

#if defined(CONFIG_IDF_TARGET_ESP32P4)
// L1 data-cache line of the P4 (ESP-IDF's CONFIG_CACHE_L1_CACHE_LINE_SIZE; 64 as we read it).
#define CONFIG_CACHE_L1_CACHE_LINE_SIZE 64
#endif

#endif // NF_MODEL_SDKCONFIG_H
