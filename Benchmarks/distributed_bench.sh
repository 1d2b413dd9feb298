#!/usr/bin/env bash
# The 1,000,000-combination sweep on BTC (--lookbacks 2:2001:1 --holds 1:500:1 --no-pbo)
# on one machine, then distributed over 1, 2 and 4 local `riskflow worker` processes on a
# PostgreSQL queue (a throwaway server from scripts/start-postgres.sh), release build.
# Each distributed result is checked byte for byte against the local one.
#   bash Benchmarks/distributed_bench.sh            (CHUNK=20000)
set -euo pipefail
cd "$(dirname "$0")/.."
chunk=${CHUNK:-20000}
swift build -c release --product riskflow >/dev/null
bin=$PWD/.build/release/riskflow
export RISKFLOW_HOME="$(mktemp -d)"
pgdir="$(mktemp -d)"
url=$(bash scripts/start-postgres.sh "$pgdir" 2>/dev/null)
trap 'pkill -f "riskflow worker" || true; bash scripts/stop-postgres.sh "$pgdir" 2>/dev/null; rm -rf "$RISKFLOW_HOME"' EXIT
"$bin" data list >/dev/null 2>&1
grid=(sweep --symbol BTC --lookbacks 2:2001:1 --holds 1:500:1 --no-pbo)   # table output: the JSON of 1M combos alone takes 3 s to print
now() { date +%s.%N; }
t0=$(now); "$bin" "${grid[@]}" > "$RISKFLOW_HOME/local.txt"; t1=$(now)
local_s=$(echo "$t1 - $t0" | bc)
printf 'local (%d cores):     %6.2f s\n' "$(nproc)" "$local_s"
for workers in 1 2 4; do
    for _ in $(seq 1 "$workers"); do "$bin" worker --queue "$url" 2>/dev/null & done
    sleep 0.5
    t0=$(now); "$bin" "${grid[@]}" --distributed --queue "$url" --chunk-size "$chunk" > "$RISKFLOW_HOME/dist.txt" 2>/dev/null; t1=$(now)
    s=$(echo "$t1 - $t0" | bc)
    same=$(cmp -s "$RISKFLOW_HOME/local.txt" "$RISKFLOW_HOME/dist.txt" && echo identical || echo DIFFERENT)
    printf '%d worker(s), chunks of %d: %6.2f s (%s; overhead %+.2f s vs local)\n' "$workers" "$chunk" "$s" "$same" "$(echo "$s - $local_s" | bc)"
    pkill -TERM -f "riskflow worker" || true
    sleep 1
done
