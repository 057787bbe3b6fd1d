#!/usr/bin/env bash
# Everything CI checks: static checks, then unit, integration and end-to-end tests
# against a real Kafka broker, a real PostgreSQL and a real Keycloak, started here and
# stopped again (only if this script started them).
set -euo pipefail
cd "$(dirname "$0")/.."
UV=${UV:-uv}

stop_started() {
  local status=$?
  [[ -n "${started_keycloak:-}" ]] && scripts/keycloak.sh stop || true
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
# Downloads one after the other (two Maven runs at once may both write one file of
# ~/.m2); no-ops once cached.
scripts/kafka.sh fetch >/dev/null
scripts/keycloak.sh fetch >/dev/null
# Keycloak takes longest (about 16 s; its very first start about 50 s): meanwhile
# PostgreSQL and Kafka start.
scripts/keycloak.sh status >/dev/null 2>&1 || started_keycloak=1
scripts/keycloak.sh start &
keycloak_starting=$!
scripts/postgres.sh status >/dev/null 2>&1 || started_postgres=1
scripts/postgres.sh start
scripts/kafka.sh status --nodes 1 >/dev/null 2>&1 || started_kafka=1
scripts/kafka.sh start

wait "$keycloak_starting" || { echo "Keycloak did not start" >&2; exit 1; }

echo "== tests"
export BANGKOM_TEST_KAFKA="${BANGKOM_TEST_KAFKA:-$(scripts/kafka.sh bootstrap)}"
export BANGKOM_TEST_KEYCLOAK="${BANGKOM_TEST_KEYCLOAK:-http://127.0.0.1:${BANGKOM_KEYCLOAK_PORT:-18080}}"
export BANGKOM_TEST_POSTGRES="${BANGKOM_TEST_POSTGRES:-postgresql+asyncpg://bangkom:bangkom@127.0.0.1:${BANGKOM_PG_PORT:-15432}/postgres}"
$UV run --frozen pytest "$@"
