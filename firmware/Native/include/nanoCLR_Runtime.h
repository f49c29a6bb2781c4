// MODEL of nf-interpreter src/CLR/Include/nanoCLR_Runtime.h, for firmware/Native/check.sh only.
// The generated interop stubs include it; they use only the stack frame by reference, which
// nanoCLR_Interop.h declares.
#ifndef NF_MODEL_NANOCLR_RUNTIME_H
#define NF_MODEL_NANOCLR_RUNTIME_H

#include <nanoCLR_Interop.h>

#endif // NF_MODEL_NANOCLR_RUNTIME_H
