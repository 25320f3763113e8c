# Sourced by deploy/cluster-check.sh and deploy/crash-check.sh: what both do before their cluster starts, and the
# cleanup after it. The sourcing script sets check_name ("cluster check"), cluster (deploy/cluster.sh), pg_host,
# pg_user and database first, and may define stop_own_work, run first by the cleanup (say, to stop its traffic).
#
#   require_tools "haproxy socat curl" "java createdb dropdb"   # Debian-installable ones, then others
#   prepare_check signals-cluster-check                           # state directory and cleanup: sets dir
#   pick_free_ports                                               # four free ports in a row: sets base
#   create_check_database                                         # the database of its own, dropped at the end

say() { echo "$check_name: $*"; }
fail() { echo "$check_name FAILED: $*" >&2; exit 1; }

# require_tools INSTALLABLE OTHERS: the first (a space-separated list) installed from Debian packages when missing and
# root, the second required as they are.
require_tools() {
  local missing=() tool
  for tool in $1; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing ${missing[*]} from Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
    missing=()
  fi
  [ ${#missing[@]} -eq 0 ] || fail "missing ${missing[*]} (apt-get install ${missing[*]})"
  for tool in $2; do command -v "$tool" >/dev/null || fail "$tool is missing"; done
}

# prepare_check PREFIX: a state directory of its own ($dir), removed at the end with everything started in it.
prepare_check() {
  dir=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
  database_created=
  trap cleanup_check EXIT
  trap 'exit 143' TERM INT # so that the cleanup runs on these too
}

cleanup_check() {
  local status=$?
  if declare -F stop_own_work >/dev/null; then stop_own_work; fi
  if [ -f "$dir/cluster.env" ]; then "$cluster" --dir "$dir" stop >/dev/null 2>&1 || true; fi
  # Whatever a failed stop left running (cluster.sh kills after 30 s; this is for an interrupted one).
  for pid_file in "$dir"/node*/pid "$dir/haproxy.pid"; do
    if [ -f "$pid_file" ]; then kill -KILL "$(cat "$pid_file")" 2>/dev/null || true; fi
  done
  if [ "$status" != 0 ]; then
    for log in "$dir"/node*/node.log; do
      [ -f "$log" ] || continue
      echo "--- last lines of $log" >&2
      tail -n 15 "$log" | sed 's/^/  | /' >&2
    done
  fi
  if [ -n "$database_created" ]; then dropdb -h "$pg_host" -U "$pg_user" --if-exists "$database" || true; fi
  if [ -n "${SIGNALS_CHECK_KEEP:-}" ]; then say "logs kept in $dir"; else rm -rf "$dir"; fi
}

# A block of free ports (the balancer and three nodes) picked at random ($base), so that a check can run beside a
# cluster on the default ports or another check of another checkout.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_free_ports() {
  local candidate
  base=
  for _ in $(seq 1 20); do
    candidate=$((20000 + RANDOM % 20000))
    if port_free "$candidate" && port_free $((candidate + 1)) && port_free $((candidate + 2)) && port_free $((candidate + 3)); then
      base=$candidate
      return
    fi
  done
  fail "found no four free ports in a row"
}

create_check_database() {
  createdb -h "$pg_host" -U "$pg_user" "$database" || fail "cannot create database $database as $pg_user on $pg_host"
  database_created=yes
}
