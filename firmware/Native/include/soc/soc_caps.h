// MODEL of ESP-IDF components/soc/<chip>/include/soc/soc_caps.h (the capabilities used), for
// firmware/Native/check.sh only.
#ifndef NF_MODEL_SOC_CAPS_H
#define NF_MODEL_SOC_CAPS_H

#include <sdkconfig.h>

#if defined(CONFIG_IDF_TARGET_ESP32) || defined(CONFIG_IDF_TARGET_ESP32S3)
#define SOC_CPU_CORES_NUM (2U)
// Internal SRAM is reached directly by both cores; the caches serve only external flash and PSRAM.
#elif defined(CONFIG_IDF_TARGET_ESP32P4)
#define SOC_CPU_CORES_NUM (2U)
// The HP cores reach internal SRAM (L2MEM) through their L1 data cache.
#define SOC_CACHE_INTERNAL_MEM_VIA_L1CACHE 1
#else
#define SOC_CPU_CORES_NUM (1U)
#endif

#endif // NF_MODEL_SOC_CAPS_H
