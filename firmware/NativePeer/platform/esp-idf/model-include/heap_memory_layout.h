/* MODEL of ESP-IDF v5.x components/heap/include/heap_memory_layout.h (the part used). For check.sh only.
 * At startup ESP-IDF collects every soc_reserved_region_t placed in .reserved_memory_address and keeps the
 * heap off [start, end); check.sh reads that section back out of the compiled object. */
#ifndef NF_MODEL_HEAP_MEMORY_LAYOUT_H
#define NF_MODEL_HEAP_MEMORY_LAYOUT_H

#include <stdint.h>

typedef struct {
    intptr_t start;
    intptr_t end;
} soc_reserved_region_t;

#define SOC_RESERVE_MEMORY_REGION(START, END, NAME)                                                                    \
    __attribute__((section(".reserved_memory_address"))) __attribute__((used)) static soc_reserved_region_t           \
        reserved_region_##NAME = {START, END};

#endif
