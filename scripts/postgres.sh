#!/usr/bin/env bash
# Local PostgreSQL for bangkom: a dedicated Debian cluster named "bangkom"
# (separate from the distribution's "main" cluster), listening on 127.0.0.1 only.
#
#   scripts/postgres.sh start            install the server if missing, create/start the
#                                        cluster, ensure role + databases, print the URLs
#   scripts/postgres.sh stop             stop the bangkom cluster (only that one)
#   scripts/postgres.sh status           cluster state (exit 3 if not running)
#   scripts/postgres.sh psql [db] [args] psql as bangkom over TCP; db defaults to
#                                        bangkom_evaluation ("evaluation" is accepted too)
#   scripts/postgres.sh url [service]    print the SQLAlchemy/asyncpg URL(s)
#
# Environment:
#   BANGKOM_PG_PORT     TCP port (default 15432)
#   BANGKOM_PG_TIMEOUT  seconds to wait for the server (default 60)
set -euo pipefail

CLUSTER=bangkom
PORT="${BANGKOM_PG_PORT:-15432}"
TIMEOUT="${BANGKOM_PG_TIMEOUT:-60}"
PG_USER=bangkom
PG_PASSWORD=bangkom
SERVICES=(evaluation training survey recommendation career)
SOCKET_DIR=/var/run/postgresql

log() { printf '[postgres.sh] %s\n' "$*" >&2; }
die() { printf '[postgres.sh] ERROR: %s\n' "$*" >&2; exit 1; }

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}" >&2
  exit 2
}

as_root() {
  if [[ $EUID -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root for: $*"; fi
}

# run a command as the postgres OS user
as_postgres() {
  if [[ "$(id -un)" == postgres ]]; then "$@"
  elif [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"
  else sudo -u postgres -- "$@"; fi
}

server_installed() { compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; }

# newest installed major version that has server binaries
pg_version() {
  local d v best=""
  for d in /usr/lib/postgresql/*/bin/postgres; do
    [[ -x "$d" ]] || continue
    v="$(basename "$(dirname "$(dirname "$d")")")"
    if [[ -z "$best" ]] || (( ${v%%.*} > ${best%%.*} )); then best="$v"; fi
  done
  [[ -n "$best" ]] || return 1
  echo "$best"
}

install_server() {
  server_installed && return 0
  log "no PostgreSQL server found; installing Debian's postgresql package ..."
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -q >&2
  # The package's postinst tries to create/start the "main" cluster; in a
  # container without systemd that may fail. Tolerate it and check the binaries.
  as_root apt-get install -y -q postgresql >&2 || log "apt-get install reported an error (often only the default cluster's start); checking binaries"
  server_installed || die "PostgreSQL server binaries still missing after apt-get install"
}

# Which version owns our cluster (if it exists), else empty.
cluster_version() {
  pg_lsclusters -h 2>/dev/null | awk -v c="$CLUSTER" '$2 == c {print $1}' | sort -V | tail -1
}

cluster_status() {  # -> online | down | missing
  local ver="$1"
  [[ -n "$ver" ]] || { echo missing; return; }
  pg_lsclusters -h "$ver" "$CLUSTER" 2>/dev/null | awk '{print $4}' | head -1
}

cluster_port() {  # <ver>
  pg_lsclusters -h "$1" "$CLUSTER" 2>/dev/null | awk '{print $3}' | head -1
}

admin_psql() {  # <ver> psql-args...
  local ver="$1"; shift
  as_postgres psql -X -q -v ON_ERROR_STOP=1 -h "$SOCKET_DIR" -p "$(cluster_port "$ver")" -d postgres "$@"
}

configure_cluster() {  # <ver>
  local ver="$1" confd="/etc/postgresql/$1/$CLUSTER/conf.d"
  # the port stays in postgresql.conf, where pg_lsclusters/pg_ctlcluster read it
  [[ "$(pg_conftool -s "$ver" "$CLUSTER" show port 2>/dev/null)" == "$PORT" ]] || \
    as_root pg_conftool "$ver" "$CLUSTER" set port "$PORT"
  # the rest in a drop-in (included at the end of postgresql.conf, so it wins)
  as_root install -d -o postgres -g postgres -m 0755 "$confd"
  as_root tee "$confd/50-bangkom.conf.tmp" >/dev/null <<CONF
# Written by scripts/postgres.sh on every start; edits are overwritten.
listen_addresses = '127.0.0.1'
max_connections = 300
password_encryption = 'scram-sha-256'
CONF
  as_root chown postgres:postgres "$confd/50-bangkom.conf.tmp"
  as_root mv "$confd/50-bangkom.conf.tmp" "$confd/50-bangkom.conf"
  # local development only: not started at boot
  echo manual | as_root tee "/etc/postgresql/$ver/$CLUSTER/start.conf" >/dev/null
}

wait_ready() {  # <ver>
  local ver="$1" deadline=$(( $(date +%s) + TIMEOUT ))
  until pg_isready -q -h 127.0.0.1 -p "$(cluster_port "$ver")" -t 2; do
    if (( $(date +%s) >= deadline )); then
      tail -n 30 "/var/log/postgresql/postgresql-$ver-$CLUSTER.log" >&2 2>/dev/null || true
      die "PostgreSQL $ver/$CLUSTER not ready after ${TIMEOUT}s"
    fi
    sleep 0.2
  done
}

ensure_role_and_dbs() {  # <ver>
  local ver="$1" dbs="" s
  for s in "${SERVICES[@]}"; do dbs+="${dbs:+,}'bangkom_$s'"; done
  admin_psql "$ver" <<SQL
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', '$PG_USER', '$PG_PASSWORD')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER') \gexec
ALTER ROLE $PG_USER WITH LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
-- DROP DATABASE ... WITH (FORCE) of a test database must be able to end the
-- autovacuum worker that may be analysing it, which needs pg_signal_backend.
GRANT pg_signal_backend TO $PG_USER;
SELECT format('CREATE DATABASE %I OWNER %I', d, '$PG_USER')
  FROM unnest(ARRAY[$dbs]) AS d
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d) \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', d, '$PG_USER')
  FROM unnest(ARRAY[$dbs]) AS d \gexec
SQL
}

# settings that need a restart when they differ from the running server
needs_restart() {  # <ver>
  local ver="$1" got
  got="$(admin_psql "$ver" -At -c "SELECT current_setting('max_connections') || ' ' || current_setting('listen_addresses')")"
  [[ "$got" != "300 127.0.0.1" ]]
}

print_urls() {
  local s
  for s in "${SERVICES[@]}"; do
    echo "postgresql+asyncpg://$PG_USER:$PG_PASSWORD@127.0.0.1:$PORT/bangkom_$s"
  done
}

cmd_start() {
  install_server
  as_root install -d -o postgres -g postgres -m 2775 "$SOCKET_DIR"
  local ver; ver="$(cluster_version)"
  if [[ -z "$ver" ]]; then
    ver="$(pg_version)" || die "no PostgreSQL server version found"
    log "creating cluster $ver/$CLUSTER on 127.0.0.1:$PORT"
    as_root pg_createcluster "$ver" "$CLUSTER" --port "$PORT" --start-conf manual \
      -- --auth-local=peer --auth-host=scram-sha-256 >&2
  fi
  local st; st="$(cluster_status "$ver")"
  if [[ "$st" == online* ]]; then
    [[ "$(cluster_port "$ver")" == "$PORT" ]] || \
      die "cluster $ver/$CLUSTER is running on port $(cluster_port "$ver"), not $PORT (run: $0 stop)"
    configure_cluster "$ver"
    wait_ready "$ver"
    if needs_restart "$ver"; then
      log "settings changed; restarting $ver/$CLUSTER"
      as_root pg_ctlcluster "$ver" "$CLUSTER" restart
      wait_ready "$ver"
    else
      log "cluster $ver/$CLUSTER already running"
    fi
  else
    configure_cluster "$ver"
    log "starting cluster $ver/$CLUSTER"
    as_root pg_ctlcluster "$ver" "$CLUSTER" start
    wait_ready "$ver"
  fi
  ensure_role_and_dbs "$ver"
  log "PostgreSQL $ver/$CLUSTER ready on 127.0.0.1:$PORT (role $PG_USER)"
  print_urls
}

cmd_stop() {
  local ver; ver="$(cluster_version)"
  if [[ -z "$ver" ]]; then log "cluster $CLUSTER does not exist; nothing to stop"; return 0; fi
  if [[ "$(cluster_status "$ver")" == online* ]]; then
    as_root pg_ctlcluster "$ver" "$CLUSTER" stop -m fast
    log "stopped cluster $ver/$CLUSTER"
  else
    log "cluster $ver/$CLUSTER not running"
  fi
}

cmd_status() {
  local ver; ver="$(cluster_version)"
  if [[ -z "$ver" ]]; then echo "cluster $CLUSTER: not created"; return 3; fi
  pg_lsclusters "$ver" "$CLUSTER"
  if [[ "$(cluster_status "$ver")" == online* ]] && pg_isready -q -h 127.0.0.1 -p "$(cluster_port "$ver")" -t 2; then
    echo "accepting connections on 127.0.0.1:$(cluster_port "$ver")"
    return 0
  fi
  return 3
}

cmd_psql() {
  local db=bangkom_evaluation
  if [[ $# -gt 0 && "$1" != -* ]]; then db="$1"; shift; fi
  case "$db" in bangkom_*|postgres|template*) ;; *) db="bangkom_$db" ;; esac
  PGPASSWORD="$PG_PASSWORD" exec psql -h 127.0.0.1 -p "$PORT" -U "$PG_USER" -d "$db" "$@"
}

main() {
  [[ $# -ge 1 ]] || usage
  local cmd="$1"; shift
  case "$cmd" in
    start)  cmd_start ;;
    stop)   cmd_stop ;;
    status) cmd_status ;;
    psql)   cmd_psql "$@" ;;
    url)
      if [[ $# -ge 1 ]]; then echo "postgresql+asyncpg://$PG_USER:$PG_PASSWORD@127.0.0.1:$PORT/bangkom_${1#bangkom_}"
      else print_urls; fi ;;
    -h|--help|help) usage ;;
    *) log "unknown command '$cmd'"; usage ;;
  esac
}

main "$@"
