#!/usr/bin/env bash
# Syncs the whole default universe (about 95 series) from the loopback providers
# (riskflow-mock-providers), a year of data each, in a release build, and times it.
# Rate limits are lifted (rate_per_minute = 0) to time riskflow itself; with the default
# limits the run is bounded by them (CoinGecko's 30 requests a minute for 64 requests).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product riskflow >/dev/null
swift build -c release --product riskflow-mock-providers >/dev/null
bin=$PWD/.build/release
port=${PORT:-18790}
since=$(date -u -d '1 year ago' +%F)
export RISKFLOW_HOME="$(mktemp -d)"
"$bin/riskflow-mock-providers" --port "$port" --from "$(date -u -d '2 years ago' +%F)" 2>/dev/null &
mock=$!
trap 'kill $mock; rm -rf "$RISKFLOW_HOME"' EXIT
sleep 1
{
    echo "[sync]"; echo "concurrency = 8"
    for p in fred yahoo stooq coingecko binance; do
        echo "[providers.$p]"; echo "base_url = \"http://127.0.0.1:$port\""; echo "rate_per_minute = 0"
        [ "$p" = fred ] && echo "graph_url = \"http://127.0.0.1:$port\""
    done
} > "$RISKFLOW_HOME/riskflow.toml"
"$bin/riskflow" data list >/dev/null 2>&1
echo "first sync (writes a year of rows per series):"
/usr/bin/time -f "  %e s wall, %M KB max RSS" "$bin/riskflow" data sync --since "$since" --format json 2>&1 >/tmp/sync_bench.json | tail -1
python3 -c "import json;r=json.load(open('/tmp/sync_bench.json'));print('  %d series, %d rows added, %d revisions, %d failed'%(len(r),sum(x['rows_added'] for x in r),sum(x['revisions'] for x in r),sum(x['status']=='failed' for x in r)))"
echo "again (fetches and compares the same year, nothing new):"
if command -v hyperfine >/dev/null; then
    hyperfine -w 1 -r 5 "$bin/riskflow data sync --since $since --format json" 2>/dev/null | sed -n 2,3p
else
    /usr/bin/time -f "  %e s wall" "$bin/riskflow" data sync --since "$since" --format json 2>&1 >/dev/null | tail -1
fi
