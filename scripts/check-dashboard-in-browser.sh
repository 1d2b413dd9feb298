#!/usr/bin/env bash
# Starts `riskflow serve` on the bundled data, renders its live dashboard (/) in headless
# Chromium, checks the screenshot, the health and OpenAPI routes, and a clean SIGTERM
# shutdown (exit 0). Installs Chromium (Debian package) when it is missing.
#   bash scripts/check-dashboard-in-browser.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
export RISKFLOW_HOME="${RISKFLOW_HOME:-$(mktemp -d)}"

source scripts/lib.sh
swift build --product riskflow > /dev/null
start_serve "$(swift build --show-bin-path)/riskflow" "$out/serve.log" --sync-every off
pid=$serve_pid
port=$serve_port
trap 'kill -9 $pid 2>/dev/null || true' EXIT
base="http://127.0.0.1:$port"
curl -fsS -o "$out/health.json" "$base/health"
grep -q '"status":"ok"' "$out/health.json" || { echo "/health is not ok"; exit 1; }
curl -fsS -o "$out/openapi.json" "$base/openapi.json"
grep -q '"openapi" : "3.1.0"' "$out/openapi.json" || { echo "/openapi.json is not OpenAPI 3.1"; exit 1; }
# Warm the cache so the browser gets the page at once.
curl -fsS -o "$out/dashboard.html" "$base/"
grep -q 'Data freshness' "$out/dashboard.html" || { echo "the dashboard has no freshness table"; exit 1; }
if grep -q '<script' "$out/dashboard.html"; then echo "the dashboard must work without JavaScript"; exit 1; fi

screenshot "$base/" "$out/dashboard.png" 6000 100000

kill -TERM $pid
status=0
wait $pid || status=$?
trap - EXIT
[ "$status" -eq 0 ] || { echo "serve exited $status on SIGTERM:"; tail -5 "$out/serve.log"; exit 1; }
grep -q 'GET / 200' "$out/serve.log" || { echo "no request log line"; exit 1; }
echo "serve: shut down cleanly on SIGTERM"
