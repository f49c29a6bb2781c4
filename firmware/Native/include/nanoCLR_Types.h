// MODEL of the part of nf-interpreter src/CLR/Include/nanoCLR_Types.h that interop stubs use,
// for firmware/Native/check.sh only. Not the real header.
#ifndef NF_MODEL_NANOCLR_TYPES_H
#define NF_MODEL_NANOCLR_TYPES_H

#include <stddef.h>
#include <stdint.h>

#include <nf_errors_exceptions.h>

#ifndef NULL
#define NULL 0
#endif

// Assembly version as the native assembly table records it.
struct CLR_RECORD_VERSION
{
    uint16_t iMajorVersion;
    uint16_t iMinorVersion;
    uint16_t iBuildNumber;
    uint16_t iRevisionNumber;
};

#endif // NF_MODEL_NANOCLR_TYPES_H
