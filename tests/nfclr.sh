#!/usr/bin/env bash
# The device stage of tests/run.sh: the device code built and run by the real nanoFramework 1.17 toolchain (nfclr:
# the real mscorlib and libraries, metadata processor and nanoCLR interpreter, built from nanoFramework's sources).
#   1. every firmware/**/*.nfproj compiled with nfclr's check.sh (its sources and those of the projects it
#      references, one assembly; compiler, metadata processor and the scan for constructs the runtime lacks);
#   2. every hand-written API surface (firmware/nf-surface, the packages NuGet does not serve) checked against the
#      library nfclr built (NfGate --conform): what a surface declares must exist there with the same shape;
#   3. the NFUnitTest suite (firmware/NFUnitTest) run on the nanoCLR with a 128 KB managed heap. The run must
#      report every test the sources declare: a run that ends early fails the stage, even when the tests it ran
#      passed (the interpreter ends quietly, with "Done.", when the launcher's thread dies of an exception).
#      The suite must not use [DataRow]: the 1.17 nanoCLR reads a DataRow's arguments into memory the garbage
#      collector does not see (CLR_RT_AttributeParser's value in RuntimeType::GetCustomAttributes), so a
#      collection that falls inside the launcher's GetCustomAttributes frees them and the launcher dies of
#      CLR_E_WRONG_TYPE outside its try; data-driven tests run their cases from one [TestMethod] instead.
# nfclr is found in $NFCLR_HOME, else in ~/.cache/nfclr (nfclr's own default install directory). When it is not
# there, one line says so and the stage counts as one skipped check.
# Last line: "nfclr: N passed, N failed, N skipped" (each project check counts one, each test on the nanoCLR one).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
home=${NFCLR_HOME:-$HOME/.cache/nfclr}
heap=${NFCLR_TEST_HEAP_KB:-128}

for tool in check.sh run-tests.sh clr-build/bin/nanoFramework.nanoCLR.test; do
  if [ ! -x "$home/$tool" ]; then
    echo "nfclr: skipped: no nfclr installation at $home ($tool missing; set NFCLR_HOME or install nfclr there)"
    echo "nfclr: 0 passed, 0 failed, 1 skipped"
    exit 0
  fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

dotnet build -c Release --nologo -v quiet tools/NfGate/NfGate.csproj >"$work/build.log" 2>&1 || { cat "$work/build.log"; echo "nfclr: 0 passed, 1 failed, 0 skipped"; exit 1; }
if ! dotnet run -c Release --no-build --project tools/NfGate -- --sources --repo "$root" >"$work/listing"; then
  echo "nfclr: 0 passed, 1 failed, 0 skipped"
  exit 1
fi

# Per project: <name>.own (its sources), <name>.refs (referenced projects), <name>.asm (assembly name).
awk -v dir="$work" '
  $1 == "project" { name = $2; gsub(/[\/.]/, "_", name); print name > (dir "/projects"); print $3 > (dir "/" name ".asm");
                    printf "" > (dir "/" name ".own"); printf "" > (dir "/" name ".refs"); next }
  $1 == "source"    { print $2 >> (dir "/" name ".own"); next }
  $1 == "reference" { r = $2; gsub(/[\/.]/, "_", r); print r >> (dir "/" name ".refs"); next }
' "$work/listing"

# Sources of a project and, transitively, of the projects it references (their AssemblyInfo left out: one assembly).
sources() {
  cat "$work/$1.own"
  local ref
  while read -r ref; do
    sources "$ref" | grep -v '/Properties/AssemblyInfo\.cs$'
  done <"$work/$1.refs"
}

echo "== nfclr check.sh ($home)"
while read -r project; do
  sources "$project" | sort -u | sed "s|^|$root/|" >"$work/$project.list"
  asm=$(cat "$work/$project.asm")
  if "$home/check.sh" -n "$asm" "@$work/$project.list" >"$work/$project.check" 2>&1; then
    echo "ok   $project ($(wc -l <"$work/$project.list") files): $(tail -1 "$work/$project.check")"
    passed=$((passed + 1))
  else
    echo "FAIL $project:"
    sed 's/^/     /' "$work/$project.check"
    failed=$((failed + 1))
  fi
done <"$work/projects"

echo "== nfclr surfaces: firmware/nf-surface against $home/lib"
if dotnet run -c Release --no-build --project tools/NfGate -- --conform "$home/lib" --repo "$root"; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
fi

echo "== nfclr run-tests.sh: NFUnitTest on the nanoCLR, --heap $heap"
suite=firmware_NFUnitTest_NFUnitTest_nfproj
lib=firmware_NfIcbmsg_NfIcbmsg_nfproj
sed "s|^|$root/|" "$work/$suite.own" >"$work/suite.list"
sources "$lib" | sed "s|^|$root/|" >"$work/lib.list"
# No [DataRow] (see the top); what the launcher then runs is one line per [Setup], [TestMethod] and [Cleanup].
datarows=$(xargs -d '\n' grep -nE '^[[:space:]]*\[DataRow\(' <"$work/suite.list" | sed "s|^$root/||")
if [ -n "$datarows" ]; then
  echo "error: [DataRow] in the NFUnitTest suite (the nanoCLR can lose its arguments to the garbage collector and"
  echo "       end the run early; run the cases from one [TestMethod] instead):"
  echo "$datarows" | sed 's/^/       /'
  failed=$((failed + 1))
fi
expected=$(xargs -d '\n' cat <"$work/suite.list" | sed 's|//.*||' | grep -oE '\[(TestMethod|Setup|Cleanup)\]' | wc -l)
"$home/run-tests.sh" -l "$(cat "$work/$lib.asm")" -t 600 --heap "$heap" "@$work/suite.list" "@$work/lib.list" >"$work/suite.out" 2>&1
grep -vE '^Test passed' "$work/suite.out"
summary=$(grep -E '^tests: [0-9]+ passed, [0-9]+ failed' "$work/suite.out" | tail -1)
if [ -z "$summary" ]; then
  echo "error: the nanoCLR run ended without a summary"
  failed=$((failed + 1))
else
  read -r p f < <(echo "$summary" | sed -E 's/^tests: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/')
  passed=$((passed + p))
  failed=$((failed + f))
  if grep -q '^!!' "$work/suite.out" || [ "$p" -eq 0 ]; then
    echo "error: the nanoCLR run did not complete cleanly (see the !! lines)"
    failed=$((failed + 1))
  fi
  ran=$(grep -cE '^Test (passed|failed|skipped),' "$work/suite.out")
  if [ "$ran" -ne "$expected" ]; then
    last=$(grep -E '^Test (passed|failed|skipped),' "$work/suite.out" | tail -1 | cut -d, -f2)
    echo "error: the nanoCLR run reported $ran of the $expected tests the suite declares (last reported: ${last:-none});"
    echo "       it ended early (an exception on the launcher's thread ends the interpreter quietly) or the count is off"
    failed=$((failed + 1))
  fi
fi

echo "nfclr: $passed passed, $failed failed, 0 skipped"
[ "$failed" -eq 0 ]
