#!/usr/bin/env bash
# Local Apache Kafka (KRaft, combined broker+controller) for bangkom development
# and tests, run straight from Maven Central jars (no Docker, no tarball).
#
#   scripts/kafka.sh start   [--nodes 1|3]   fetch jars if needed, format, start, wait until ready
#   scripts/kafka.sh stop    [--nodes 1|3]   SIGTERM (then SIGKILL after a deadline) our brokers
#   scripts/kafka.sh status  [--nodes 1|3]   show nodes (exit 3 if --nodes given and not all up)
#   scripts/kafka.sh reset   [--nodes 1|3]   stop and delete the cluster's data dir
#   scripts/kafka.sh kill-node|pause-node|resume-node|restart-node <id> [--nodes 3]
#   scripts/kafka.sh tool <MainClass> [args...]  run a Kafka tool class with the cached classpath
#   scripts/kafka.sh fetch                   only download the jars
#   scripts/kafka.sh bootstrap [--nodes 1|3] print the bootstrap servers
#
# Environment:
#   BANGKOM_CACHE        jar cache root      (default ~/.cache/bangkom)
#   BANGKOM_VAR          runtime data root   (default <repo>/var)
#   BANGKOM_KAFKA_PORT   single-node broker port (default 9092; controller = port+1)
#   BANGKOM_KAFKA_HEAP   broker heap, e.g. 512m (default 512m single, 384m per node for 3)
#   BANGKOM_KAFKA_JVM_OPTS       extra JVM options for the brokers (word-split)
#   BANGKOM_KAFKA_START_TIMEOUT  seconds to wait for readiness (default 90)
#   BANGKOM_KAFKA_TOOL_HEAP      heap for `tool` JVMs (default 512m)
#   BANGKOM_KAFKA_TOOL_LOG_LEVEL log level of `tool` JVMs, to stderr (default WARN)
#   JAVA                 java binary (default: java on PATH; needs 17+)
set -euo pipefail

KAFKA_VERSION=4.1.1
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
POM="$SCRIPT_DIR/kafka/pom.xml"
LOG4J_CONF="$SCRIPT_DIR/kafka/log4j2.properties"
CACHE_DIR="${BANGKOM_CACHE:-$HOME/.cache/bangkom}/kafka-$KAFKA_VERSION"
LIBS_DIR="$CACHE_DIR/libs"
VAR_ROOT="${BANGKOM_VAR:-$REPO_ROOT/var}/kafka"
JAVA="${JAVA:-java}"
START_TIMEOUT="${BANGKOM_KAFKA_START_TIMEOUT:-90}"
STOP_TIMEOUT=30
POLL=0.25

log() { printf '[kafka.sh] %s\n' "$*" >&2; }
die() { printf '[kafka.sh] ERROR: %s\n' "$*" >&2; exit 1; }

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}" >&2
  exit 2
}

# ---------------------------------------------------------------- topology --

NODES=1          # set by --nodes
CLUSTER=""       # single | cluster3
NODE_IDS=()

set_topology() {
  case "$NODES" in
    1) CLUSTER=single;   NODE_IDS=(1) ;;
    3) CLUSTER=cluster3; NODE_IDS=(1 2 3) ;;
    *) die "--nodes must be 1 or 3 (got '$NODES')" ;;
  esac
  CLUSTER_DIR="$VAR_ROOT/$CLUSTER"
}

broker_port() {  # <id>
  if [[ "$CLUSTER" == single ]]; then echo "${BANGKOM_KAFKA_PORT:-9092}"
  else echo $(( $1 * 1000 + 9092 )); fi
}
controller_port() { echo $(( $(broker_port "$1") + 1 )); }

node_dir()   { echo "$CLUSTER_DIR/node-$1"; }
node_props() { echo "$(node_dir "$1")/server.properties"; }
node_pidf()  { echo "$(node_dir "$1")/kafka.pid"; }
node_log()   { echo "$(node_dir "$1")/server.log"; }

bootstrap_servers() {
  local id out=()
  for id in "${NODE_IDS[@]}"; do out+=("127.0.0.1:$(broker_port "$id")"); done
  (IFS=,; echo "${out[*]}")
}

quorum_voters() {
  local id out=()
  for id in "${NODE_IDS[@]}"; do out+=("$id@127.0.0.1:$(controller_port "$id")"); done
  (IFS=,; echo "${out[*]}")
}

# -------------------------------------------------------------------- jars --

pom_hash() { sha256sum "$POM" | cut -d' ' -f1; }

libs_ok() {
  [[ -f "$LIBS_DIR/.complete" ]] && [[ "$(cat "$LIBS_DIR/.complete")" == "$(pom_hash)" ]]
}

ensure_jars() {
  libs_ok && return 0
  command -v mvn >/dev/null || die "mvn not found (needed once to fetch the Kafka jars)"
  mkdir -p "$CACHE_DIR"
  exec 8>"$CACHE_DIR/.fetch.lock"
  flock -w 600 8 || die "timed out waiting for another jar download"
  if ! libs_ok; then
    log "fetching Kafka $KAFKA_VERSION jars into $LIBS_DIR (one-off) ..."
    local tmp="$CACHE_DIR/libs.tmp.$$"
    rm -rf "$tmp"
    if ! mvn -B -q -f "$POM" dependency:copy-dependencies \
          -DoutputDirectory="$tmp" -DincludeScope=runtime >"$CACHE_DIR/mvn.log" 2>&1; then
      tail -n 40 "$CACHE_DIR/mvn.log" >&2
      rm -rf "$tmp"; die "mvn dependency:copy-dependencies failed (full output: $CACHE_DIR/mvn.log)"
    fi
    local j
    for j in kafka_2.13-$KAFKA_VERSION kafka-tools-$KAFKA_VERSION log4j-core- log4j-slf4j-impl- slf4j-api-; do
      compgen -G "$tmp/$j*.jar" >/dev/null || { rm -rf "$tmp"; die "expected jar $j*.jar missing after download"; }
    done
    pom_hash >"$tmp/.complete"
    rm -rf "$CACHE_DIR/libs.old"
    [[ -d "$LIBS_DIR" ]] && mv "$LIBS_DIR" "$CACHE_DIR/libs.old"
    mv "$tmp" "$LIBS_DIR"
    rm -rf "$CACHE_DIR/libs.old"
    log "fetched $(find "$LIBS_DIR" -name "*.jar" | wc -l) jars"
  fi
  exec 8>&-
}

check_java() {
  command -v "$JAVA" >/dev/null || die "java not found (Kafka $KAFKA_VERSION needs Java 17+)"
  local v
  v="$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)"
  [[ -n "$v" && "$v" -ge 17 ]] || die "Kafka $KAFKA_VERSION needs Java 17+, found '$v'"
}

# Run a Kafka main class with the cached classpath (logging at WARN to stderr).
# Extra JVM options can be put in the TOOL_JVM_OPTS array.
TOOL_JVM_OPTS=()
tool_cmd() {  # <MainClass> args...  -> fills CMD
  CMD=("$JAVA" -Xmx"${BANGKOM_KAFKA_TOOL_HEAP:-512m}" -Djava.awt.headless=true
       "${TOOL_JVM_OPTS[@]+"${TOOL_JVM_OPTS[@]}"}"
       -Dlog4j2.configurationFile="$LOG4J_CONF"
       -Dbangkom.log.level="${BANGKOM_KAFKA_TOOL_LOG_LEVEL:-WARN}" -Dbangkom.log.target=SYSTEM_ERR
       -cp "$LIBS_DIR/*" "$@")
}
run_class() { local CMD; tool_cmd "$@"; "${CMD[@]}"; }

# --------------------------------------------------------------- processes --

# Prints the pid of node <id> if it is running and really is our broker.
node_pid() {  # <id>
  local pidf pid
  pidf="$(node_pidf "$1")"
  [[ -f "$pidf" ]] || return 1
  pid="$(cat "$pidf" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  # guard against pid reuse: the command line must name this node's properties
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "kafka.Kafka $(node_props "$1")" || return 1
  # a zombie is not running
  [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]] || return 1
  echo "$pid"
}

proc_state() {  # <pid> -> R/S/T/...
  sed 's/^[0-9]* (.*) \([A-Za-z]\) .*/\1/' "/proc/$1/stat" 2>/dev/null || echo "?"
}

port_open() {  # <port>
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# ------------------------------------------------------------------ config --

write_props() {  # <id>
  local id="$1" dir props rf misr
  dir="$(node_dir "$id")"; props="$(node_props "$id")"
  if [[ "$CLUSTER" == single ]]; then rf=1; misr=1; else rf=3; misr=2; fi
  mkdir -p "$dir/data"
  cat >"$props.tmp" <<EOF
# Generated by scripts/kafka.sh on every start; edits are overwritten.
process.roles=broker,controller
node.id=$id
controller.quorum.voters=$(quorum_voters)
listeners=PLAINTEXT://127.0.0.1:$(broker_port "$id"),CONTROLLER://127.0.0.1:$(controller_port "$id")
advertised.listeners=PLAINTEXT://127.0.0.1:$(broker_port "$id")
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data

num.partitions=1
default.replication.factor=$rf
min.insync.replicas=$misr
offsets.topic.replication.factor=$rf
transaction.state.log.replication.factor=$rf
transaction.state.log.min.isr=$misr
share.coordinator.state.topic.replication.factor=$rf
share.coordinator.state.topic.min.isr=$misr
auto.create.topics.enable=false
group.initial.rebalance.delay.ms=0
unclean.leader.election.enable=false

num.network.threads=3
num.io.threads=8
num.recovery.threads.per.data.dir=1
log.retention.hours=168
log.segment.bytes=1073741824
log.retention.check.interval.ms=300000
EOF
  mv "$props.tmp" "$props"
}

cluster_id() {
  local f="$CLUSTER_DIR/cluster.id" id meta
  if [[ ! -s "$f" ]]; then
    # reuse the id of an already formatted node, if any
    for id in "${NODE_IDS[@]}"; do
      meta="$(node_dir "$id")/data/meta.properties"
      if [[ -f "$meta" ]]; then sed -n 's/^cluster.id=//p' "$meta" >"$f"; break; fi
    done
  fi
  if [[ ! -s "$f" ]]; then
    run_class kafka.tools.StorageTool random-uuid | tail -1 >"$f.tmp"
    [[ -s "$f.tmp" ]] || die "StorageTool random-uuid printed nothing"
    mv "$f.tmp" "$f"
  fi
  cat "$f"
}

format_node() {  # <id> <cluster-id>
  local id="$1" cid="$2" meta
  meta="$(node_dir "$id")/data/meta.properties"
  if [[ -f "$meta" ]]; then
    local have; have="$(sed -n 's/^cluster.id=//p' "$meta")"
    [[ "$have" == "$cid" ]] || die "node $id is formatted for cluster '$have', expected '$cid' (use: $0 reset --nodes $NODES)"
    return 0
  fi
  log "formatting node $id storage (cluster id $cid)"
  run_class kafka.tools.StorageTool format -t "$cid" -c "$(node_props "$id")" >/dev/null
}

format_nodes() {  # <cluster-id> <ids...>  (in parallel: each format is a JVM start)
  local cid="$1" id pids=() rc=0; shift
  for id in "$@"; do format_node "$id" "$cid" & pids+=($!); done
  for id in "${pids[@]}"; do wait "$id" || rc=1; done
  ((rc == 0)) || die "formatting storage failed"
}

# ------------------------------------------------------------------ start ----

launch_node() {  # <id>
  local id="$1" heap pidf logf props
  pidf="$(node_pidf "$id")"; logf="$(node_log "$id")"; props="$(node_props "$id")"
  if [[ "$CLUSTER" == single ]]; then heap="${BANGKOM_KAFKA_HEAP:-512m}"; else heap="${BANGKOM_KAFKA_HEAP:-384m}"; fi
  local p extra=()
  # shellcheck disable=SC2206  # word splitting of the user's extra options is intended
  [[ -n "${BANGKOM_KAFKA_JVM_OPTS:-}" ]] && extra=($BANGKOM_KAFKA_JVM_OPTS)
  for p in "$(broker_port "$id")" "$(controller_port "$id")"; do
    port_open "$p" && die "port $p is already in use by another process (node $id of $CLUSTER is not running)"
  done
  rm -f "$pidf"
  printf '\n===== %s starting node %s =====\n' "$(date -Is)" "$id" >>"$logf"
  # setsid: own session, so the broker outlives the calling shell / job group.
  # 8>&- 9>&-: the broker must not inherit (and so hold forever) our flock fds.
  # The inner bash writes its own pid and then execs java, so the pid is java's.
  # shellcheck disable=SC2016
  nohup setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' kafka-launch "$pidf" \
    "$JAVA" -server -Xmx"$heap" -Xms"$heap" \
      -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
      -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError \
      -Djava.awt.headless=true \
      -Dlog4j2.configurationFile="$LOG4J_CONF" -Dkafka.logs.dir="$(node_dir "$id")" \
      "${extra[@]+"${extra[@]}"}" \
      -cp "$LIBS_DIR/*" kafka.Kafka "$props" \
    >>"$logf" 2>&1 </dev/null 8>&- 9>&- &
  local i
  for i in $(seq 1 40); do [[ -s "$pidf" ]] && break; sleep 0.05; done
  [[ -s "$pidf" ]] || die "node $id did not write its pid file"
  log "started node $id (pid $(cat "$pidf"), broker 127.0.0.1:$(broker_port "$id"), log $logf)"
}

# True when an admin client talking to this node alone can list topics.
node_ready() {  # <id>
  local port; port="$(broker_port "$1")"
  port_open "$port" || return 1
  local cfg="$CLUSTER_DIR/.admin.properties" CMD
  # a short-lived, small JVM: C1 only, serial GC
  TOOL_JVM_OPTS=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto)
  BANGKOM_KAFKA_TOOL_HEAP=128m BANGKOM_KAFKA_TOOL_LOG_LEVEL=ERROR \
    tool_cmd org.apache.kafka.tools.TopicCommand \
      --bootstrap-server "127.0.0.1:$port" --command-config "$cfg" --list
  TOOL_JVM_OPTS=()
  timeout 20 "${CMD[@]}" >/dev/null 2>&1
}

wait_ready() {  # <ids...>
  local deadline=$(( $(date +%s) + START_TIMEOUT )) id pending=("$@") still
  printf 'request.timeout.ms=5000\ndefault.api.timeout.ms=8000\n' >"$CLUSTER_DIR/.admin.properties"
  while ((${#pending[@]})); do
    still=()
    for id in "${pending[@]}"; do
      if ! node_pid "$id" >/dev/null; then
        log "node $id exited during startup; last lines of $(node_log "$id"):"
        tail -n 30 "$(node_log "$id")" >&2 || true
        return 1
      fi
    done
    # admin-client check (a JVM each) only for nodes whose port is open, in parallel
    local jobs=() ids=()
    for id in "${pending[@]}"; do
      if port_open "$(broker_port "$id")"; then node_ready "$id" & jobs+=($!); ids+=("$id")
      else still+=("$id"); fi
    done
    local i
    for i in "${!jobs[@]}"; do wait "${jobs[$i]}" || still+=("${ids[$i]}"); done
    pending=("${still[@]+"${still[@]}"}")
    ((${#pending[@]})) || break
    if (( $(date +%s) >= deadline )); then
      log "timed out after ${START_TIMEOUT}s waiting for node(s) ${pending[*]}"
      for id in "${pending[@]}"; do tail -n 20 "$(node_log "$id")" >&2 || true; done
      return 1
    fi
    sleep "$POLL"
  done
}

# True when every node's ports are taken by brokers this checkout did not start
# (another checkout's, or one run by hand) and they answer an admin client.
external_cluster_answers() {
  local id
  for id in "${NODE_IDS[@]}"; do
    node_pid "$id" >/dev/null && return 1
    port_open "$(broker_port "$id")" || return 1
  done
  printf 'request.timeout.ms=5000\ndefault.api.timeout.ms=8000\n' >"$CLUSTER_DIR/.admin.properties"
  for id in "${NODE_IDS[@]}"; do node_ready "$id" || return 1; done
}

lock_cluster() {
  mkdir -p "$CLUSTER_DIR"
  exec 9>"$CLUSTER_DIR/.lock"
  flock -w 180 9 || die "another kafka.sh is operating on $CLUSTER for too long"
}

cmd_start() {
  check_java
  ensure_jars
  lock_cluster
  local id started=() cid
  for id in "${NODE_IDS[@]}"; do node_pid "$id" >/dev/null || started+=("$id"); done
  if ((${#started[@]})) && external_cluster_answers; then
    log "a Kafka broker started elsewhere answers on $(bootstrap_servers); using it"
    echo "KAFKA_BOOTSTRAP_SERVERS=$(bootstrap_servers)"
    return 0
  fi
  if ((${#started[@]})); then
    for id in "${NODE_IDS[@]}"; do write_props "$id"; done
    cid="$(cluster_id)"
    format_nodes "$cid" "${started[@]}"
    for id in "${started[@]}"; do launch_node "$id"; done
  fi
  local t0=$SECONDS
  if ! wait_ready "${NODE_IDS[@]}"; then
    if ((${#started[@]})); then
      log "stopping the node(s) started by this call: ${started[*]}"
      for id in "${started[@]}"; do stop_node "$id" || true; done
    fi
    die "Kafka ($CLUSTER) did not become ready"
  fi
  if ((${#started[@]})); then
    log "Kafka $KAFKA_VERSION ($CLUSTER, ${#NODE_IDS[@]} node(s)) ready after $((SECONDS - t0))s of waiting"
  else
    log "Kafka ($CLUSTER) already running and ready"
  fi
  echo "KAFKA_BOOTSTRAP_SERVERS=$(bootstrap_servers)"
}

# ------------------------------------------------------------------- stop ----

# Wait (with a deadline, then SIGKILL) until <pid> of node <id> is gone.
wait_gone() {  # <id> <pid>
  local id="$1" pid="$2" deadline=$(( $(date +%s) + STOP_TIMEOUT ))
  while kill -0 "$pid" 2>/dev/null && [[ "$(proc_state "$pid")" != Z ]]; do
    if (( $(date +%s) >= deadline )); then
      log "node $id (pid $pid) still alive after ${STOP_TIMEOUT}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
  rm -f "$(node_pidf "$id")"
  log "stopped node $id (pid $pid)"
}

term_node() {  # <pid>
  kill -TERM "$1" 2>/dev/null || true
  kill -CONT "$1" 2>/dev/null || true   # a paused node must run to handle SIGTERM
}

stop_node() {  # <id>
  local id="$1" pid
  if ! pid="$(node_pid "$id")"; then rm -f "$(node_pidf "$id")"; return 0; fi
  term_node "$pid"
  wait_gone "$id" "$pid"
}

cmd_stop() {
  [[ -d "$CLUSTER_DIR" ]] || { log "nothing to stop ($CLUSTER)"; return 0; }
  lock_cluster
  local id pid ids=() pids=()
  for id in "${NODE_IDS[@]}"; do
    if pid="$(node_pid "$id")"; then ids+=("$id"); pids+=("$pid")
    else rm -f "$(node_pidf "$id")"; fi
  done
  ((${#ids[@]})) || { log "Kafka ($CLUSTER) not running"; return 0; }
  # SIGTERM all nodes at once so a multi-node cluster shuts down in parallel
  kill -TERM "${pids[@]}" 2>/dev/null || true
  kill -CONT "${pids[@]}" 2>/dev/null || true   # paused nodes must run to handle SIGTERM

  # A broker's controlled shutdown needs an active controller. When the whole
  # 3-node cluster stops, the last node(s) standing have lost the controller
  # quorum and would wait for Kafka's 5-minute shutdown timeout; once fewer
  # than a majority of nodes remain, give them a short grace and then SIGKILL.
  local majority=$(( ${#NODE_IDS[@]} / 2 + 1 )) now lost_at=0 i alive
  local deadline=$(( $(date +%s) + STOP_TIMEOUT )) grace=5
  while :; do
    alive=()
    for i in "${!ids[@]}"; do
      pid="${pids[$i]}"
      if kill -0 "$pid" 2>/dev/null && [[ "$(proc_state "$pid")" != Z ]]; then alive+=("$i")
      elif [[ -e "$(node_pidf "${ids[$i]}")" ]]; then
        rm -f "$(node_pidf "${ids[$i]}")"; log "stopped node ${ids[$i]} (pid $pid)"
      fi
    done
    ((${#alive[@]})) || break
    now=$(date +%s)
    if (( ${#NODE_IDS[@]} > 1 && ${#alive[@]} < majority )); then
      (( lost_at )) || lost_at=$now
    fi
    if (( now >= deadline )) || (( lost_at && now - lost_at >= grace )); then
      for i in "${alive[@]}"; do
        if (( now >= deadline )); then
          log "node ${ids[$i]} (pid ${pids[$i]}) still alive after ${STOP_TIMEOUT}s, sending SIGKILL"
        else
          log "node ${ids[$i]} (pid ${pids[$i]}) is stuck in controlled shutdown without a controller quorum, sending SIGKILL"
        fi
        kill -KILL "${pids[$i]}" 2>/dev/null || true
      done
      deadline=$(( now + 5 )); lost_at=0; grace=999999
    fi
    sleep 0.2
  done
}

# ----------------------------------------------------------------- status ----

cmd_status() {  # [explicit]
  local explicit="$1" n id pid all_up=0
  local clusters=()
  if [[ "$explicit" == 1 ]]; then clusters=("$NODES"); else clusters=(1 3); fi
  for n in "${clusters[@]}"; do
    NODES=$n; set_topology
    if [[ ! -d "$CLUSTER_DIR" ]]; then
      echo "$CLUSTER: not initialised ($CLUSTER_DIR)"; all_up=1; continue
    fi
    echo "$CLUSTER: bootstrap $(bootstrap_servers)  data $CLUSTER_DIR"
    for id in "${NODE_IDS[@]}"; do
      if pid="$(node_pid "$id")"; then
        local st; st="$(proc_state "$pid")"
        local what=running; [[ "$st" == T ]] && what="PAUSED (SIGSTOP)"
        local lis=closed; port_open "$(broker_port "$id")" && lis=open
        echo "  node $id: $what pid=$pid broker=127.0.0.1:$(broker_port "$id") ($lis) controller=127.0.0.1:$(controller_port "$id")"
        [[ "$st" == T || "$lis" == closed ]] && all_up=1
      else
        echo "  node $id: stopped"; all_up=1
      fi
    done
  done
  if [[ "$explicit" == 1 && $all_up != 0 ]]; then return 3; fi
  return 0
}

# ---------------------------------------------------------- fault injection --

check_node_id() {
  local id="$1" x
  for x in "${NODE_IDS[@]}"; do [[ "$x" == "$id" ]] && return 0; done
  die "no node '$id' in $CLUSTER (nodes: ${NODE_IDS[*]})"
}

cmd_signal_node() {  # <KILL|STOP|CONT> <id>
  local sig="$1" id="$2" pid
  check_node_id "$id"
  pid="$(node_pid "$id")" || die "node $id of $CLUSTER is not running"
  kill -"$sig" "$pid"
  case "$sig" in
    KILL)
      local i; for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
      rm -f "$(node_pidf "$id")"; log "killed node $id (pid $pid, SIGKILL)" ;;
    STOP) log "paused node $id (pid $pid, SIGSTOP)" ;;
    CONT) log "resumed node $id (pid $pid, SIGCONT)" ;;
  esac
}

cmd_restart_node() {  # <id>
  local id="$1"
  check_node_id "$id"
  check_java; ensure_jars; lock_cluster
  node_pid "$id" >/dev/null && stop_node "$id"
  write_props "$id"
  format_nodes "$(cluster_id)" "$id"
  launch_node "$id"
  wait_ready "$id" || die "node $id did not become ready"
  log "node $id is back"
  echo "KAFKA_BOOTSTRAP_SERVERS=$(bootstrap_servers)"
}

# ------------------------------------------------------------------- main ----

main() {
  [[ $# -ge 1 ]] || usage
  local cmd="$1"; shift
  local args=() explicit_nodes=0
  case "$cmd" in
    kill-node|pause-node|resume-node|restart-node) NODES=3 ;;
  esac
  if [[ "$cmd" != tool ]]; then
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --nodes) [[ $# -ge 2 ]] || die "--nodes needs a value"; NODES="$2"; explicit_nodes=1; shift 2 ;;
        --nodes=*) NODES="${1#--nodes=}"; explicit_nodes=1; shift ;;
        -h|--help) usage ;;
        *) args+=("$1"); shift ;;
      esac
    done
    set_topology
  fi
  case "$cmd" in
    start)       cmd_start ;;
    stop)        cmd_stop ;;
    status)      cmd_status "$explicit_nodes" ;;
    reset)       cmd_stop; log "deleting $CLUSTER_DIR"; rm -rf "$CLUSTER_DIR" ;;
    bootstrap)   bootstrap_servers ;;
    fetch)       check_java; ensure_jars; echo "$LIBS_DIR" ;;
    kill-node)   [[ ${#args[@]} -eq 1 ]] || die "usage: $0 kill-node <id>";   cmd_signal_node KILL "${args[0]}" ;;
    pause-node)  [[ ${#args[@]} -eq 1 ]] || die "usage: $0 pause-node <id>";  cmd_signal_node STOP "${args[0]}" ;;
    resume-node) [[ ${#args[@]} -eq 1 ]] || die "usage: $0 resume-node <id>"; cmd_signal_node CONT "${args[0]}" ;;
    restart-node)[[ ${#args[@]} -eq 1 ]] || die "usage: $0 restart-node <id>"; cmd_restart_node "${args[0]}" ;;
    tool)
      [[ $# -ge 1 ]] || die "usage: $0 tool <MainClass> [args...]"
      check_java; ensure_jars
      local CMD; tool_cmd "$@"; exec "${CMD[@]}" ;;
    -h|--help|help) usage ;;
    *) log "unknown command '$cmd'"; usage ;;
  esac
}

main "$@"
