#!/usr/bin/env bash
# Everything CI checks: static checks, then unit, integration and end-to-end tests
# against a real Kafka broker and a real PostgreSQL, both started here and
# stopped again (only if this script started them).
set -euo pipefail
cd "$(dirname "$0")/.."
UV=${UV:-uv}

stop_started() {
  local status=$?
  [[ -n "${started_kafka:-}" ]] && scripts/kafka.sh stop || true
  [[ -n "${started_postgres:-}" ]] && scripts/postgres.sh stop || true
  exit "$status"
}
trap stop_started EXIT

echo "== static checks"
$UV run --frozen ruff check .
$UV run --frozen ruff format --check .
$UV run --frozen mypy libs/*/src services/*/src bench
$UV run --frozen lint-imports

echo "== infrastructure"
scripts/prometheus.sh install
scripts/chromium.sh install
scripts/postgres.sh status >/dev/null 2>&1 || started_postgres=1
scripts/postgres.sh start
scripts/kafka.sh status --nodes 1 >/dev/null 2>&1 || started_kafka=1
scripts/kafka.sh start

echo "== tests"
export BANGKOM_TEST_KAFKA="${BANGKOM_TEST_KAFKA:-$(scripts/kafka.sh bootstrap)}"
export BANGKOM_TEST_POSTGRES="${BANGKOM_TEST_POSTGRES:-postgresql+asyncpg://bangkom:bangkom@127.0.0.1:${BANGKOM_PG_PORT:-15432}/postgres}"
$UV run --frozen pytest "$@"
