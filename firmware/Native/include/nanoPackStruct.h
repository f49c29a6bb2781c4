// MODEL of nf-interpreter src/CLR/Include/nanoPackStruct.h, for firmware/Native/check.sh only.
#ifndef NF_MODEL_NANOPACKSTRUCT_H
#define NF_MODEL_NANOPACKSTRUCT_H

#define __nfpack __attribute__((packed))

#endif // NF_MODEL_NANOPACKSTRUCT_H
