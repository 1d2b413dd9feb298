#!/usr/bin/env bash
# Renders `riskflow report` on the bundled data in headless Chromium and checks that a
# screenshot comes out. Installs Chromium (Debian package) when it is missing.
#   bash scripts/check-report-in-browser.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
export RISKFLOW_HOME="${RISKFLOW_HOME:-$(mktemp -d)}"

swift run riskflow report --out "$out/report.html" > "$out/summary.txt"
size=$(stat -c %s "$out/report.html")
echo "report.html: $size bytes"
[ "$size" -lt 3000000 ] || { echo "report.html is over 3 MB"; exit 1; }
# The report with its charts is hundreds of KB as a PNG.
screenshot "file://$out/report.html" "$out/report.png" 7000 100000
