//-----------------------------------------------------------------------------
//
//                   ** WARNING! **
//    This file was generated automatically by a tool.
//    Re-running the tool will overwrite this file.
//    You should copy this file to a custom location
//    before adding any customization in the copy to
//    prevent loss of your changes when the tool is
//    re-run.
//
//-----------------------------------------------------------------------------

#ifndef NFICBMSG_ESP32_NFICBMSG_ESP32_NFICBMSG_PLATFORM_ESP32_NATIVESHAREDMEMORY_H
#define NFICBMSG_ESP32_NFICBMSG_ESP32_NFICBMSG_PLATFORM_ESP32_NATIVESHAREDMEMORY_H

namespace NfIcbmsg_Esp32
{
    namespace NfIcbmsg_Esp32
    {
        struct NativeSharedMemory
        {
            // Helper Functions to access fields of managed object
            // Declaration of stubs. These functions are implemented by Interop code developers
            static signed int NativeOpenWindow( unsigned int param0, signed int param1, HRESULT &hr );
            static void NativeCloseWindow( signed int param0, HRESULT &hr );
            static unsigned int NativeReadWord( signed int param0, signed int param1, HRESULT &hr );
            static void NativeWriteWord( signed int param0, signed int param1, unsigned int param2, HRESULT &hr );
            static void NativeRead( signed int param0, signed int param1, CLR_RT_TypedArray_UINT8 param2, signed int param3, signed int param4, HRESULT &hr );
            static void NativeWrite( signed int param0, signed int param1, CLR_RT_TypedArray_UINT8 param2, signed int param3, signed int param4, HRESULT &hr );
            static void NativeBarrier(  HRESULT &hr );
            static void NativeInvalidate( signed int param0, signed int param1, signed int param2, HRESULT &hr );
            static void NativeFlush( signed int param0, signed int param1, signed int param2, HRESULT &hr );
        };
    }
}

#endif // NFICBMSG_ESP32_NFICBMSG_ESP32_NFICBMSG_PLATFORM_ESP32_NATIVESHAREDMEMORY_H
