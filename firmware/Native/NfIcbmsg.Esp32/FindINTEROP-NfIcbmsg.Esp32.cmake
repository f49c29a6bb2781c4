#
# nf-icbmsg: CMake module of the NfIcbmsg.Esp32 interop assembly, laid out as the nanoFramework metadata
# processor generates it (FindINTEROP-<Assembly>.cmake). Copy it into nf-interpreter/CMake/Modules and this
# folder into nf-interpreter/InteropAssemblies/NfIcbmsg.Esp32, then configure with
# -DNF_INTEROP_ASSEMBLIES="NfIcbmsg.Esp32" (docs/esp32.md).
#

########################################################################################
# make sure that a valid path is set bellow                                            #
# this is an Interop module so this file should be placed in the CMakes module folder  #
# usually CMake\Modules                                                                #
########################################################################################

# native code directory
set(BASE_PATH_FOR_THIS_MODULE ${PROJECT_SOURCE_DIR}/InteropAssemblies/NfIcbmsg.Esp32)


# set include directories
list(APPEND NfIcbmsg.Esp32_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/CLR/Core)
list(APPEND NfIcbmsg.Esp32_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/CLR/Include)
list(APPEND NfIcbmsg.Esp32_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/HAL/Include)
list(APPEND NfIcbmsg.Esp32_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/PAL/Include)
list(APPEND NfIcbmsg.Esp32_INCLUDE_DIRS ${BASE_PATH_FOR_THIS_MODULE})
# ESP-IDF esp_mm (esp_cache.h, used on the ESP32-P4): nf-interpreter's ESP32 build does not put it on
# the path of interop modules. firmware/Native/check.sh reads the ESP-IDF folders listed here.
list(APPEND NfIcbmsg.Esp32_INCLUDE_DIRS ${esp32_idf_SOURCE_DIR}/components/esp_mm/include)


# source files
set(NfIcbmsg.Esp32_SRCS

    NfIcbmsg_Esp32.cpp


    NfIcbmsg_Esp32_NfIcbmsg_Platform_Esp32_NativeSharedMemory_mshl.cpp
    NfIcbmsg_Esp32_NfIcbmsg_Platform_Esp32_NativeSharedMemory.cpp

)

foreach(SRC_FILE ${NfIcbmsg.Esp32_SRCS})

    set(NfIcbmsg.Esp32_SRC_FILE SRC_FILE-NOTFOUND)

    find_file(NfIcbmsg.Esp32_SRC_FILE ${SRC_FILE}
        PATHS
            ${BASE_PATH_FOR_THIS_MODULE}
            ${TARGET_BASE_LOCATION}
            ${PROJECT_SOURCE_DIR}/src/NfIcbmsg.Esp32

        CMAKE_FIND_ROOT_PATH_BOTH
    )

    if (BUILD_VERBOSE)
        message("${SRC_FILE} >> ${NfIcbmsg.Esp32_SRC_FILE}")
    endif()

    list(APPEND NfIcbmsg.Esp32_SOURCES ${NfIcbmsg.Esp32_SRC_FILE})

endforeach()

include(FindPackageHandleStandardArgs)

FIND_PACKAGE_HANDLE_STANDARD_ARGS(NfIcbmsg.Esp32 DEFAULT_MSG NfIcbmsg.Esp32_INCLUDE_DIRS NfIcbmsg.Esp32_SOURCES)
