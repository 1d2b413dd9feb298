#!/usr/bin/env bash
# Renders `riskflow report` on the bundled data in headless Chromium and checks that a
# screenshot comes out. Installs Chromium (Debian package) when it is missing.
#   bash scripts/check-report-in-browser.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
export RISKFLOW_HOME="${RISKFLOW_HOME:-$(mktemp -d)}"

swift run riskflow report --out "$out/report.html" > "$out/summary.txt"
size=$(stat -c %s "$out/report.html")
echo "report.html: $size bytes"
[ "$size" -lt 3000000 ] || { echo "report.html is over 3 MB"; exit 1; }

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null
    browser=$(command -v chromium)
fi
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,7000 \
    --screenshot="$out/report.png" "file://$out/report.html" 2> "$out/chromium.log" || {
    echo "chromium failed:"; cat "$out/chromium.log"; exit 1; }
[ -s "$out/report.png" ] || { echo "chromium wrote no screenshot"; exit 1; }
shot=$(stat -c %s "$out/report.png")
# A blank page compresses to a few KB; the report with its charts is hundreds.
[ "$shot" -gt 100000 ] || { echo "the screenshot looks blank ($shot bytes)"; exit 1; }
echo "screenshot: $out/report.png ($shot bytes)"
