#!/usr/bin/env bash
# Syntax and type check of the native interop sources (firmware/Native/NfIcbmsg.Esp32) against the MODEL
# headers in firmware/Native/include (nanoFramework interop API and ESP-IDF, modelled: see include/README.md).
# The include path is laid out as in the real build: include/ holds what nf-interpreter's ESP32 build gives every
# interop module; an ESP-IDF component folder (modelled under include/esp-idf/components) is on the path only if
# the module's FindINTEROP-NfIcbmsg.Esp32.cmake lists it, so a folder missing there fails here too.
# Every .cpp is compiled with g++ -fsyntax-only -std=c++17 -Wall -Werror once per supported chip
# (ESP32, ESP32-S3: uncached internal SRAM; ESP32-P4: internal SRAM behind the L1 data cache), and the
# single-core guard is checked to refuse an ESP32-C3. Our own implementation file also gets -Wextra; the files
# laid out as the metadata processor generates them do not (a generated wrapper without parameters leaves
# its stack frame unused). Exit status is non-zero on any failure.
set -u

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
module="$here/NfIcbmsg.Esp32"
include="$here/include"
cxx="${CXX:-g++}"
cmake_module="$module/FindINTEROP-NfIcbmsg.Esp32.cmake"
flags=(-fsyntax-only -std=c++17 -Wall -Werror -I"$include" -I"$module")
impl="$module/NfIcbmsg_Esp32_NfIcbmsg_Platform_Esp32_NativeSharedMemory.cpp"
targets=(ESP32 ESP32S3 ESP32P4)

if ! command -v "$cxx" >/dev/null 2>&1; then
    echo "native-check: $cxx not found" >&2
    exit 2
fi

# ESP-IDF folders the CMake module adds: list(APPEND NfIcbmsg.Esp32_INCLUDE_DIRS ${esp32_idf_SOURCE_DIR}/<dir>).
if [ ! -f "$cmake_module" ]; then
    echo "native-check: $cmake_module missing" >&2
    exit 2
fi
idf_dirs=$(sed -n 's/^[[:space:]]*list(APPEND NfIcbmsg\.Esp32_INCLUDE_DIRS \${esp32_idf_SOURCE_DIR}\/\([^)]*\))[[:space:]]*$/\1/p' "$cmake_module")
for dir in $idf_dirs; do
    if [ ! -d "$include/esp-idf/$dir" ]; then
        echo "native-check: $(basename "$cmake_module") adds ESP-IDF $dir, which has no model in include/esp-idf/$dir" >&2
        exit 2
    fi
    flags+=(-I"$include/esp-idf/$dir")
    echo "path ESP-IDF $dir (from $(basename "$cmake_module"))"
done

shopt -s nullglob
sources=("$module"/*.cpp)
if [ ${#sources[@]} -eq 0 ]; then
    echo "native-check: no sources in $module" >&2
    exit 2
fi

logdir="$(mktemp -d)"
trap 'rm -rf "$logdir"' EXIT

# One job per (target, source); run them two at a time (the machines have two cores).
jobs=()
for target in "${targets[@]}"; do
    for src in "${sources[@]}"; do
        jobs+=("$target $src")
    done
done

run_job() {
    local target="$1" src="$2" log="$3" extra=()
    if [ "$src" = "$impl" ]; then
        extra=(-Wextra)
    fi
    if "$cxx" "${flags[@]}" "${extra[@]}" -DCONFIG_IDF_TARGET_"$target"=1 "$src" >"$log" 2>&1; then
        echo "ok   $target $(basename "$src")"
    else
        echo "FAIL $target $(basename "$src")"
        sed 's/^/    /' "$log"
        return 1
    fi
}

failed=0
pids=()
i=0
for job in "${jobs[@]}"; do
    set -- $job
    run_job "$1" "$2" "$logdir/$i.log" >"$logdir/$i.out" &
    pids+=($!)
    i=$((i + 1))
    if [ ${#pids[@]} -ge 2 ]; then
        wait "${pids[0]}" || failed=1
        pids=("${pids[@]:1}")
    fi
done
for pid in "${pids[@]}"; do
    wait "$pid" || failed=1
done
for ((j = 0; j < i; j++)); do
    cat "$logdir/$j.out"
done

# The implementation must refuse a single-core chip (there is no second core to share SRAM with).
if "$cxx" "${flags[@]}" -DCONFIG_IDF_TARGET_ESP32C3=1 "$impl" >"$logdir/c3.log" 2>&1; then
    echo "FAIL ESP32C3 guard: the single-core chip was not refused"
    failed=1
elif grep -q "has one core" "$logdir/c3.log"; then
    echo "ok   ESP32C3 refused (single core)"
else
    echo "FAIL ESP32C3 guard: failed for another reason"
    sed 's/^/    /' "$logdir/c3.log"
    failed=1
fi

if [ "$failed" -ne 0 ]; then
    echo "native-check: FAILED"
    exit 1
fi
echo "native-check: passed (${#sources[@]} sources x ${#targets[@]} chips)"
