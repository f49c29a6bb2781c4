#!/usr/bin/env bash
# The test command of the README: every check the project has, from a fresh clone.
#   1. all host tests (protocol shared tests through the TestFramework adapter, host-only stress and
#      fuzz tests, devicetree/boards, nanoFramework gate tests, interop checks, simulator CLI tests);
#   2. the nanoFramework gate over every device project (.ci/nf-gate);
#   3. the native interop sources compiled against the model headers (firmware/Native/check.sh);
#   4. the native peer (firmware/NativePeer/check.sh): CMake/Ninja Release and sanitizer builds, their
#      ctest unit tests and a sanitized C <-> C sim-link run. It runs first, so that the C <-> C#
#      tests of step 1 find the Release build current;
#   5. the ESP-IDF component of the native peer compiled for ESP32 and ESP32-S3 against model headers
#      (firmware/NativePeer/platform/esp-idf/check.sh);
#   6. the device code on the real nanoFramework toolchain (tests/nfclr.sh): every device project compiled by
#      nfclr's check.sh, the hand-written API surfaces checked against nfclr's libraries, and the NFUnitTest
#      suite run on the nanoCLR with a 128 KB heap; skipped (counted as skipped) when no nfclr is installed
#      ($NFCLR_HOME, default ~/.cache/nfclr).
# Ends with one line "N passed, N failed, N skipped" and a non-zero exit on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0

echo "== native peer (C): Release and sanitizer builds, ctest, C <-> C"
nlog=$(mktemp)
bash firmware/NativePeer/check.sh 2>&1 | tee "$nlog"
read -r npassed nfailed < <(sed -nE 's/^native: ([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' "$nlog" | tail -1)
if [ -z "${npassed:-}" ]; then npassed=0; nfailed=1; fi
rm -f "$nlog"
[ "$nfailed" -eq 0 ] || status=1

echo "== dotnet test (nf-host.slnf)"
dotnet test nf-host.slnf -c Release 2>&1 | tee "$log" || status=1

echo "== nanoFramework gate"
if bash .ci/nf-gate; then gate=1; gatefail=0; else gate=0; gatefail=1; status=1; fi

echo "== native interop sources"
if bash firmware/Native/check.sh; then native=1; nativefail=0; else native=0; nativefail=1; status=1; fi

echo "== ESP-IDF component of the native peer"
if bash firmware/NativePeer/platform/esp-idf/check.sh; then espidf=1; espidffail=0; else espidf=0; espidffail=1; status=1; fi

echo "== nanoFramework toolchain (nfclr)"
bash tests/nfclr.sh 2>&1 | tee "$log.nfclr"
read -r nfpassed nffailed nfskipped < <(grep -E '^nfclr: [0-9]+ passed' "$log.nfclr" | tail -1 | sed -E 's/^nfclr: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped.*/\1 \2 \3/')
if [ -z "${nfpassed:-}" ]; then nfpassed=0; nffailed=1; nfskipped=0; fi
[ "$nffailed" -eq 0 ] || status=1
grep -E '^nfclr: skipped' "$log.nfclr" | sed -E 's/^nfclr: skipped/skipped: nfclr stage/' || true
rm -f "$log.nfclr"

# vstest prints one summary per test project: "Passed!  - Failed:  0, Passed: 12, Skipped: 0, Total: 12".
read -r passed failed skipped < <(grep -E '(Passed|Failed)! +- +Failed: ' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/' \
  | awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
projects=$(grep -cE '(Passed|Failed)! +- +Failed: ' "$log")
expected=$(grep -c '"tests' nf-host.slnf)
if [ "$projects" -lt "$expected" ]; then
  echo "error: $projects of $expected test projects reported a summary (a build or run failed before testing)"
  status=1
  failed=$((failed + expected - projects))
fi
passed=$((passed + gate + native + espidf + npassed + nfpassed))
failed=$((failed + gatefail + nativefail + espidffail + nfailed + nffailed))
skipped=$((skipped + nfskipped))
# Skipped tests are optional checks whose inputs are absent here; name them so nothing is skipped unseen.
grep -E '^ +Skipped [A-Za-z]' "$log" | sed -E 's/^ +Skipped /skipped: /; s/ \[[^]]*\]$//' || true
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] || status=1
exit $status
