#!/usr/bin/env bash
# Several Signals nodes on loopback against one PostgreSQL database, behind HAProxy:
#
#   deploy/cluster.sh [--dir DIR] start | stop | status | stop-node K | start-node K | restart-node K
#
# Each node is its own `java -jar` process on port SIGNALS_FIRST_NODE_PORT+K-1, with its own data
# directory; HAProxy balances them round-robin on SIGNALS_BALANCER_PORT, checks GET /health every
# second, and retries a request on another node where that cannot do harm (see haproxy_config; a
# signal request gets an Idempotency-Key for that).
# HAProxy runs as a daemon of its own (config, pid file and admin socket in the state directory),
# never as the system service.
#
# Settings, read by `start` and kept in DIR/cluster.env for the other commands:
#   SIGNALS_NODES            3
#   SIGNALS_DB_URL           jdbc:postgresql://127.0.0.1:5432/test
#   SIGNALS_DB_USER          postgres
#   SIGNALS_DB_PASSWORD      none; read from the environment by every command that starts a node, never stored
#   SIGNALS_JAR              bootstrap/target/signals.jar of this repository
#   SIGNALS_BALANCER_PORT    7100
#   SIGNALS_FIRST_NODE_PORT  7101 (node K listens on 7100+K)
#   SIGNALS_ADMIN_TOKEN      generated and printed when unset; every node gets the same one
#   SIGNALS_JAVA_OPTS        JVM options of every node, e.g. -Xmx512m
#   SIGNALS_START_TIMEOUT    120 (seconds a node may take to answer /health 200)
#   SIGNALS_CLUSTER_DIR      target/cluster of this repository (or --dir): pids, logs, data, haproxy.cfg
# Other SIGNALS_* variables of the environment (SIGNALS_LOG_FORMAT, SIGNALS_RATE_LIMIT, ...) reach the nodes.
# Needs java, curl, haproxy and socat (the last two are installed from Debian packages when missing and root).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)

say() { echo "cluster: $*"; }
die() { echo "cluster: $*" >&2; exit 1; }

usage() {
  sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

# --- settings ----------------------------------------------------------------------------------

dir=${SIGNALS_CLUSTER_DIR:-$root/target/cluster}
if [ "${1:-}" = --dir ]; then
  [ $# -ge 2 ] || usage 2
  dir=$2
  shift 2
fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
settings=$dir/cluster.env

# The settings of the cluster at start; the other commands use those kept in $settings, so that a
# node restarted from another shell gets the same database, ports and admin token as the others.
settings_from_environment() {
  nodes=${SIGNALS_NODES:-3}
  db_url=${SIGNALS_DB_URL:-jdbc:postgresql://127.0.0.1:5432/test}
  db_user=${SIGNALS_DB_USER:-postgres}
  jar=${SIGNALS_JAR:-$root/bootstrap/target/signals.jar}
  balancer_port=${SIGNALS_BALANCER_PORT:-7100}
  first_node_port=${SIGNALS_FIRST_NODE_PORT:-7101}
  java_opts=${SIGNALS_JAVA_OPTS:-}
  start_timeout=${SIGNALS_START_TIMEOUT:-120}
  admin_token=${SIGNALS_ADMIN_TOKEN:-}
  token_generated=
  if [ -z "$admin_token" ]; then
    admin_token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
    token_generated=yes
  fi
  [[ $nodes =~ ^[1-9][0-9]?$ ]] || die "SIGNALS_NODES must be 1..99, was '$nodes'"
  [ "${#admin_token}" -ge 16 ] || die "SIGNALS_ADMIN_TOKEN must have at least 16 characters"
  [ -f "$jar" ] || die "no jar at $jar (build it: mvn -q -DskipTests package)"
  jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")
}

save_settings() {
  local name
  (umask 077 && for name in nodes db_url db_user jar balancer_port first_node_port java_opts start_timeout admin_token; do
     printf '%s=%q\n' "$name" "${!name}"
   done >"$settings")
}

load_settings() {
  [ -f "$settings" ] || die "no cluster in $dir (start one: $0 --dir $dir start)"
  # shellcheck source=/dev/null
  source "$settings"
}

node_port() { echo $((first_node_port + $1 - 1)); }
node_dir() { echo "$dir/node$1"; }
haproxy_pid_file=$dir/haproxy.pid
haproxy_socket=$dir/haproxy.sock

# pid_alive FILE: the pid in FILE is a running process.
# port_taken PORT: something listens on 127.0.0.1:PORT.
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

check_node_number() {
  [[ ${1:-} =~ ^[1-9][0-9]*$ ]] && [ "$1" -le "$nodes" ] || die "no node '${1:-}': nodes are 1..$nodes"
}

ensure_tools() {
  local missing=()
  command -v haproxy >/dev/null || missing+=(haproxy)
  command -v socat >/dev/null || missing+=(socat)
  command -v curl >/dev/null || missing+=(curl)
  if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing ${missing[*]} from Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
    missing=()
  fi
  [ ${#missing[@]} -eq 0 ] || die "missing ${missing[*]}: install them (apt-get install ${missing[*]})"
  command -v java >/dev/null || die "java is missing"
}

# --- HAProxy ---------------------------------------------------------------------------------

# Which requests HAProxy may send again to another node, and when:
# - a connection that could not be made ("conn-failure"): the request never left HAProxy, so any
#   request is retried;
# - a 503 from a node: the service answers 503 only when it wrote nothing (a node that is stopping
#   refuses new requests with 503 before any handler runs; a database it cannot reach makes it say
#   "nothing was written, please retry"), so any request is retried;
# - a connection closed without an answer ("empty-response") or no answer in time
#   ("response-timeout"): the node may have done the work. Only requests that can be repeated
#   without a second effect are retried then: GET and HEAD, PUT (the admin's selection and
#   templates: the same body sets the same state), POST /v1/events (events are idempotent by
#   eventId: the second attempt counts the events of the first as duplicates), POST
#   /v1/events/retractions (the second attempt counts the first's as alreadyRetracted) and POST
#   /v1/alpha|beta/signals, which carry an Idempotency-Key: HAProxy sets one ("haproxy-" and a
#   random UUID, unique across time and HAProxy restarts) on every signal request that comes without
#   one, and leaves a client's own unchanged. An account stores at most one signal request under a
#   key, and a repeat of the key with the same body answers the stored request (same id and values,
#   header Idempotent-Replayed: true) instead of computing a new one. A node that died in the middle
#   of a signal request either stored it, and then the retry answers it, or did not, and then the
#   retry computes it: either way one request is stored, answered once to the client. HAProxy sends
#   the same header on every retry (it is set once, before the first attempt). Not retried: POST
#   /v1/admin/accounts and POST /v1/consentTemplates (a second account or template), DELETE (the
#   second attempt would answer 404).
# The two backends hold the same nodes; the second tracks the first's health checks.
# HAProxy can retry only a request it still holds whole: bodies up to about 15 KiB (tune.bufsize);
# larger event batches are retried on connection failures only.
haproxy_config() {
  local k
  cat <<EOF
# Generated by deploy/cluster.sh; rewritten at every start.
global
    daemon
    pidfile $haproxy_pid_file
    stats socket $haproxy_socket mode 600 level admin
    # A soft stop waits for requests in flight, but not forever.
    hard-stop-after 30s

defaults
    mode http
    timeout connect 1s
    timeout client 60s
    timeout server 60s
    timeout http-request 30s
    timeout check 2s
    # Hold small bodies whole before choosing a node, so that they can be sent again.
    option http-buffer-request
    retries 3
    # Every retry goes to another node, not the one that just failed.
    option redispatch 1
    option httpchk GET /health
    http-check expect status 200
    default-server inter 1s fall 2 rise 2

frontend signals
    bind 127.0.0.1:$balancer_port
    # Which node answered, for a user looking at a cluster (nothing secret on loopback).
    http-response set-header X-Signals-Node %[srv_name]
    # A signal request without an Idempotency-Key gets one of HAProxy's, so that it can be resent (see above).
    http-request set-header Idempotency-Key haproxy-%[uuid()] if { method POST } { path /v1/alpha/signals /v1/beta/signals } !{ req.hdr(Idempotency-Key) -m found }
    use_backend signals_idempotent if METH_GET or { method HEAD PUT } or { method POST } { path /v1/events /v1/events/retractions /v1/alpha/signals /v1/beta/signals }
    default_backend signals

# Any request: retried where nothing was done.
backend signals
    balance roundrobin
    retry-on conn-failure 503
EOF
  for k in $(seq 1 "$nodes"); do
    echo "    server node$k 127.0.0.1:$(node_port "$k") check"
  done
  cat <<EOF

# Requests that can be repeated: retried also where the node may have done the work.
backend signals_idempotent
    balance roundrobin
    retry-on conn-failure empty-response response-timeout 503
EOF
  for k in $(seq 1 "$nodes"); do
    echo "    server node$k 127.0.0.1:$(node_port "$k") track signals/node$k"
  done
}

haproxy_cli() { echo "$1" | socat stdio "unix-connect:$haproxy_socket"; }

# haproxy_state K: HAProxy's view of node K (UP, DOWN, MAINT, "UP 1/2" while it changes...).
haproxy_state() {
  { haproxy_cli "show stat" 2>/dev/null || true; } \
    | awk -F, -v node="node$1" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
                                $1 == "signals" && $2 == node { print $col["status"] }'
}

start_haproxy() {
  if pid_alive "$haproxy_pid_file"; then
    say "HAProxy already runs (pid $(cat "$haproxy_pid_file"))"
    return
  fi
  haproxy_config >"$dir/haproxy.cfg"
  haproxy -c -f "$dir/haproxy.cfg" >/dev/null || die "HAProxy refuses $dir/haproxy.cfg"
  haproxy -f "$dir/haproxy.cfg" || die "HAProxy did not start (is port $balancer_port free?)"
  say "HAProxy (pid $(cat "$haproxy_pid_file")) balances on 127.0.0.1:$balancer_port"
}

stop_haproxy() {
  pid_alive "$haproxy_pid_file" || return 0
  local pid
  pid=$(cat "$haproxy_pid_file")
  kill -USR1 "$pid" # soft stop: no new connections, requests in flight finish
  for _ in $(seq 1 175); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
  rm -f "$haproxy_pid_file"
  say "HAProxy stopped"
}

# wait_haproxy_up K: until HAProxy's health checks see node K up again (it sends it nothing before).
wait_haproxy_up() {
  local state
  for _ in $(seq 1 30); do
    state=$(haproxy_state "$1")
    [ "$state" = UP ] && return 0
    sleep 0.5
  done
  die "HAProxy does not see node $1 up after 15 s (its state: ${state:-unknown})"
}

# --- nodes -----------------------------------------------------------------------------------

launch_node() {
  local k=$1 port nd
  port=$(node_port "$k")
  nd=$(node_dir "$k")
  if pid_alive "$nd/pid"; then
    say "node $k already runs (pid $(cat "$nd/pid"))"
    return
  fi
  if port_taken "$port"; then die "port $port of node $k is taken by another process"; fi
  mkdir -p "$nd/data"
  # A node told to stop keeps serving for 3 s while its /health already answers 503: HAProxy's checks
  # (every second, out after two failures) take it out before it closes its port, so no request is lost.
  # shellcheck disable=SC2086 # java_opts are words
  SIGNALS_PORT=$port SIGNALS_DB_URL=$db_url SIGNALS_DB_USER=$db_user SIGNALS_DATA_DIR=$nd/data \
    SIGNALS_ADMIN_TOKEN=$admin_token SIGNALS_SHUTDOWN_GRACE_MS=${SIGNALS_SHUTDOWN_GRACE_MS:-3000} \
    nohup java $java_opts -jar "$jar" >>"$nd/node.log" 2>&1 </dev/null &
  echo $! >"$nd/pid"
  say "node $k (pid $!) starting on port $port, log $nd/node.log"
}

# wait_node_ready K: until node K answers GET /health 200 (it does once it caught up with the journal).
wait_node_ready() {
  local k=$1 nd deadline
  nd=$(node_dir "$k")
  deadline=$((SECONDS + start_timeout))
  until curl -fs -o /dev/null -m 2 "http://127.0.0.1:$(node_port "$k")/health"; do
    if ! pid_alive "$nd/pid"; then
      tail -n 20 "$nd/node.log" | sed 's/^/  | /' >&2
      die "node $k exited while starting (log above, all of it in $nd/node.log)"
    fi
    [ $SECONDS -lt $deadline ] || die "node $k did not answer /health 200 within $start_timeout s (log: $nd/node.log)"
    sleep 0.5
  done
  say "node $k ready on port $(node_port "$k")"
}

# stop_node_process K: SIGTERM, as a user or an orchestrator would; the node answers 503 to new
# requests, lets the ones in flight finish (up to 20 s), then exits.
stop_node_process() {
  local k=$1 nd pid
  nd=$(node_dir "$k")
  pid_alive "$nd/pid" || { rm -f "$nd/pid"; return 0; }
  pid=$(cat "$nd/pid")
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "cluster: node $k did not stop within 30 s of SIGTERM; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$nd/pid"
  say "node $k stopped"
}

# A planned stop takes the node out of HAProxy first (maintenance), so that no request is sent to
# it while it drains; an unplanned one (SIGTERM from elsewhere, a crash) is covered by the health
# checks and the retries.
stop_node() {
  check_node_number "$1"
  if pid_alive "$haproxy_pid_file"; then
    haproxy_cli "disable server signals/node$1" >/dev/null
  fi
  stop_node_process "$1"
}

start_node() {
  check_node_number "$1"
  launch_node "$1"
  wait_node_ready "$1"
  if pid_alive "$haproxy_pid_file"; then
    haproxy_cli "enable server signals/node$1" >/dev/null
    wait_haproxy_up "$1"
    say "HAProxy sends node $1 requests again"
  fi
}

# --- commands ----------------------------------------------------------------------------------

cmd_start() {
  if [ -f "$settings" ]; then
    load_settings
    for k in $(seq 1 "$nodes"); do
      if pid_alive "$(node_dir "$k")/pid"; then die "a cluster already runs in $dir (stop it first: $0 --dir $dir stop)"; fi
    done
    if pid_alive "$haproxy_pid_file"; then die "a cluster already runs in $dir (stop it first: $0 --dir $dir stop)"; fi
  fi
  settings_from_environment
  ensure_tools
  if port_taken "$balancer_port"; then die "port $balancer_port of the balancer is taken by another process"; fi
  save_settings
  # A start that fails half-way stops what it started, instead of leaving nodes behind.
  trap 'status=$?; if [ $status != 0 ]; then echo "cluster: start failed; stopping what it started" >&2; cmd_stop >&2; fi' EXIT
  say "$nodes node(s) on $db_url as $db_user, state in $dir"
  # All nodes start at once; each is waited for in turn, each within its own timeout.
  for k in $(seq 1 "$nodes"); do launch_node "$k"; done
  for k in $(seq 1 "$nodes"); do wait_node_ready "$k"; done
  start_haproxy
  for k in $(seq 1 "$nodes"); do wait_haproxy_up "$k"; done
  trap - EXIT
  echo
  say "up: http://127.0.0.1:$balancer_port (nodes on ports $(node_port 1)..$(node_port "$nodes"))"
  if [ -n "$token_generated" ]; then
    say "admin token (generated; every node has it): $admin_token"
  else
    say "admin token: the one in SIGNALS_ADMIN_TOKEN"
  fi
  say "try: curl -s http://127.0.0.1:$balancer_port/health"
}

cmd_stop() {
  load_settings
  stop_haproxy
  # The nodes drain in parallel: a stop takes one drain, not one per node.
  for k in $(seq 1 "$nodes"); do stop_node_process "$k" & done
  wait
  say "stopped (logs and data stay in $dir)"
}

cmd_status() {
  load_settings
  local k nd pid health
  if pid_alive "$haproxy_pid_file"; then
    say "HAProxy (pid $(cat "$haproxy_pid_file")) on http://127.0.0.1:$balancer_port"
  else
    say "HAProxy is not running"
  fi
  for k in $(seq 1 "$nodes"); do
    nd=$(node_dir "$k")
    pid=stopped
    if pid_alive "$nd/pid"; then pid="pid $(cat "$nd/pid")"; fi
    health=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$(node_port "$k")/health" || true)
    say "node $k: port $(node_port "$k"), $pid, /health ${health/000/no answer}, HAProxy: $(haproxy_state "$k" | grep . || echo -)"
  done
}

command=${1:-}
case "$command" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  stop-node) load_settings; stop_node "${2:-}" ;;
  start-node) load_settings; ensure_tools; start_node "${2:-}" ;;
  restart-node) load_settings; ensure_tools; stop_node "${2:-}"; start_node "${2:-}" ;;
  -h | --help | help) usage 0 ;;
  *) usage 2 ;;
esac
