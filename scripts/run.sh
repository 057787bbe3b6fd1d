#!/usr/bin/env bash
# `make run`: local Kafka, the five services on SQLite files, demo data, URLs.
# Ctrl-C stops the services (graceful drain) and the Kafka broker it started.
#   scripts/run.sh            run until Ctrl-C
#   scripts/run.sh --smoke    start, load demo data, wait for the first proposal, stop
# BANGKOM_RUN_DIR (default var/) holds the SQLite files, logs and development key.
set -euo pipefail
cd "$(dirname "$0")/.."
UV=${UV:-uv}
SERVICES=(evaluation training survey recommendation career)
declare -A PORT=([evaluation]=8001 [training]=8002 [survey]=8003 [recommendation]=8004 [career]=8006)
declare -A GRPC=([evaluation]=8051 [training]=8052 [survey]=8053 [recommendation]=8054 [career]=8056)
mode=${1:-}
run_dir=${BANGKOM_RUN_DIR:-var}
logs=$run_dir/log
mkdir -p "$logs" "$run_dir/data"
export BANGKOM_AUTH_DEV_KEY_FILE="$run_dir/dev-jwt-key.pem"
for svc in "${SERVICES[@]}"; do
  prefix="BANGKOM_${svc^^}_"
  export "${prefix}DATABASE_URL=sqlite+aiosqlite:///$run_dir/data/$svc.db"
  export "${prefix}AUTH_DEV_KEY_FILE=$BANGKOM_AUTH_DEV_KEY_FILE"
  http_var="${prefix}HTTP_PORT" grpc_var="${prefix}GRPC_PORT"
  PORT[$svc]=${!http_var:-${PORT[$svc]}}
  GRPC[$svc]=${!grpc_var:-${GRPC[$svc]}}
done
pids=()

# A port held by anything, even an outgoing connection's local end, fails the bind later
# with a traceback in a log; say which port and which variable moves it, up front.
check_port_free() {  # <host> <port> <variable>
  [[ "$2" =~ ^[0-9]+$ ]] || { echo "$3=$2 is not a port number" >&2; exit 1; }
  local status=0
  .venv/bin/python - "$1" "$2" <<'PY' || status=$?
import errno, socket, sys
with socket.socket() as probe:
    # as the servers do: a socket of ours left in TIME_WAIT does not count as taken
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        probe.bind((sys.argv[1], int(sys.argv[2])))
        probe.listen(1)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            sys.exit(3)
        raise
PY
  case $status in
    0) ;;
    3) echo "port $2 is in use; stop what holds it or set $3" >&2; exit 1 ;;
    *) echo "cannot check port $2 on $1 (see above)" >&2; exit 1 ;;
  esac
}
CONSOLE_PORT=${BANGKOM_CONSOLE_HTTP_PORT:-8005}
check_port_free "${BANGKOM_CONSOLE_HTTP_HOST:-127.0.0.1}" "$CONSOLE_PORT" BANGKOM_CONSOLE_HTTP_PORT
for svc in "${SERVICES[@]}"; do
  host_var="BANGKOM_${svc^^}_HTTP_HOST"
  check_port_free "${!host_var:-127.0.0.1}" "${PORT[$svc]}" "BANGKOM_${svc^^}_HTTP_PORT"
  check_port_free "${!host_var:-127.0.0.1}" "${GRPC[$svc]}" "BANGKOM_${svc^^}_GRPC_PORT"
done

stop_all() {
  local status=$?
  trap - EXIT INT TERM
  if ((${#pids[@]})); then
    echo "stopping services (draining)..."
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
  [[ -n "${started_kafka:-}" ]] && scripts/kafka.sh stop
  exit "$status"
}
trap stop_all EXIT INT TERM

scripts/kafka.sh status --nodes 1 >/dev/null 2>&1 || started_kafka=1
scripts/kafka.sh start

for svc in "${SERVICES[@]}"; do
  .venv/bin/python -m "bangkom.$svc" serve >"$logs/$svc.log" 2>&1 &
  pids+=($!)
done

for svc in "${SERVICES[@]}"; do
  url="http://127.0.0.1:${PORT[$svc]}/readyz"
  for _ in $(seq 1 240); do
    curl -fsS "$url" >/dev/null 2>&1 && break
    kill -0 "${pids[@]}" 2>/dev/null || { echo "a service exited; see $logs/" >&2; exit 1; }
    sleep 0.25
  done
  curl -fsS "$url" >/dev/null || { echo "$svc not ready; see $logs/$svc.log" >&2; exit 1; }
done

# The console: pages over the services' APIs, with a development sign-in (of career's
# it asks only what an employee's data download holds).
for svc in "${SERVICES[@]}"; do
  export "BANGKOM_CONSOLE_${svc^^}_URL=http://127.0.0.1:${PORT[$svc]}"
done
export BANGKOM_CONSOLE_HTTP_PORT=$CONSOLE_PORT BANGKOM_CONSOLE_AUTH_DEV_KEY_FILE=$BANGKOM_AUTH_DEV_KEY_FILE
.venv/bin/python -m bangkom.console serve >"$logs/console.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$CONSOLE_PORT/healthz" >/dev/null 2>&1 && break
  kill -0 "${pids[@]}" 2>/dev/null || { echo "the console exited; see $logs/console.log" >&2; exit 1; }
  sleep 0.25
done

DEMO_EVALUATION_URL="http://127.0.0.1:${PORT[evaluation]}" \
  DEMO_TRAINING_URL="http://127.0.0.1:${PORT[training]}" \
  $UV run --frozen python scripts/demo_data.py

echo
echo "bangkom is running (logs in $logs/, data in $run_dir/data/):"
for svc in "${SERVICES[@]}"; do
  printf '  %-15s http://127.0.0.1:%s/docs   gRPC 127.0.0.1:%s   metrics http://127.0.0.1:%s/metrics\n' \
    "$svc" "${PORT[$svc]}" "${GRPC[$svc]}" "${PORT[$svc]}"
done
echo "  Kafka           $(scripts/kafka.sh bootstrap)"
echo
echo "The console: http://127.0.0.1:$CONSOLE_PORT/"
echo "  sign in (development): choose a role; e.g. Pegawai with NIP 198503152010012003"
echo "  (Rina Siregar), or Operator instansi of 12.73.BKPSDM"
echo
echo "A token for the APIs (province admin):"
echo "  $UV run bangkom token --role province_admin"
echo "Proposals made from the demo results:"
echo "  curl -H \"Authorization: Bearer \$($UV run bangkom token --role province_admin)\" http://127.0.0.1:${PORT[recommendation]}/proposals"

if [[ "$mode" == "--smoke" ]]; then
  curl -fsS "http://127.0.0.1:$CONSOLE_PORT/masuk" | grep -q "Masuk ke konsol bangkom" \
    || { echo "smoke: the console's sign-in page did not answer" >&2; exit 1; }
  echo "smoke: the console answers"
  token=$($UV run --frozen bangkom token --role province_admin)
  for _ in $(seq 1 120); do
    count=$(curl -fsS -H "Authorization: Bearer $token" http://127.0.0.1:${PORT[recommendation]}/proposals \
      | $UV run --frozen python -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
    [[ "$count" -gt 0 ]] && { echo "smoke: $count proposals"; exit 0; }
    sleep 0.5
  done
  echo "smoke: no proposal appeared" >&2
  exit 1
fi
echo "Ctrl-C to stop."
wait "${pids[@]}"
