#!/usr/bin/env bash
# A throwaway PostgreSQL for the integration suites, on 127.0.0.1 only:
#   .ci/postgres.sh start   installs PostgreSQL from Debian if missing, starts a private cluster,
#                           prints its DATABASE_URL
#   .ci/postgres.sh stop    stops it and removes its files
# Runs as root (CI): the cluster itself runs as the postgres user. Trust authentication is
# acceptable only because the cluster listens on loopback and lives for one CI run.
set -euo pipefail
STATE=/tmp/tppo-ci-postgres
PORT="${TPPO_PG_PORT:-55432}"

case "${1:-}" in
  start)
    if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
      echo "== installing PostgreSQL (apt-get)" >&2
      apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    fi
    BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
    rm -rf "$STATE" && mkdir -p "$STATE" && chown postgres "$STATE" && chmod 700 "$STATE"
    su postgres -c "$BIN/initdb -D $STATE/data -A trust -U postgres" >&2
    su postgres -c "$BIN/pg_ctl -D $STATE/data -o '-p $PORT -k $STATE -c listen_addresses=127.0.0.1' -w -l $STATE/log start" >&2
    su postgres -c "$BIN/createdb -h 127.0.0.1 -p $PORT tppo_test" >&2
    echo "postgres://postgres@127.0.0.1:$PORT/tppo_test"
    ;;
  stop)
    BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
    if [ -d "$STATE/data" ]; then su postgres -c "$BIN/pg_ctl -D $STATE/data -m fast -w stop" >&2 || true; fi
    rm -rf "$STATE"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
