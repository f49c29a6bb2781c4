#!/usr/bin/env bash
# Builds the native peer twice (Release, and Debug with AddressSanitizer + UndefinedBehaviorSanitizer)
# with CMake and Ninja, runs the ctest unit tests of both, and a C <-> C run over the sim link with
# the sanitizer build. Ends with one line "native: N passed, N failed" (tests/run.sh counts it).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
passed=0
failed=0

count_ctest() { # $1 = build dir
  local log
  log=$(mktemp)
  (cd "$1" && ctest --output-on-failure --timeout 300) 2>&1 | tee "$log"
  local p f
  p=$(grep -cE '^ *[0-9]+/[0-9]+ Test +#[0-9]+: .* Passed' "$log")
  f=$(grep -cE '^ *[0-9]+/[0-9]+ Test +#[0-9]+: .* (\*\*\*Failed|Failed|\*\*\*Timeout|\*\*\*Exception|Not Run)' "$log")
  rm -f "$log"
  passed=$((passed + p))
  failed=$((failed + f))
  [ "$p" -gt 0 ] || failed=$((failed + 1)) # no test ran: count the stage as failed
}

build() { # $1 = dir, rest = cmake options
  local dir=$1
  shift
  cmake -S "$here" -B "$dir" -G Ninja "$@" >/dev/null && cmake --build "$dir"
}

for variant in release sanitize; do
  dir="$here/build/$variant"
  if [ "$variant" = release ]; then opts=(-DCMAKE_BUILD_TYPE=Release); else opts=(-DCMAKE_BUILD_TYPE=Debug -DNF_SANITIZE=ON); fi
  echo "-- $variant build"
  if build "$dir" "${opts[@]}"; then
    count_ctest "$dir"
  else
    echo "error: the $variant build of firmware/NativePeer failed"
    failed=$((failed + 1))
  fi
done

# Two sanitized C peers over a real file and real UDP lines: 3 endpoints, zero-copy, sizes to the limit.
link="$here/build/sanitize/nf-sim-link"
if [ -x "$link" ]; then
  echo "-- C <-> C over the sim link (sanitizers on)"
  tmp=$(mktemp -d)
  port=$((40000 + RANDOM % 20000))
  "$link" --board sim/remote --instance ipc0 --shm "$tmp/ipc0.shm" --port-base "$port" --mode echo --count 300 \
    --endpoint ep0,ep1,ep2 --zero-copy --timeout 10000 >"$tmp/echo.log" 2>&1 &
  echo_pid=$!
  if "$link" --board sim/local --instance ipc0 --shm "$tmp/ipc0.shm" --port-base "$port" --mode source --count 300 \
    --size 8-1532 --endpoint ep0,ep1,ep2 --timeout 10000 && wait "$echo_pid"; then
    passed=$((passed + 1))
  else
    wait "$echo_pid" 2>/dev/null
    cat "$tmp/echo.log"
    echo "error: the sanitized C <-> C run failed"
    failed=$((failed + 1))
  fi
  rm -rf "$tmp"
fi

echo "native: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
