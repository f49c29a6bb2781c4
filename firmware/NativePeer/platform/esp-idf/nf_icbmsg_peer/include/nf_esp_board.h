/*
 * The board of this chip's native side, from the generated header of the mirror board file: on the ESP32 the
 * nanoCLR runs on core 1 (APP_CPU), so the peer is procpu.overlay on core 0; on the ESP32-S3 the nanoCLR runs on
 * core 0, so the peer is appcpu.overlay on core 1 (docs/esp32.md, section 1).
 */
#ifndef NF_ESP_BOARD_H
#define NF_ESP_BOARD_H

#include "sdkconfig.h"
#include "soc/soc.h"

#if defined(CONFIG_IDF_TARGET_ESP32)
#include "boards/esp32_devkitc_procpu.h"
#define NF_ESP_BOARD_NAME "esp32_devkitc/procpu"
#define NF_ESP_BOARD_CONFIG nf_board_esp32_devkitc_procpu_ipc0
#define NF_ESP_BOARD_WINDOW_START NF_BOARD_ESP32_DEVKITC_PROCPU_IPC0_WINDOW_START
#define NF_ESP_BOARD_WINDOW_END NF_BOARD_ESP32_DEVKITC_PROCPU_IPC0_WINDOW_END
#define NF_ESP_BOARD_TX_PIN NF_BOARD_ESP32_DEVKITC_PROCPU_IPC0_TX_PIN
#define NF_ESP_BOARD_RX_PIN NF_BOARD_ESP32_DEVKITC_PROCPU_IPC0_RX_PIN
#define NF_ESP_PEER_CORE PRO_CPU_NUM
#define NF_ESP_CLR_CORE APP_CPU_NUM
#elif defined(CONFIG_IDF_TARGET_ESP32S3)
#include "boards/esp32s3_devkitc_appcpu.h"
#define NF_ESP_BOARD_NAME "esp32s3_devkitc/appcpu"
#define NF_ESP_BOARD_CONFIG nf_board_esp32s3_devkitc_appcpu_ipc0
#define NF_ESP_BOARD_WINDOW_START NF_BOARD_ESP32S3_DEVKITC_APPCPU_IPC0_WINDOW_START
#define NF_ESP_BOARD_WINDOW_END NF_BOARD_ESP32S3_DEVKITC_APPCPU_IPC0_WINDOW_END
#define NF_ESP_BOARD_TX_PIN NF_BOARD_ESP32S3_DEVKITC_APPCPU_IPC0_TX_PIN
#define NF_ESP_BOARD_RX_PIN NF_BOARD_ESP32S3_DEVKITC_APPCPU_IPC0_RX_PIN
#define NF_ESP_PEER_CORE APP_CPU_NUM
#define NF_ESP_CLR_CORE PRO_CPU_NUM
#else
#error "nf_icbmsg_peer: no board with a native side for this chip; the peer needs a second core sharing internal SRAM with the nanoCLR's (ESP32 and ESP32-S3 are supported)"
#endif

/* The regions must be internal SRAM both cores address without a cache (SOC_DRAM_LOW..SOC_DRAM_HIGH). */
_Static_assert(NF_ESP_BOARD_WINDOW_START >= SOC_DRAM_LOW && NF_ESP_BOARD_WINDOW_END <= SOC_DRAM_HIGH,
               "the board's shared regions are not inside this chip's internal data RAM");
_Static_assert(NF_ESP_BOARD_WINDOW_START % 4u == 0 && NF_ESP_BOARD_WINDOW_END % 4u == 0,
               "the board's shared window is not 4-byte aligned");

#endif
