#!/usr/bin/env bash
# The store on PostgreSQL against SQLite, and the event study's draws on the queue, in a
# release build against a throwaway PostgreSQL server (scripts/start-postgres.sh):
#  - first run (the bundled snapshot loaded into an empty store), then `data list`,
#    `data show BTC`, `report --format json` (best of 3) on each backend, outputs compared;
#  - `events --draws 200000` locally and distributed over 1 and 2 local workers, compared
#    byte for byte.
#   bash Benchmarks/postgres_bench.sh            (DRAWS=200000 CHUNK=10000)
set -euo pipefail
cd "$(dirname "$0")/.."
draws=${DRAWS:-200000}
chunk=${CHUNK:-10000}
swift build -c release --product riskflow >/dev/null
bin=$PWD/.build/release/riskflow
export RISKFLOW_HOME="$(mktemp -d)"
pgdir="$(mktemp -d)"
url=$(bash scripts/start-postgres.sh "$pgdir" 2>/dev/null)
trap 'pkill -f "riskflow worker" || true; bash scripts/stop-postgres.sh "$pgdir" 2>/dev/null; rm -rf "$RISKFLOW_HOME"' EXIT
sqlite="$RISKFLOW_HOME/riskflow.sqlite"
now() { date +%s.%N; }
secs() { local t0 t1; t0=$(now); "$@" >/dev/null 2>&1; t1=$(now); echo "$t1 - $t0" | bc; }
best() { local b=999 s; for _ in 1 2 3; do s=$(secs "$@"); b=$(echo "if ($s < $b) $s else $b" | bc); done; echo "$b"; }
printf '%-34s %10s %10s\n' "" sqlite postgres
printf '%-34s %9.2fs %9.2fs\n' "first run (load the snapshot)" "$(secs "$bin" data list --db "$sqlite")" "$(secs "$bin" data list --db "$url")"
for cmd in "data list" "data show BTC" "report --format json"; do
    # shellcheck disable=SC2086
    printf '%-34s %9.3fs %9.3fs\n' "$cmd" "$(best "$bin" $cmd --db "$sqlite")" "$(best "$bin" $cmd --db "$url")"
    # shellcheck disable=SC2086
    cmp -s <("$bin" $cmd --db "$sqlite" 2>/dev/null) <("$bin" $cmd --db "$url" 2>/dev/null) && echo "  same output" || echo "  OUTPUTS DIFFER"
done
ev=(events --draws "$draws" --format json --db "$url")
t0=$(now); "$bin" "${ev[@]}" > "$RISKFLOW_HOME/local.json" 2>/dev/null; t1=$(now)
local_s=$(echo "$t1 - $t0" | bc)
printf 'events --draws %d, local (%d cores): %6.2f s\n' "$draws" "$(nproc)" "$local_s"
for workers in 1 2; do
    for _ in $(seq 1 "$workers"); do "$bin" worker --db "$url" 2>/dev/null & done
    sleep 0.5
    t0=$(now); "$bin" "${ev[@]}" --distributed --chunk-size "$chunk" > "$RISKFLOW_HOME/dist.json" 2>/dev/null; t1=$(now)
    s=$(echo "$t1 - $t0" | bc)
    same=$(cmp -s "$RISKFLOW_HOME/local.json" "$RISKFLOW_HOME/dist.json" && echo identical || echo DIFFERENT)
    printf '  distributed, %d worker(s), chunks of %d draws: %6.2f s (%s; overhead %+.2f s)\n' "$workers" "$chunk" "$s" "$same" "$(echo "$s - $local_s" | bc)"
    pkill -TERM -f "riskflow worker" || true
    sleep 1
done
