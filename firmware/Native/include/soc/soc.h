// MODEL of ESP-IDF components/soc/<chip>/include/soc/soc.h (the internal data-RAM bounds), for
// firmware/Native/check.sh only. SOC_DRAM_LOW/HIGH bound the data-bus addresses of internal SRAM.
#ifndef NF_MODEL_SOC_H
#define NF_MODEL_SOC_H

#include <sdkconfig.h>

#if defined(CONFIG_IDF_TARGET_ESP32)
#define SOC_DRAM_LOW  0x3FFAE000
#define SOC_DRAM_HIGH 0x40000000
#elif defined(CONFIG_IDF_TARGET_ESP32S2)
#define SOC_DRAM_LOW  0x3FFB0000
#define SOC_DRAM_HIGH 0x40000000
#elif defined(CONFIG_IDF_TARGET_ESP32S3)
#define SOC_DRAM_LOW  0x3FC88000
#define SOC_DRAM_HIGH 0x3FD00000
#elif defined(CONFIG_IDF_TARGET_ESP32C3)
#define SOC_DRAM_LOW  0x3FC80000
#define SOC_DRAM_HIGH 0x3FCE0000
#elif defined(CONFIG_IDF_TARGET_ESP32C6)
#define SOC_DRAM_LOW  0x40800000
#define SOC_DRAM_HIGH 0x40880000
#elif defined(CONFIG_IDF_TARGET_ESP32P4)
#define SOC_DRAM_LOW  0x4FF00000
#define SOC_DRAM_HIGH 0x4FFC0000
#endif

#if defined(CONFIG_IDF_TARGET_ESP32) || defined(CONFIG_IDF_TARGET_ESP32S3) || defined(CONFIG_IDF_TARGET_ESP32P4)
// Core ids of the dual-core chips (xTaskCreatePinnedToCore's xCoreID).
#define PRO_CPU_NUM (0)
#define APP_CPU_NUM (1)
#endif

#endif // NF_MODEL_SOC_H
