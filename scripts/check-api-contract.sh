#!/usr/bin/env bash
# The API contract, checked by an independent fuzzer: starts `riskflow serve` on the
# bundled data on a free loopback port and runs schemathesis (PyPI, pinned) against its own
# /openapi.json with every check (server errors, status codes, content types, response
# schemas, schema-valid requests accepted, schema-invalid ones rejected, 405 + Allow for
# undeclared methods …), a fixed seed and a bounded number of examples; then /health
# must still answer 200 and SIGTERM must stop the server cleanly.
#   bash scripts/check-api-contract.sh [MAX_EXAMPLES] [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
examples="${1:-20}"
out="${2:-$(mktemp -d)}"
mkdir -p "$out"
export RISKFLOW_HOME="${RISKFLOW_HOME:-$(mktemp -d)}"

# schemathesis in its own virtual environment (cached between runs).
venv="${RISKFLOW_SCHEMATHESIS_VENV:-$HOME/.cache/riskflow-schemathesis}"
if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q '4.32.5'; then
    python3 -m venv "$venv" 2>/dev/null || { apt-get update -qq && apt-get install -y -qq python3-venv && python3 -m venv "$venv"; }
    "$venv/bin/pip" install -q 'schemathesis==4.32.5'
fi

source scripts/lib.sh
swift build --product riskflow > /dev/null
start_serve "$(swift build --show-bin-path)/riskflow" "$out/serve.log" --sync-every off
pid=$serve_pid
base="http://127.0.0.1:$serve_port"
trap 'kill -9 $pid 2>/dev/null || true' EXIT

status=0
"$venv/bin/schemathesis" --config-file scripts/schemathesis/schemathesis.toml run "$base/openapi.json" \
    --checks all --seed 1 --max-examples "$examples" --request-timeout 300 --workers 2 \
    --report junit --report-dir "$out" > "$out/schemathesis.log" 2>&1 || status=$?
tail -25 "$out/schemathesis.log"
[ "$status" -eq 0 ] || { echo "schemathesis found failures (exit $status); full log: $out/schemathesis.log"; exit 1; }

curl -fsS -o "$out/health.json" "$base/health" || { echo "/health does not answer after the fuzzing run"; exit 1; }
grep -q '"status":"ok"' "$out/health.json" || { echo "/health is not ok after the fuzzing run"; exit 1; }
kill -TERM $pid
status=0
wait $pid || status=$?
trap - EXIT
[ "$status" -eq 0 ] || { echo "serve exited $status on SIGTERM:"; tail -5 "$out/serve.log"; exit 1; }
echo "API contract: schemathesis passed, /health 200 afterwards, clean shutdown"
