#!/usr/bin/env bash
# The device bench on the nanoCLR (nfclr; see README "Device bench"), optionally beside a baseline in the same run.
#   bash tests/nfclr-bench.sh                 # this tree: cost per message, profile, heap per instance
#   bash tests/nfclr-bench.sh --baseline REF  # also the protocol of git REF (e.g. main), alternated twice with
#                                             # this tree's, both timed by the same bench sources (cost per message only)
# nfclr is found in $NFCLR_HOME, else ~/.cache/nfclr. Prints the bench's lines; figures are never asserted.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
home=${NFCLR_HOME:-$HOME/.cache/nfclr}
[ -x "$home/run-tests.sh" ] || { echo "nfclr-bench: no nfclr installation at $home (set NFCLR_HOME)"; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run() { "$home/run-tests.sh" -v -t 600 -l NfIcbmsg "$@" 2>&1 | grep -E '^(bench|profile|heap):|^tests:|^!!'; }

if [ "${1:-}" != "--baseline" ]; then
  printf '%s\n' "$root/firmware/NFUnitTest.Bench" "$root/firmware/Bench" "$root/firmware/Platform.InMemory" >"$work/tests.list"
  run "@$work/tests.list" "$root/firmware/Protocol"
  exit 0
fi

ref=${2:?--baseline needs a git ref}
mkdir -p "$work/base" "$work/bench"
git archive "$ref" firmware/Protocol firmware/Platform.InMemory | tar -x -C "$work/base" || exit 2
cp firmware/Bench/{LoopCalibration,MessageBench,BenchResult,BenchGeometry,BenchSuite}.cs "$work/bench/"
cat >"$work/bench/CostPerMessageTests.cs" <<'EOT'
using nanoFramework.TestFramework;
using NfIcbmsg.Bench;

namespace NfIcbmsg.Tests.Bench
{
    [TestClass]
    public class CostPerMessageTests
    {
        [TestMethod]
        public void CostPerMessage()
        {
            BenchSuite.Run(BenchGeometry.Large(), 2000, OutputHelper.WriteLine);
        }
    }
}
EOT
for round in 1 2; do
  echo "== round $round: baseline $ref ($(git rev-parse --short "$ref"))"
  run "$work/bench" "$work/base/firmware/Protocol" "$work/base/firmware/Platform.InMemory"
  echo "== round $round: this tree ($(git rev-parse --short HEAD)$(git diff --quiet HEAD -- firmware || echo ' + changes'))"
  run "$work/bench" "$root/firmware/Protocol" "$root/firmware/Platform.InMemory"
done
