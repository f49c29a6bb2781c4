// MODEL of nf-interpreter src/CLR/Include/nanoCLR_Interop.h (the parts interop stubs use), for
// firmware/Native/check.sh only. Not the real header: names and shapes follow it, bodies do not exist.
#ifndef NF_MODEL_NANOCLR_INTEROP_H
#define NF_MODEL_NANOCLR_INTEROP_H

#include <nanoCLR_Types.h>

// Error handling macros: every native method declares hr, jumps to nanoCLR_Cleanup on failure, returns hr.
#define NANOCLR_LEAVE()  goto nanoCLR_Cleanup
#define NANOCLR_RETURN() return hr

#define NANOCLR_HEADER() HRESULT hr
#define NANOCLR_CHECK_HRESULT(expr)                                                                                    \
    {                                                                                                                  \
        if (FAILED(hr = (expr)))                                                                                       \
            NANOCLR_LEAVE();                                                                                           \
    }
#define NANOCLR_SET_AND_LEAVE(expr)                                                                                    \
    {                                                                                                                  \
        hr = (expr);                                                                                                   \
        NANOCLR_LEAVE();                                                                                               \
    }
#define NANOCLR_CLEANUP()                                                                                              \
    hr = S_OK;                                                                                                         \
    nanoCLR_Cleanup:
#define NANOCLR_CLEANUP_END() NANOCLR_RETURN()
#define NANOCLR_NOCLEANUP()                                                                                            \
    NANOCLR_CLEANUP();                                                                                                 \
    NANOCLR_CLEANUP_END()
#define FAULT_ON_NULL_ARG(ptr)                                                                                         \
    if (!(ptr))                                                                                                        \
    NANOCLR_SET_AND_LEAVE(CLR_E_ARGUMENT_NULL)

// The managed stack frame is internal to the CLR; interop code only passes it on by reference.
struct CLR_RT_StackFrame;

#define NANOCLR_NATIVE_DECLARE(mtd) static HRESULT mtd(CLR_RT_StackFrame &stack)

typedef HRESULT (*CLR_RT_MethodHandler)(CLR_RT_StackFrame &stack);

struct CLR_RT_NativeAssemblyData
{
    // Assembly name (interop assembly) or driver name (NativeEventDispatcher).
    const char *m_szAssemblyName;
    // Checksum the metadata processor computed over the InternalCall signatures.
    unsigned int m_checkSum;
    // The method_lookup table (or a CLR_RT_DriverInterruptMethods for a driver).
    const void *m_pNativeMethods;
    CLR_RECORD_VERSION m_Version;
};

// Marshalling of by-value parameters (paramIndex counts from 0 for static methods).
HRESULT Interop_Marshal_INT32(const CLR_RT_StackFrame &stackFrame, unsigned int paramIndex, signed int &param);
HRESULT Interop_Marshal_UINT32(const CLR_RT_StackFrame &stackFrame, unsigned int paramIndex, unsigned int &param);

// A managed array seen from native code: element pointer and count, owned by the managed heap.
template <class T> class CLR_RT_TypedArray
{
    T *m_pData;
    unsigned int m_ElemCount;

  public:
    CLR_RT_TypedArray()
    {
        m_pData = NULL;
        m_ElemCount = 0;
    }

    T GetValue(unsigned int i)
    {
        return m_pData[i];
    }

    void SetValue(unsigned int i, T &val)
    {
        m_pData[i] = val;
    }

    T &operator[](unsigned int i)
    {
        return m_pData[i];
    }

    unsigned int GetSize()
    {
        return m_ElemCount;
    }

    T *GetBuffer()
    {
        return m_pData;
    }
};

typedef CLR_RT_TypedArray<unsigned char> CLR_RT_TypedArray_UINT8;

HRESULT Interop_Marshal_UINT8_ARRAY(
    const CLR_RT_StackFrame &stackFrame,
    unsigned int paramIndex,
    CLR_RT_TypedArray_UINT8 &typedArray);

// Return values.
void SetResult_INT32(CLR_RT_StackFrame &stackFrame, signed int value);
void SetResult_UINT32(CLR_RT_StackFrame &stackFrame, unsigned int value);

#endif // NF_MODEL_NANOCLR_INTEROP_H
