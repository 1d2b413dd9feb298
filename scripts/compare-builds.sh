#!/usr/bin/env bash
# Compares two riskflow builds' outputs byte for byte on the bundled data: every command of
# the golden list (Tests/riskflowTests/Fixtures/golden/commands.tsv) plus the default
# scorecard and report, and the JSON API of `riskflow serve` on the same questions.
# A refactoring that claims "behaviour unchanged" runs this between the build before and
# the build after it.
#
#   scripts/compare-builds.sh OLD_BINARY NEW_BINARY [NEW_DB]
#
# NEW_DB (optional): run the new build against this store location instead of a fresh
# SQLite file (e.g. a postgres:// URL, emptied first), to compare the backends too.
# Prints one line per command and exits 1 when any output differs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
old="$1" new="$2" new_db="${3:-}"
work=$(mktemp -d)
trap 'kill "${pids[@]}" 2> /dev/null || true; rm -rf "$work"' EXIT
pids=()
mkdir -p "$work/old" "$work/new"

commands=()
while IFS=$'\t' read -r name args; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    commands+=("$name"$'\t'"$args")
done < Tests/riskflowTests/Fixtures/golden/commands.tsv
commands+=("scorecard-default"$'\t'"scorecard --format json" "report-default"$'\t'"report --no-html --format json"
    "datacheck"$'\t'"data check --format json" "datashow-btc.csv"$'\t'"data show BTC --format csv")

run() {  # run BINARY HOME ARGS…
    local bin="$1" home="$2"; shift 2
    if [ "$home" = "$work/new" ] && [ -n "$new_db" ]; then
        RISKFLOW_HOME="$home" RISKFLOW_DB="$new_db" NO_COLOR=1 "$bin" "$@"
    else
        RISKFLOW_HOME="$home" RISKFLOW_DB= NO_COLOR=1 "$bin" "$@"
    fi
}

differ=0 same=0
for line in "${commands[@]}"; do
    name="${line%%$'\t'*}" args="${line#*$'\t'}"
    # shellcheck disable=SC2086
    run "$old" "$work/old" $args > "$work/old/$name.out" 2> "$work/old/$name.err" || true
    # shellcheck disable=SC2086
    run "$new" "$work/new" $args > "$work/new/$name.out" 2> "$work/new/$name.err" || true
    if cmp -s "$work/old/$name.out" "$work/new/$name.out" && [ -s "$work/old/$name.out" ]; then
        same=$((same + 1)); printf 'identical  %s\n' "$name"
    else
        differ=$((differ + 1)); printf 'DIFFERENT  %s (riskflow %s)\n' "$name" "$args"
        diff <(head -c 2000 "$work/old/$name.out") <(head -c 2000 "$work/new/$name.out") | head -10 || true
    fi
done

# The JSON API: both servers on their own stores, the same requests.
for side in old new; do
    bin=$([ "$side" = old ] && echo "$old" || echo "$new")
    if [ "$side" = new ] && [ -n "$new_db" ]; then export RISKFLOW_DB="$new_db"; else export RISKFLOW_DB=; fi
    RISKFLOW_HOME="$work/$side" start_serve "$bin" "$work/$side/serve.log" --sync-every off
    pids+=("$serve_pid")
    eval "port_$side=$serve_port"
done
unset RISKFLOW_DB
for path in "/api/v1/report" "/api/v1/scorecard?draws=500" "/api/v1/breakouts" "/api/v1/stage?from=2026-01-01" \
    "/api/v1/altseason?from=2026-01-01" "/api/v1/liquidity?from=2026-01-01" "/api/v1/supercycle" "/api/v1/series" \
    "/api/v1/series/RUT?from=2026-01-01" "/api/v1/leadlag?x=RUT&y=ETH" "/api/v1/events?draws=500" \
    "/api/v1/backtest?strategy=breakout-hold&symbol=ETH"; do
    a=$(curl -sf "http://127.0.0.1:$port_old$path" || echo "old failed")
    b=$(curl -sf "http://127.0.0.1:$port_new$path" || echo "new failed")
    if [ "$a" = "$b" ] && [ "$a" != "old failed" ]; then
        same=$((same + 1)); printf 'identical  GET %s\n' "$path"
    else
        differ=$((differ + 1)); printf 'DIFFERENT  GET %s\n' "$path"
    fi
done
echo "$same identical, $differ different"
[ "$differ" -eq 0 ]
