#!/usr/bin/env bash
# Compile check of the ESP-IDF component (nf_icbmsg_peer/) against MODEL headers of the ESP-IDF and FreeRTOS
# APIs it uses (model-include/, plus the shared ESP-IDF models in firmware/Native/include), for the ESP32 and
# the ESP32-S3. Nothing here runs on a chip. Per chip:
#   1. every source the component's CMakeLists.txt lists (core, platform, default application) is compiled
#      with gcc -std=c11 -Wall -Wextra -Werror -Wundef -O2, with the CONFIG_NF_ICBMSG_* defaults of its Kconfig;
#   2. the objects are linked together (ld -r: no duplicate symbols), and every symbol left undefined must be
#      declared by a model header or be one of a few C library functions, so the component uses no API the
#      models do not describe;
#   3. the SOC_RESERVE_MEMORY_REGION entry is read back from the object: it must be the window of the
#      mirror board's generated header (esp32_devkitc/procpu on the ESP32, esp32s3_devkitc/appcpu on the S3).
# Then a single-core chip (ESP32-C3) must be refused at compile time. Exit status non-zero on any failure.
set -u

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
peer="$(cd "$here/../.." && pwd)"
repo="$(cd "$peer/../.." && pwd)"
component="$here/nf_icbmsg_peer"
cc="${CC:-gcc}"
libc_allowed="memcpy memset memcmp memmove strlen strcmp strncmp strchr snprintf printf puts putchar __stack_chk_fail"

for tool in "$cc" ld nm objcopy od; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "esp-idf-check: $tool not found" >&2
        exit 2
    fi
done

# The sources exactly as the component lists them (${peer}/... and src/...).
mapfile -t sources < <(grep -oE '(\$\{peer\}|src)/[A-Za-z0-9_./-]+\.c' "$component/CMakeLists.txt" |
    sed -e "s#^\${peer}#$peer#" -e "s#^src/#$component/src/#")
if [ ${#sources[@]} -eq 0 ]; then
    echo "esp-idf-check: no sources found in $component/CMakeLists.txt" >&2
    exit 2
fi

# The Kconfig defaults as menuconfig writes them into sdkconfig.h (bool y -> 1, n -> absent).
mapfile -t kconfig < <(awk '
    $1 == "config" { name = $2; type = "" }
    $1 == "bool" || $1 == "int" { type = $1 }
    $1 == "default" && name != "" {
        if (type == "bool") { if ($2 == "y") print "-DCONFIG_" name "=1" }
        else print "-DCONFIG_" name "=" $2
        name = ""
    }' "$component/Kconfig")

flags=(-std=c11 -Wall -Wextra -Werror -Wundef -O2 -c
    -I"$here/model-include" -I"$repo/firmware/Native/include" -I"$component/include"
    -I"$peer/core/include" -I"$peer/generated" -I"$peer/apps/esp-multi-endpoint" "${kconfig[@]}")

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failed=0

expected_window() { # board header id -> "start end" in decimal
    local header="$peer/generated/boards/$1.h" upper
    upper="$(echo "NF_BOARD_$1_IPC0" | tr '[:lower:]' '[:upper:]')"
    local start end
    start="$(sed -nE "s/^#define ${upper}_WINDOW_START (0x[0-9A-Fa-f]+)u.*/\1/p" "$header")"
    end="$(sed -nE "s/^#define ${upper}_WINDOW_END (0x[0-9A-Fa-f]+)u.*/\1/p" "$header")"
    if [ -z "$start" ] || [ -z "$end" ]; then
        echo "missing"
    else
        echo "$((start)) $((end))"
    fi
}

check_target() {
    local target="$1" board="$2" dir="$work/$1" ok=1
    mkdir -p "$dir"
    local objects=()
    for src in "${sources[@]}"; do
        local obj="$dir/$(basename "$src" .c).o"
        if ! "$cc" "${flags[@]}" -DCONFIG_IDF_TARGET_"$target"=1 "$src" -o "$obj" >"$dir/log" 2>&1; then
            echo "FAIL $target $(basename "$src")"
            sed 's/^/    /' "$dir/log"
            ok=0
            continue
        fi
        objects+=("$obj")
    done
    if [ "$ok" -eq 1 ]; then
        echo "ok   $target: ${#sources[@]} sources compile (-std=c11 -Wall -Wextra -Werror -Wundef -O2)"
    else
        return 1
    fi

    if ! ld -r -o "$dir/component.o" "${objects[@]}" >"$dir/log" 2>&1; then
        echo "FAIL $target: the objects do not link together"
        sed 's/^/    /' "$dir/log"
        return 1
    fi
    local unknown=() used=()
    for sym in $(nm -u "$dir/component.o" | awk '{print $2}' | sort -u); do
        if grep -rqw -- "$sym" "$here/model-include" "$repo/firmware/Native/include"; then
            used+=("$sym")
        elif [[ " $libc_allowed " != *" $sym "* ]]; then
            unknown+=("$sym")
        fi
    done
    if [ ${#unknown[@]} -ne 0 ]; then
        echo "FAIL $target: undefined symbols that no model header declares: ${unknown[*]}"
        return 1
    fi
    echo "ok   $target: links (ld -r); ESP-IDF/FreeRTOS API used: ${used[*]}"

    local window="$dir/window.bin"
    objcopy -O binary --only-section=.reserved_memory_address "$dir/esp_window.o" "$window" 2>"$dir/log"
    local words actual expected
    words=$(od -An -v -t u8 "$window" 2>/dev/null | xargs)
    actual="$words"
    expected="$(expected_window "$board")"
    if [ "$actual" != "$expected" ]; then
        echo "FAIL $target: SOC_RESERVE_MEMORY_REGION is [$actual], the $board window is [$expected]"
        return 1
    fi
    set -- $actual
    printf 'ok   %s: SOC_RESERVE_MEMORY_REGION(0x%08X, 0x%08X) matches the %s window\n' "$target" "$1" "$2" "$board"
}

check_target ESP32 esp32_devkitc_procpu || failed=1
check_target ESP32S3 esp32s3_devkitc_appcpu || failed=1

# A chip without a second core sharing internal SRAM must be refused with the reason.
if "$cc" "${flags[@]}" -DCONFIG_IDF_TARGET_ESP32C3=1 "$component/src/esp_window.c" -o "$work/c3.o" >"$work/c3.log" 2>&1; then
    echo "FAIL ESP32C3: the single-core chip was not refused"
    failed=1
elif grep -q "no board with a native side" "$work/c3.log"; then
    echo "ok   ESP32C3 refused (no second core)"
else
    echo "FAIL ESP32C3: refused for another reason"
    sed 's/^/    /' "$work/c3.log"
    failed=1
fi

if [ "$failed" -ne 0 ]; then
    echo "esp-idf-check: FAILED"
    exit 1
fi
echo "esp-idf-check: passed (ESP32, ESP32-S3; model headers, nothing run on a chip)"
