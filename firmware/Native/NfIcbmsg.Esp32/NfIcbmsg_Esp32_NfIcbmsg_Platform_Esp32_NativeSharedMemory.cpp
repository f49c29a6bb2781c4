//-----------------------------------------------------------------------------
//
// nf-icbmsg: native side of NfIcbmsg.Platform.Esp32.NativeSharedMemory.
//
// The user-implemented half of the interop stubs (the metadata processor generates this file empty; this is
// our implementation, keep it when regenerating). It gives managed code a checked window onto internal SRAM
// that both cores of the chip address directly:
//
//   * NativeOpenWindow validates [base, base + length) against the chip's internal data RAM
//     (SOC_DRAM_LOW .. SOC_DRAM_HIGH), 4-byte alignment and, where a data cache sits in front of internal
//     SRAM, cache-line alignment; it returns a slot number. Every other call names its slot and is checked
//     against that window again here, whatever managed code checked before.
//   * Word loads are followed by a full barrier (acquire), word stores are surrounded by barriers (release,
//     and visible to the other core before the call returns). __sync_synchronize() is MEMW on Xtensa
//     (ESP32, ESP32-S3) and FENCE RW,RW on RISC-V (ESP32-P4).
//   * Cache maintenance, per chip:
//       - ESP32 (classic) and ESP32-S3: internal SRAM is not behind a cache (the caches serve external
//         flash and PSRAM only), so Invalidate and Flush only check their range. Never put the window in
//         PSRAM: it is cached, and the range check refuses it.
//       - ESP32-P4: the HP cores reach internal SRAM (L2MEM) through their L1 data cache
//         (SOC_CACHE_INTERNAL_MEM_VIA_L1CACHE), so Flush writes back (esp_cache_msync, C2M) and Invalidate
//         drops (M2C) the cache lines covering the range. Ranges are widened to whole lines inside the window,
//         which is safe only with a layout that never shares a line between the two writers: set
//         dcache-alignment to the line size in the board file, as Zephyr requires.
//       - Single-core chips (ESP32-S2, -C3, -C6, -H2) have no second core to share SRAM with: refused below.
//
// Threading: every call comes from the nanoCLR's own task (managed threads are interpreted inside it, and an
// interop call runs to completion), so the slot table needs no lock.
//
//-----------------------------------------------------------------------------

#include "NfIcbmsg_Esp32.h"
#include "NfIcbmsg_Esp32_NfIcbmsg_Platform_Esp32_NativeSharedMemory.h"

#include <stdint.h>
#include <string.h>

#include <sdkconfig.h>
#include <soc/soc.h>
#include <soc/soc_caps.h>

#if SOC_CPU_CORES_NUM < 2
#error "NfIcbmsg.Esp32 shares internal SRAM between the two cores of one chip; this chip has one core"
#endif

#if defined(SOC_CACHE_INTERNAL_MEM_VIA_L1CACHE) && SOC_CACHE_INTERNAL_MEM_VIA_L1CACHE
#include <esp_cache.h>
#define NFICBMSG_SRAM_CACHED    1
#define NFICBMSG_CACHE_LINE     CONFIG_CACHE_L1_CACHE_LINE_SIZE
#else
#define NFICBMSG_SRAM_CACHED    0
#define NFICBMSG_CACHE_LINE     4
#endif

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "shared-memory words are little-endian");
static_assert(sizeof(uint32_t) == 4, "32-bit words");

using namespace NfIcbmsg_Esp32::NfIcbmsg_Esp32;

namespace
{

// Windows open at the same time (one per IPC instance; the boards use one or two).
constexpr int MaxWindows = 4;

struct Window
{
    uintptr_t base;
    uint32_t length;
    bool open;
};

Window s_windows[MaxWindows];

bool InsideInternalSram(uint32_t base, uint32_t length)
{
    uint64_t end = (uint64_t)base + length;
    return base >= (uint32_t)SOC_DRAM_LOW && end <= (uint64_t)SOC_DRAM_HIGH;
}

// Address of [offset, offset + count) in an open window, or nullptr with hr set.
volatile uint8_t *Resolve(signed int window, signed int offset, signed int count, HRESULT &hr)
{
    if (window < 0 || window >= MaxWindows || !s_windows[window].open)
    {
        hr = CLR_E_OBJECT_DISPOSED;
        return nullptr;
    }

    const Window &w = s_windows[window];
    if (offset < 0 || count < 0 || (uint32_t)offset > w.length || (uint32_t)count > w.length - (uint32_t)offset)
    {
        hr = CLR_E_OUT_OF_RANGE;
        return nullptr;
    }

    return reinterpret_cast<volatile uint8_t *>(w.base + (uint32_t)offset);
}

// A 4-aligned word of an open window, or nullptr with hr set.
volatile uint32_t *ResolveWord(signed int window, signed int offset, HRESULT &hr)
{
    if ((offset & 3) != 0)
    {
        hr = CLR_E_OUT_OF_RANGE;
        return nullptr;
    }

    return reinterpret_cast<volatile uint32_t *>(Resolve(window, offset, 4, hr));
}

// Checks a managed array range; returns its first element or nullptr with hr set.
uint8_t *ResolveArray(CLR_RT_TypedArray_UINT8 &array, signed int index, signed int count, HRESULT &hr)
{
    uint8_t *buffer = array.GetBuffer();
    if (buffer == nullptr)
    {
        hr = CLR_E_ARGUMENT_NULL;
        return nullptr;
    }

    uint32_t size = array.GetSize();
    if (index < 0 || count < 0 || (uint32_t)index > size || (uint32_t)count > size - (uint32_t)index)
    {
        hr = CLR_E_OUT_OF_RANGE;
        return nullptr;
    }

    return buffer + index;
}

// Checks both sides of a copy between a managed array and a window; false with hr set if either is out of range.
bool ResolveCopy(
    signed int window,
    signed int offset,
    CLR_RT_TypedArray_UINT8 &array,
    signed int index,
    signed int count,
    uint8_t *&inArray,
    volatile uint8_t *&inWindow,
    HRESULT &hr)
{
    inArray = ResolveArray(array, index, count, hr);
    inWindow = inArray == nullptr ? nullptr : Resolve(window, offset, count, hr);
    return inWindow != nullptr;
}

#if NFICBMSG_SRAM_CACHED
// Runs esp_cache_msync over the whole cache lines that cover [offset, offset + count) of a window.
// The window itself is line-aligned (checked at open), so the widened range never leaves it.
void SyncLines(signed int window, signed int offset, signed int count, int flags, HRESULT &hr)
{
    volatile uint8_t *start = Resolve(window, offset, count, hr);
    if (start == nullptr || count == 0)
    {
        return;
    }

    uintptr_t first = (uintptr_t)start & ~(uintptr_t)(NFICBMSG_CACHE_LINE - 1);
    uintptr_t last = ((uintptr_t)start + (uint32_t)count + NFICBMSG_CACHE_LINE - 1) &
                     ~(uintptr_t)(NFICBMSG_CACHE_LINE - 1);
    if (esp_cache_msync(reinterpret_cast<void *>(first), last - first, flags | ESP_CACHE_MSYNC_FLAG_TYPE_DATA) != ESP_OK)
    {
        hr = CLR_E_FAIL;
    }
}
#endif

} // namespace

signed int NativeSharedMemory::NativeOpenWindow(unsigned int baseAddress, signed int length, HRESULT &hr)
{
    if (length <= 0 || (baseAddress & 3u) != 0 || ((uint32_t)length & 3u) != 0 ||
        !InsideInternalSram(baseAddress, (uint32_t)length))
    {
        hr = CLR_E_OUT_OF_RANGE;
        return -1;
    }

#if NFICBMSG_SRAM_CACHED
    if ((baseAddress % NFICBMSG_CACHE_LINE) != 0 || ((uint32_t)length % NFICBMSG_CACHE_LINE) != 0)
    {
        // A window that shares a cache line with unrelated data could lose that data on Invalidate.
        hr = CLR_E_OUT_OF_RANGE;
        return -1;
    }
#endif

    for (int slot = 0; slot < MaxWindows; slot++)
    {
        if (!s_windows[slot].open)
        {
            s_windows[slot].base = (uintptr_t)baseAddress;
            s_windows[slot].length = (uint32_t)length;
            s_windows[slot].open = true;
            return slot;
        }
    }

    hr = CLR_E_INVALID_OPERATION;
    return -1;
}

void NativeSharedMemory::NativeCloseWindow(signed int window, HRESULT &hr)
{
    if (window < 0 || window >= MaxWindows)
    {
        hr = CLR_E_OUT_OF_RANGE;
        return;
    }

    s_windows[window].open = false;
}

unsigned int NativeSharedMemory::NativeReadWord(signed int window, signed int offset, HRESULT &hr)
{
    volatile uint32_t *word = ResolveWord(window, offset, hr);
    if (word == nullptr)
    {
        return 0;
    }

    uint32_t value = *word;
    // Acquire: nothing after this load may be performed before it.
    __sync_synchronize();
    return value;
}

void NativeSharedMemory::NativeWriteWord(signed int window, signed int offset, unsigned int value, HRESULT &hr)
{
    volatile uint32_t *word = ResolveWord(window, offset, hr);
    if (word == nullptr)
    {
        return;
    }

    // Release: everything before is visible before the word; the second barrier drains the store buffer so
    // the other core sees the word before the doorbell that usually follows.
    __sync_synchronize();
    *word = value;
    __sync_synchronize();
}

void NativeSharedMemory::NativeRead(
    signed int window,
    signed int offset,
    CLR_RT_TypedArray_UINT8 destination,
    signed int index,
    signed int count,
    HRESULT &hr)
{
    uint8_t *target;
    volatile uint8_t *source;
    if (ResolveCopy(window, offset, destination, index, count, target, source, hr))
    {
        memcpy(target, const_cast<const uint8_t *>(source), (size_t)count);
    }
}

void NativeSharedMemory::NativeWrite(
    signed int window,
    signed int offset,
    CLR_RT_TypedArray_UINT8 source,
    signed int index,
    signed int count,
    HRESULT &hr)
{
    uint8_t *from;
    volatile uint8_t *target;
    if (ResolveCopy(window, offset, source, index, count, from, target, hr))
    {
        memcpy(const_cast<uint8_t *>(target), from, (size_t)count);
    }
}

void NativeSharedMemory::NativeBarrier(HRESULT &hr)
{
    (void)hr;
    __sync_synchronize();
}

void NativeSharedMemory::NativeInvalidate(signed int window, signed int offset, signed int length, HRESULT &hr)
{
#if NFICBMSG_SRAM_CACHED
    SyncLines(window, offset, length, ESP_CACHE_MSYNC_FLAG_DIR_M2C, hr);
#else
    // No cache in front of internal SRAM on this chip: check the range, nothing to drop.
    (void)Resolve(window, offset, length, hr);
#endif
}

void NativeSharedMemory::NativeFlush(signed int window, signed int offset, signed int length, HRESULT &hr)
{
#if NFICBMSG_SRAM_CACHED
    SyncLines(window, offset, length, ESP_CACHE_MSYNC_FLAG_DIR_C2M, hr);
#else
    // No cache in front of internal SRAM on this chip: check the range, nothing to write back.
    (void)Resolve(window, offset, length, hr);
#endif
}
