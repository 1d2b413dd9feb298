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

swift build --product riskflow > /dev/null
bin="$(swift build --show-bin-path)/riskflow"
"$bin" serve --port 0 --sync-every off 2> "$out/serve.log" &
pid=$!
trap 'kill -9 $pid 2>/dev/null || true' EXIT
port=""
for _ in $(seq 1 600); do
    port=$(grep -o 'serving http://127.0.0.1:[0-9]*' "$out/serve.log" | grep -o '[0-9]*$' || true)
    [ -n "$port" ] && break
    kill -0 $pid 2>/dev/null || { echo "serve exited:"; cat "$out/serve.log"; exit 1; }
    sleep 0.1
done
[ -n "$port" ] || { echo "serve did not start:"; cat "$out/serve.log"; exit 1; }
base="http://127.0.0.1:$port"
curl -fsS "$base/health" | grep -q '"status":"ok"' || { echo "/health is not ok"; exit 1; }
curl -fsS "$base/openapi.json" | grep -q '"openapi" : "3.1.0"' || { echo "/openapi.json is not OpenAPI 3.1"; exit 1; }
# Warm the cache so the browser gets the page at once.
curl -fsS -o "$out/dashboard.html" "$base/"
grep -q 'Data freshness' "$out/dashboard.html" || { echo "the dashboard has no freshness table"; exit 1; }
if grep -q '<script' "$out/dashboard.html"; then echo "the dashboard must work without JavaScript"; exit 1; fi

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null
    browser=$(command -v chromium)
fi
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,6000 \
    --screenshot="$out/dashboard.png" "$base/" 2> "$out/chromium.log" || {
    echo "chromium failed:"; cat "$out/chromium.log"; exit 1; }
[ -s "$out/dashboard.png" ] || { echo "chromium wrote no screenshot"; exit 1; }
shot=$(stat -c %s "$out/dashboard.png")
[ "$shot" -gt 100000 ] || { echo "the dashboard screenshot looks blank ($shot bytes)"; exit 1; }
echo "dashboard screenshot: $out/dashboard.png ($shot bytes)"

kill -TERM $pid
status=0
wait $pid || status=$?
trap - EXIT
[ "$status" -eq 0 ] || { echo "serve exited $status on SIGTERM:"; tail -5 "$out/serve.log"; exit 1; }
grep -q 'GET / 200' "$out/serve.log" || { echo "no request log line"; exit 1; }
echo "serve: shut down cleanly on SIGTERM"
