// MODEL of nf-interpreter src/CLR/Include/nf_errors_exceptions.h, for firmware/Native/check.sh only.
// Not the real header: the firmware build uses nf-interpreter's own.
#ifndef NF_MODEL_NF_ERRORS_EXCEPTIONS_H
#define NF_MODEL_NF_ERRORS_EXCEPTIONS_H

typedef int HRESULT;

#define SEVERITY_SUCCESS 0
#define SEVERITY_ERROR   1

#define SUCCEEDED(Status) ((HRESULT)(Status) >= 0)
#define FAILED(Status)    ((HRESULT)(Status) < 0)

#define S_OK    ((HRESULT)0x00000000L)
#define S_FALSE ((HRESULT)0x00000001L)

#define MAKE_HRESULT(sev, fac, code)                                                                                   \
    ((HRESULT)(((unsigned long)(sev) << 31) | ((unsigned long)(fac) << 16) | ((unsigned long)(code))))

// The managed exception each code becomes is noted (CLR exception mapping).
#define CLR_E_OBJECT_DISPOSED   MAKE_HRESULT(SEVERITY_ERROR, 0x1900, 0x0000) // ObjectDisposedException
#define CLR_E_NULL_REFERENCE    MAKE_HRESULT(SEVERITY_ERROR, 0x2100, 0x0000) // NullReferenceException
#define CLR_E_OUT_OF_RANGE      MAKE_HRESULT(SEVERITY_ERROR, 0x2500, 0x0000) // ArgumentOutOfRangeException
#define CLR_E_INDEX_OUT_OF_RANGE MAKE_HRESULT(SEVERITY_ERROR, 0x2900, 0x0000) // IndexOutOfRangeException
#define CLR_E_ARGUMENT_NULL     MAKE_HRESULT(SEVERITY_ERROR, 0x4e00, 0x0000) // ArgumentNullException
#define CLR_E_INVALID_OPERATION MAKE_HRESULT(SEVERITY_ERROR, 0x5600, 0x0000) // InvalidOperationException
#define CLR_E_NOT_SUPPORTED     MAKE_HRESULT(SEVERITY_ERROR, 0x7700, 0x0000) // NotSupportedException
#define CLR_E_INVALID_PARAMETER MAKE_HRESULT(SEVERITY_ERROR, 0x7D00, 0x0000) // ArgumentException
#define CLR_E_FAIL              MAKE_HRESULT(SEVERITY_ERROR, 0x7F00, 0x0000) // Exception

#endif // NF_MODEL_NF_ERRORS_EXCEPTIONS_H
