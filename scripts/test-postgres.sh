#!/bin/sh
# The second half of `pnpm test`: the suite again on PostgreSQL (TEST_DATABASE=postgres), in a
# throw-away cluster on loopback that this script starts (scripts/postgres.sh, on a free port) and
# deletes afterwards; with TEST_POSTGRES_URL set, on that server instead (each test makes and drops
# its own databases there). Tests about SQLite itself are left out of this run (vitest.config.ts).
# Without PostgreSQL installed the half is skipped, saying so, unless TEST_POSTGRES_REQUIRED=1
# (CI sets it) makes that a failure.
set -eu
cd "$(dirname "$0")/.."

if [ -z "${TEST_POSTGRES_URL:-}" ]; then
  if ! reason=$(sh scripts/postgres.sh available 2>&1); then
    if [ "${TEST_POSTGRES_REQUIRED:-0}" = 1 ]; then
      echo "FAILED: the PostgreSQL half of the tests cannot run and TEST_POSTGRES_REQUIRED=1: $reason" >&2
      exit 1
    fi
    echo "SKIPPED: the PostgreSQL half of the tests did not run (only SQLite was tested): $reason" >&2
    exit 0
  fi
  # A port nobody listens on, so that a cluster someone else started is never used or stopped.
  port=$(node -e "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })")
  TEST_POSTGRES_URL=$(sh scripts/postgres.sh start "$port")
  trap 'sh scripts/postgres.sh stop "$port"' EXIT INT TERM
  export TEST_POSTGRES_URL
fi

echo "Running the tests again on PostgreSQL ($TEST_POSTGRES_URL)..." >&2
started=$(date +%s)
TEST_DATABASE=postgres npx vitest run "$@"
echo "The PostgreSQL half took $(($(date +%s) - started)) s." >&2
