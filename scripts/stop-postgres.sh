#!/usr/bin/env bash
# Stops the server scripts/start-postgres.sh started in DIR and removes DIR.
set -euo pipefail
dir="$1"
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "'$bin/pg_ctl' -D '$dir/data' -m fast stop" >&2 || true
else "$bin/pg_ctl" -D "$dir/data" -m fast stop >&2 || true; fi
rm -rf "$dir"
