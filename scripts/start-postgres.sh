#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on 127.0.0.1 for the tests: installs Debian's
# `postgresql` when missing, runs `initdb` and `pg_ctl start` as an unprivileged user in a
# temporary directory, creates the database `riskflow_test`, and prints its URL on stdout
# (everything else goes to stderr). Stop it with: scripts/stop-postgres.sh DIR
#   url=$(bash scripts/start-postgres.sh /tmp/pg)
set -euo pipefail
dir="${1:-$(mktemp -d)}"
# A free port unless one is given.
port="${PGPORT_TEST:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 54329)}"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
user=postgres
id "$user" >/dev/null 2>&1 || useradd --system --no-create-home "$user"
mkdir -p "$dir"
chown "$user" "$dir"
run() { if [ "$(id -u)" = 0 ]; then su "$user" -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
run "'$bin/initdb' -D '$dir/data' -U riskflow --auth=trust -E UTF8 >/dev/null"
run "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o '-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c max_connections=200' start" >&2
run "'$bin/createdb' -h 127.0.0.1 -p $port -U riskflow riskflow_test"
echo "postgres://riskflow@127.0.0.1:$port/riskflow_test"
