#!/usr/bin/env bash
# Side-by-side benchmark of the C peer (nf-sim-link) and the C# one (nf-sim run) on the same sim
# link: the nRF5340 DK's ipc0 geometry (cpuapp sends, cpunet receives), one-way throughput at
# 16/128/1024 bytes and ping-pong turnaround at 16 bytes, for every pairing of implementations.
# Each figure is the median of REPS runs; throughput is the sender's messages per second from all
# endpoints bound to everything released (both programs measure it the same way: "traffic" line).
# Usage: bash firmware/NativePeer/bench.sh [REPS]   (builds what it needs in Release first)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
reps=${1:-3}
cmake -S "$root/firmware/NativePeer" -B "$root/firmware/NativePeer/build/release" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$root/firmware/NativePeer/build/release" --target nf-sim-link >/dev/null
dotnet build -c Release "$root/host-sim/NfIcbmsg.Sim" >/dev/null
c="$root/firmware/NativePeer/build/release/nf-sim-link"
cs="$root/host-sim/NfIcbmsg.Sim/bin/Release/net10.0/nf-sim.dll"
app="$root/boards/nrf5340dk/cpuapp.overlay"
net="$root/boards/nrf5340dk/cpunet.overlay"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

side() { # impl board mode args... -> command line
  local impl=$1 board=$2
  shift 2
  if [ "$impl" = C ]; then echo "$c --board $board $*"; else echo "dotnet $cs run --board $board $*"; fi
}

# one RECEIVER_IMPL SENDER_IMPL MODE SIZE COUNT -> prints the sender's figure
one() {
  local rx=$1 tx=$2 mode=$3 size=$4 count=$5 port=$((41000 + RANDOM % 20000))
  local shm="$tmp/ipc0-$RANDOM.shm"
  local rxmode=sink
  [ "$mode" = ping ] && rxmode=echo
  $(side "$rx" "$net" --instance ipc0 --shm "$shm" --port-base "$port" --mode "$rxmode" --count "$count" --check header) >"$tmp/rx.log" 2>&1 &
  local pid=$!
  sleep 0.3
  $(side "$tx" "$app" --instance ipc0 --shm "$shm" --port-base "$port" --mode "$mode" --count "$count" --size "$size" --check header) >"$tmp/tx.log" 2>&1 || true
  wait "$pid" || true
  if ! grep -q '^verified' "$tmp/tx.log"; then
    echo "FAILED"
    return
  fi
  if [ "$mode" = ping ]; then
    sed -nE 's/.*round trip over [0-9]+ pings.*: mean ([0-9.]+).*/\1/p' "$tmp/tx.log"
  else
    sed -nE 's/^traffic [0-9.]+ ms, ([0-9]+) messages\/s/\1/p' "$tmp/tx.log"
  fi
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR ? a[int((NR+1)/2)] : "n/a")}'; }

printf '%-22s %12s %12s %12s %16s\n' "sender -> receiver" "16 B msg/s" "128 B msg/s" "1024 B msg/s" "ping 16 B (us)"
for pair in "C C" "C C#" "C# C" "C# C#"; do
  set -- $pair
  tx=$1 rx=$2
  row=()
  for size in 16 128 1024; do
    count=20000
    [ "$size" = 1024 ] && count=10000
    row+=("$(for i in $(seq "$reps"); do one "$rx" "$tx" source "$size" "$count"; done | median)")
  done
  row+=("$(for i in $(seq "$reps"); do one "$rx" "$tx" ping 16 2000; done | median)")
  printf '%-22s %12s %12s %12s %16s\n' "$tx -> $rx" "${row[@]}"
done
