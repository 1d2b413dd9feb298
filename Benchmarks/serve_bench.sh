#!/usr/bin/env bash
# Load test of `riskflow serve` (release build) on loopback with wrk, bounded in time:
#   - the first, uncached /api/v1/report (what a user waits for after a sync);
#   - /api/v1/stage (cached answer) and /health at full speed, with latency percentiles.
# Targets (issue 13): ≥ 20,000 requests/s with p99 < 10 ms on a 2-core machine, and the
# first report under 1 s.
#   bash Benchmarks/serve_bench.sh            (DURATION=10s CONNECTIONS=64 THREADS=1)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-10s}
connections=${CONNECTIONS:-64}
threads=${THREADS:-1}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
swift build -c release --product riskflow >/dev/null
bin=$PWD/.build/release/riskflow
export RISKFLOW_HOME="$(mktemp -d)"
"$bin" data list >/dev/null 2>&1   # load the bundled snapshot first
source scripts/lib.sh
start_serve "$bin" "$RISKFLOW_HOME/serve.log" --sync-every off
pid=$serve_pid
port=$serve_port
trap 'kill $pid 2>/dev/null; rm -rf "$RISKFLOW_HOME"' EXIT
base="http://127.0.0.1:$port"
echo "riskflow serve on $base ($(nproc) cores; wrk -t$threads -c$connections -d$duration)"
printf '  first /api/v1/report (uncached): %s s\n' "$(curl -s -o /dev/null -w '%{time_total}' "$base/api/v1/report")"
printf '  again (cached):                  %s s\n' "$(curl -s -o /dev/null -w '%{time_total}' "$base/api/v1/report")"
printf '  first /api/v1/stage (uncached):  %s s\n' "$(curl -s -o /dev/null -w '%{time_total}' "$base/api/v1/stage")"
for route in /api/v1/stage /health; do
    out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "$base$route")
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
    printf '  %-14s %10s req/s   p50 %8s   p99 %8s   %s\n' "$route" "$rps" "$p50" "$p99" "$errors"
done
kill -TERM $pid
wait $pid && echo "  SIGTERM: exit 0"
