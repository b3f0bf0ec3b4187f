#!/bin/sh
# A throw-away PostgreSQL cluster on loopback, for running the tests on PostgreSQL:
#   scripts/postgres.sh start [PORT]   initdb into a temporary folder, start it, print its admin URL
#   scripts/postgres.sh stop           stop it and delete the folder
#   scripts/postgres.sh available      exit 0 if a cluster can be started here, else say why and exit 1
# PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user. Nothing
# listens beyond 127.0.0.1, and trust authentication is safe only because of that.
set -eu

PORT="${2:-${POSTGRES_PORT:-55432}}"
STATE="${TMPDIR:-/tmp}/tangible-postgres-$PORT"
BIN="${POSTGRES_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"

as_owner() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

available() {
  if [ ! -x "$BIN/initdb" ]; then
    echo "PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin): apt-get install postgresql" >&2
    return 1
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "PostgreSQL refuses to run as root and there is no postgres user to run it as" >&2
    return 1
  fi
}

case "${1:-}" in
available)
  available
  ;;
start)
  available || exit 1
  if [ -f "$STATE/data/postmaster.pid" ]; then
    if as_owner "'$BIN/pg_ctl' -D '$STATE/data' status >/dev/null 2>&1"; then
      echo "postgres://postgres@127.0.0.1:$PORT/postgres"
      exit 0
    fi
    # Left by a machine that stopped without stopping the cluster: start afresh.
    rm -rf "$STATE"
  fi
  mkdir -p "$STATE"
  [ "$(id -u)" = 0 ] && chown postgres "$STATE"
  as_owner "'$BIN/initdb' -D '$STATE/data' -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >'$STATE/initdb.log'"
  # fsync off: the cluster holds test data only and is deleted on stop.
  as_owner "'$BIN/pg_ctl' -D '$STATE/data' -l '$STATE/server.log' -w \
    -o \"-p $PORT -k '$STATE' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start >/dev/null"
  echo "postgres://postgres@127.0.0.1:$PORT/postgres"
  ;;
stop)
  if [ -f "$STATE/data/postmaster.pid" ]; then
    as_owner "'$BIN/pg_ctl' -D '$STATE/data' -m fast -w stop >/dev/null" || true
  fi
  rm -rf "$STATE"
  ;;
*)
  echo "usage: scripts/postgres.sh start|stop|available [PORT]" >&2
  exit 2
  ;;
esac
