#!/usr/bin/env bash
# Whole-process times of `riskflow scorecard` (grid included) and `riskflow report` (HTML
# included) on the bundled data, release build: the median of 7 runs with min–max.
# Usage: bash Benchmarks/scorecard_bench.sh   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product riskflow >/dev/null
bin="$PWD/.build/release/riskflow"
export RISKFLOW_HOME="$(mktemp -d)"
trap 'rm -rf "$RISKFLOW_HOME"' EXIT
"$bin" data list >/dev/null 2>&1   # load the snapshot once
cd "$RISKFLOW_HOME"
time_runs() {
    python3 - "$@" <<'PY'
import statistics, subprocess, sys, time
label, cmd = sys.argv[1], sys.argv[2:]
subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)  # warm the file cache
ts = []
for _ in range(7):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    ts.append(time.perf_counter() - t)
print(f"{label:40s} median {statistics.median(ts):.3f} s  (min {min(ts):.3f}, max {max(ts):.3f}, 7 runs)")
PY
}
time_runs "scorecard (10,000 draws, grid)" "$bin" scorecard
time_runs "scorecard --format json" "$bin" scorecard --format json
time_runs "report (terminal + HTML)" "$bin" report --out "$RISKFLOW_HOME/report.html"
time_runs "report --no-html" "$bin" report --no-html
