#!/usr/bin/env bash
# Local Keycloak (the OpenID Connect provider) for bangkom development and tests, run
# from the distribution on Maven Central (no Docker), in dev mode with an in-memory
# H2 database: every start imports the realms in deploy/keycloak/ afresh.
#
#   scripts/keycloak.sh start    fetch the distribution if needed, start, wait until the
#                                bangkom realm's OIDC discovery document answers
#   scripts/keycloak.sh stop     SIGTERM (then SIGKILL after a deadline) the Keycloak we started
#   scripts/keycloak.sh status   exit 0 if our Keycloak (or one started elsewhere) answers, 3 if not
#   scripts/keycloak.sh token <user> [password]   an access token for a test user
#                                (password grant, client bangkom-cli; password defaults to bangkom)
#   scripts/keycloak.sh token --service          an access token for the confidential
#                                client bangkom-services (client credentials)
#   scripts/keycloak.sh issuer [realm]   print the issuer URL of a realm (default bangkom)
#   scripts/keycloak.sh fetch    only download and unpack the distribution
#
# Environment:
#   BANGKOM_CACHE                 download cache root (default ~/.cache/bangkom)
#   BANGKOM_VAR                   runtime data root   (default <repo>/var)
#   BANGKOM_KEYCLOAK_PORT         HTTP port on 127.0.0.1 (default 18080)
#   BANGKOM_KEYCLOAK_HEAP         maximum heap (default 512m)
#   BANGKOM_KEYCLOAK_START_TIMEOUT seconds to wait for readiness (default 240)
#   BANGKOM_KEYCLOAK_ADMIN, BANGKOM_KEYCLOAK_ADMIN_PASSWORD  the master realm's temporary
#                                 admin (default admin / admin; loopback only)
#   JAVA                          java binary (default: java on PATH; needs 17+)
set -euo pipefail

KEYCLOAK_VERSION=26.7.3
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
REALMS_DIR="$REPO_ROOT/deploy/keycloak"
CACHE_DIR="${BANGKOM_CACHE:-$HOME/.cache/bangkom}/keycloak-$KEYCLOAK_VERSION"
DIST_DIR="$CACHE_DIR/dist"
VAR_DIR="${BANGKOM_VAR:-$REPO_ROOT/var}/keycloak"
HOME_DIR="$VAR_DIR/home"
PIDF="$VAR_DIR/keycloak.pid"
LOGF="$VAR_DIR/keycloak.log"
PORT="${BANGKOM_KEYCLOAK_PORT:-18080}"
BASE_URL="http://127.0.0.1:$PORT"
REALM=bangkom
JAVA="${JAVA:-java}"
START_TIMEOUT="${BANGKOM_KEYCLOAK_START_TIMEOUT:-240}"
STOP_TIMEOUT=30
POLL=0.5
# Build-time options: the same on every start, so Quarkus augments the distribution once
# (on the first start) and never again; a different value would rebuild it (~20 s).
BUILD_OPTS=(--db=dev-mem)

log() { printf '[keycloak.sh] %s\n' "$*" >&2; }
die() { printf '[keycloak.sh] ERROR: %s\n' "$*" >&2; exit 1; }

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}" >&2
  exit 2
}

# ------------------------------------------------------------ distribution --

dist_ok() { [[ -f "$DIST_DIR/.complete" && -x "$DIST_DIR/bin/kc.sh" ]]; }

ensure_dist() {
  dist_ok && return 0
  command -v mvn >/dev/null || die "mvn not found (needed once to fetch Keycloak)"
  mkdir -p "$CACHE_DIR"
  exec 8>"$CACHE_DIR/.fetch.lock"
  flock -w 600 8 || die "timed out waiting for another Keycloak download"
  if ! dist_ok; then
    local t0=$SECONDS tmp="$CACHE_DIR/fetch.tmp.$$"
    log "fetching org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip from Maven Central (one-off, ~180 MB) ..."
    rm -rf "$tmp"; mkdir -p "$tmp"
    if ! mvn -B -q dependency:copy \
          -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
          -DoutputDirectory="$tmp" >"$CACHE_DIR/mvn.log" 2>&1; then
      tail -n 40 "$CACHE_DIR/mvn.log" >&2
      rm -rf "$tmp"; die "mvn dependency:copy failed (full output: $CACHE_DIR/mvn.log)"
    fi
    local zip="$tmp/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
    if command -v unzip >/dev/null; then
      unzip -q "$zip" -d "$tmp" || { rm -rf "$tmp"; die "unzip failed"; }
    else  # Python's zipfile drops the executable bits
      python3 -m zipfile -e "$zip" "$tmp" || { rm -rf "$tmp"; die "unpacking $zip failed"; }
      chmod +x "$tmp/keycloak-$KEYCLOAK_VERSION"/bin/*.sh
    fi
    rm -f "$zip"
    [[ -x "$tmp/keycloak-$KEYCLOAK_VERSION/bin/kc.sh" ]] || { rm -rf "$tmp"; die "no bin/kc.sh in the zip"; }
    touch "$tmp/keycloak-$KEYCLOAK_VERSION/.complete"
    rm -rf "$DIST_DIR"
    mv "$tmp/keycloak-$KEYCLOAK_VERSION" "$DIST_DIR"
    rm -rf "$tmp"
    log "fetched and unpacked Keycloak $KEYCLOAK_VERSION into $DIST_DIR in $((SECONDS - t0))s"
  fi
  exec 8>&-
}

check_java() {
  command -v "$JAVA" >/dev/null || die "java not found (Keycloak $KEYCLOAK_VERSION needs Java 17+)"
  local v
  v="$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)"
  [[ -n "$v" && "$v" -ge 17 ]] || die "Keycloak $KEYCLOAK_VERSION needs Java 17+, found '$v'"
}

# Our own Keycloak home: the distribution's code, themes and configuration (shared, read
# only) and a data directory of this checkout, holding the realms to import. So several
# checkouts can run a Keycloak each from one cached distribution.
prepare_home() {
  local d
  mkdir -p "$HOME_DIR/data"
  for d in lib themes providers conf; do ln -sfn "$DIST_DIR/$d" "$HOME_DIR/$d"; done
  rm -rf "$HOME_DIR/data/import" "$HOME_DIR/data/tmp"
  mkdir -p "$HOME_DIR/data/import"
  cp "$REALMS_DIR"/*-realm.json "$HOME_DIR/data/import/"
}

# --------------------------------------------------------------- processes --

# Prints the pid of our Keycloak if it runs (the kc.sh launcher, leader of its session).
keycloak_pid() {
  local pid
  [[ -f "$PIDF" ]] || return 1
  pid="$(cat "$PIDF" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 1
  # guard against pid reuse: the command line must name this checkout's home
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-Dkc.home.dir=$HOME_DIR" || return 1
  [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]] || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

discovery_url() { echo "$BASE_URL/realms/${1:-$REALM}/.well-known/openid-configuration"; }

# HTTP with Python's standard library (curl is not on every fresh machine).
http_get_ok() {  # <url>
  python3 - "$1" <<'PY'
import sys, urllib.request
try:
    with urllib.request.urlopen(sys.argv[1], timeout=5) as response:
        sys.exit(0 if response.status == 200 else 1)
except Exception:
    sys.exit(1)
PY
}

realm_answers() { http_get_ok "$(discovery_url "$@")"; }

launch() {
  port_open "$PORT" && die "port $PORT is in use by another process (set BANGKOM_KEYCLOAK_PORT)"
  prepare_home
  rm -f "$PIDF"
  printf '\n===== %s starting Keycloak %s =====\n' "$(date -Is)" "$KEYCLOAK_VERSION" >>"$LOGF"
  # setsid: own session, so Keycloak outlives the calling shell and stop can end its group.
  # 8>&- 9>&-: Keycloak must not inherit (and so hold forever) our flock fds.
  # kc.sh forwards SIGTERM to its java child; a later -Dkc.home.dir wins over its own.
  # shellcheck disable=SC2016
  KC_BOOTSTRAP_ADMIN_USERNAME="${BANGKOM_KEYCLOAK_ADMIN:-admin}" \
  KC_BOOTSTRAP_ADMIN_PASSWORD="${BANGKOM_KEYCLOAK_ADMIN_PASSWORD:-admin}" \
  JAVA_OPTS_KC_HEAP="-Xms64m -Xmx${BANGKOM_KEYCLOAK_HEAP:-512m}" \
  JAVA="$JAVA" \
  nohup setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' keycloak-launch "$PIDF" \
    "$DIST_DIR/bin/kc.sh" start-dev "-Dkc.home.dir=$HOME_DIR" \
      "${BUILD_OPTS[@]}" \
      --http-host=127.0.0.1 --http-port="$PORT" --hostname="$BASE_URL" \
      --import-realm --log-level=info \
    >>"$LOGF" 2>&1 </dev/null 8>&- 9>&- &
  local i
  for i in $(seq 1 40); do [[ -s "$PIDF" ]] && break; sleep 0.05; done
  [[ -s "$PIDF" ]] || die "Keycloak did not write its pid file"
  log "started Keycloak $KEYCLOAK_VERSION (pid $(cat "$PIDF"), $BASE_URL, log $LOGF)"
}

all_realms_answer() {
  local realm
  for realm in "$REALMS_DIR"/*-realm.json; do
    realm_answers "$(realm_name "$realm")" || return 1
  done
}

wait_ready() {
  local deadline=$(( $(date +%s) + START_TIMEOUT ))
  while :; do
    if ! keycloak_pid >/dev/null; then
      log "Keycloak exited during startup; last lines of $LOGF:"
      tail -n 30 "$LOGF" >&2 || true
      return 1
    fi
    # the port opens only when Keycloak is about ready: probe HTTP only then
    port_open "$PORT" && all_realms_answer && return 0
    if (( $(date +%s) >= deadline )); then
      log "timed out after ${START_TIMEOUT}s waiting for $(discovery_url)"
      tail -n 20 "$LOGF" >&2 || true
      return 1
    fi
    sleep "$POLL"
  done
}

realm_name() {  # <realm file>
  sed -n 's/^  "realm": "\([^"]*\)".*/\1/p' "$1" | head -1
}

lock_var() {
  mkdir -p "$VAR_DIR"
  exec 9>"$VAR_DIR/.lock"
  flock -w 300 9 || die "another keycloak.sh is operating on $VAR_DIR for too long"
}

cmd_start() {
  if keycloak_pid >/dev/null && realm_answers; then
    log "Keycloak already running and ready ($BASE_URL)"
    echo "KEYCLOAK_ISSUER=$BASE_URL/realms/$REALM"; return 0
  fi
  if ! keycloak_pid >/dev/null && port_open "$PORT" && realm_answers; then
    log "a Keycloak started elsewhere answers on $BASE_URL with realm $REALM; using it"
    echo "KEYCLOAK_ISSUER=$BASE_URL/realms/$REALM"; return 0
  fi
  check_java
  ensure_dist
  lock_var
  # Only one checkout at a time augments the shared distribution (on its first start).
  exec 8>"$CACHE_DIR/.start.lock"
  flock -w "$START_TIMEOUT" 8 || die "timed out waiting for another Keycloak to start"
  local t0=$SECONDS
  keycloak_pid >/dev/null || launch
  if ! wait_ready; then
    stop_started || true
    die "Keycloak did not become ready"
  fi
  exec 8>&-
  log "Keycloak $KEYCLOAK_VERSION ready after $((SECONDS - t0))s ($(discovery_url))"
  echo "KEYCLOAK_ISSUER=$BASE_URL/realms/$REALM"
}

stop_started() {
  local pid deadline
  if ! pid="$(keycloak_pid)"; then rm -f "$PIDF"; log "Keycloak not running"; return 0; fi
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$(( $(date +%s) + STOP_TIMEOUT ))
  while kill -0 "$pid" 2>/dev/null && [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]]; do
    if (( $(date +%s) >= deadline )); then
      log "Keycloak (pid $pid) still alive after ${STOP_TIMEOUT}s, sending SIGKILL to its process group"
      kill -KILL -- "-$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
  # kc.sh's java child is in the same process group; make sure nothing of it is left.
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$PIDF"
  log "stopped Keycloak (pid $pid)"
}

cmd_stop() {
  [[ -d "$VAR_DIR" ]] || { log "nothing to stop"; return 0; }
  lock_var
  stop_started
}

cmd_status() {
  local pid
  if pid="$(keycloak_pid)"; then
    if realm_answers; then echo "running pid=$pid $BASE_URL (realm $REALM answers)"; return 0; fi
    echo "starting pid=$pid $BASE_URL (realm $REALM does not answer yet)"; return 3
  fi
  if realm_answers; then echo "not ours: a Keycloak started elsewhere answers on $BASE_URL"; return 0; fi
  echo "stopped ($BASE_URL)"; return 3
}

# ----------------------------------------------------------------- tokens ---

token_endpoint() { echo "$BASE_URL/realms/$REALM/protocol/openid-connect/token"; }

post_for_token() {  # <form fields as name=value ...>: prints the access token
  python3 - "$(token_endpoint)" "$@" <<'PY'
import json, sys, urllib.error, urllib.parse, urllib.request
url, fields = sys.argv[1], dict(f.split("=", 1) for f in sys.argv[2:])
request = urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode())
try:
    with urllib.request.urlopen(request, timeout=10) as response:
        body = json.load(response)
except urllib.error.HTTPError as error:
    body = json.load(error)
if "access_token" not in body:
    sys.exit("no token: %s: %s" % (body.get("error"), body.get("error_description")))
print(body["access_token"])
PY
}

cmd_token() {
  [[ $# -ge 1 ]] || die "usage: $0 token <user> [password] | --service"
  if [[ "$1" == --service ]]; then
    post_for_token grant_type=client_credentials client_id=bangkom-services \
      client_secret=bangkom-services-dev-secret
  else
    post_for_token grant_type=password client_id=bangkom-cli scope=openid \
      "username=$1" "password=${2:-bangkom}"
  fi
}

# ------------------------------------------------------------------- main ----

main() {
  [[ $# -ge 1 ]] || usage
  local cmd="$1"; shift
  case "$cmd" in
    start)  cmd_start ;;
    stop)   cmd_stop ;;
    status) cmd_status ;;
    token)  cmd_token "$@" ;;
    issuer) echo "$BASE_URL/realms/${1:-$REALM}" ;;
    fetch)  check_java; ensure_dist; echo "$DIST_DIR" ;;
    -h|--help|help) usage ;;
    *) log "unknown command '$cmd'"; usage ;;
  esac
}

main "$@"
