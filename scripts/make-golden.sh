#!/usr/bin/env bash
# Regenerates the golden JSON outputs in Tests/riskflowTests/Fixtures/golden/ from the
# commands listed in commands.tsv there, with a fresh store loaded from the bundled
# snapshot. Run only when an output is meant to change, and say why in the commit.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product riskflow >/dev/null
bin=.build/release/riskflow
dir=Tests/riskflowTests/Fixtures/golden
export RISKFLOW_HOME="$(mktemp -d)"
trap 'rm -rf "$RISKFLOW_HOME"' EXIT
export NO_COLOR=1
"$bin" data list >/dev/null 2>&1
# NAME.json unless the name has its own extension (.txt, .csv).
golden_file() { [[ "$1" == *.* ]] && echo "$1" || echo "$1.json"; }
while IFS=$'\t' read -r name args; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    # shellcheck disable=SC2086
    (cd "$RISKFLOW_HOME" && "$OLDPWD/$bin" $args) > "$dir/$(golden_file "$name")"
    echo "$name: $(wc -c < "$dir/$(golden_file "$name")") bytes"
done < "$dir/commands.tsv"
