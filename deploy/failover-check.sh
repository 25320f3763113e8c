#!/usr/bin/env bash
# A PostgreSQL failover under ingestion (issue 19), on this machine:
#
#   deploy/failover-check.sh
#
# Two PostgreSQL clusters of the installed Debian version on loopback, made here from scratch: a primary
# (port 5441) and a streaming replica of it (port 5442) to which every commit is replicated synchronously
# (synchronous_standby_names, synchronous_commit = on: a commit returns once the replica has it in its WAL).
# One node of the service with a multi-host URL
#   jdbc:postgresql://127.0.0.1:5441,127.0.0.1:5442/signals?targetServerType=primary
# takes batches of events from a client (deploy/FailoverCheck.java) that retries a batch until it is
# acknowledged (batches are idempotent by eventId). Midway, the primary is killed (pg_ctl stop -m immediate:
# no shutdown checkpoint, as a crash) and, a few seconds later, the replica is promoted. Then:
#   - the node answered only 200 or 503 throughout, and 503 only while no primary answered;
#   - every acknowledged event is in the new primary's journal exactly once;
#   - the node's 108 values for a sample of subjects equal those of a node started afterwards, which reads the
#     whole journal from the new primary (so the running node's index neither lost nor doubled anything).
# It prints how long the node answered 503. Needs java, curl and the Debian PostgreSQL server binaries; run as
# root it runs the clusters as the postgres user. SIGNALS_CHECK_KEEP=1 keeps its directory for a look afterwards.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
jar=${SIGNALS_JAR:-$root/bootstrap/target/signals.jar}
say() { echo "failover check: $*"; }
fail() { echo "failover check FAILED: $*" >&2; exit 1; }

[ -f "$jar" ] || fail "no $jar: build it first (mvn -q install -DskipTests)"
version=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)
[ -n "$version" ] || fail "no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql)"
bin=/usr/lib/postgresql/$version/bin
for tool in java curl; do command -v "$tool" >/dev/null || fail "$tool is missing"; done

primary_port=5441
replica_port=5442
node_port=${SIGNALS_FAILOVER_NODE_PORT:-7241}
dir=$(mktemp -d "${TMPDIR:-/tmp}/signals-failover-check.XXXXXX")
chmod 755 "$dir"
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
node_pid=
cleanup() {
  local status=$?
  if [ -n "$node_pid" ]; then kill -KILL "$node_pid" 2>/dev/null || true; fi
  for cluster in primary replica; do
    if [ -f "$dir/$cluster/postmaster.pid" ]; then as_postgres "$bin/pg_ctl" -D "$dir/$cluster" stop -m immediate >/dev/null 2>&1 || true; fi
  done
  if [ "$status" != 0 ]; then
    for log in "$dir"/node*.log "$dir"/primary.log "$dir"/replica.log; do
      [ -f "$log" ] || continue
      echo "--- last lines of $log" >&2
      tail -n 20 "$log" | sed 's/^/  | /' >&2
    done
  fi
  if [ -n "${SIGNALS_CHECK_KEEP:-}" ]; then say "kept $dir"; else rm -rf "$dir"; fi
}
trap cleanup EXIT

# --- the primary and its synchronous replica ------------------------------------------------------
say "PostgreSQL $version: a primary on $primary_port and a synchronous streaming replica on $replica_port in $dir"
mkdir -p "$dir/primary" "$dir/replica" "$dir/sockets"
chmod 700 "$dir/primary" "$dir/replica"
chown -R postgres:postgres "$dir/primary" "$dir/replica" "$dir/sockets" 2>/dev/null || true
as_postgres "$bin/initdb" -D "$dir/primary" -U postgres --auth=trust -E UTF8 >/dev/null
cat >> "$dir/primary/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $primary_port
unix_socket_directories = '$dir/sockets'
wal_level = replica
max_wal_senders = 4
synchronous_standby_names = 'replica'
synchronous_commit = on
fsync = on
EOF
echo "host replication postgres 127.0.0.1/32 trust" >> "$dir/primary/pg_hba.conf"
touch "$dir/primary.log" "$dir/replica.log"; chown postgres:postgres "$dir/primary.log" "$dir/replica.log" 2>/dev/null || true
as_postgres "$bin/pg_ctl" -D "$dir/primary" -l "$dir/primary.log" -w start >/dev/null
as_postgres "$bin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres -D "$dir/replica" -R -X stream >/dev/null
sed -i "s/^port = $primary_port/port = $replica_port/" "$dir/replica/postgresql.conf"
echo "primary_conninfo = 'host=127.0.0.1 port=$primary_port user=postgres application_name=replica'" >> "$dir/replica/postgresql.auto.conf"
as_postgres "$bin/pg_ctl" -D "$dir/replica" -l "$dir/replica.log" -w start >/dev/null
as_postgres "$bin/psql" -h 127.0.0.1 -p "$primary_port" -U postgres -qc "create database signals" >/dev/null
state=$(as_postgres "$bin/psql" -h 127.0.0.1 -p "$primary_port" -U postgres -tAc "select sync_state from pg_stat_replication")
[ "$state" = sync ] || fail "the replica is not synchronous (sync_state '$state')"

# --- a node on both hosts, and a client that ingests through the failover ---------------------------
url="jdbc:postgresql://127.0.0.1:$primary_port,127.0.0.1:$replica_port/signals?user=postgres&targetServerType=primary"
admin_token=failover-check-admin-token-$$-0123456789
start_node() {
  local name=$1 port=$2
  SIGNALS_PORT=$port SIGNALS_DB_URL=$url SIGNALS_DATA_DIR=$dir/$name SIGNALS_ADMIN_TOKEN=$admin_token \
    SIGNALS_RATE_LIMIT=0 SIGNALS_INDEX_CHECKPOINT_MS=0 java -jar "$jar" > "$dir/$name.log" 2>&1 &
  echo $!
}
await_healthy() {
  for _ in $(seq 1 120); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/health")" = 200 ] && return 0
    sleep 0.5
  done
  fail "node on port $1 did not become healthy"
}
node_pid=$(start_node node $node_port)
await_healthy $node_port
say "node healthy on $node_port with $url"

# The client runs the failover itself at the right moments (FAILOVER_KILL, FAILOVER_PROMOTE), so that it can tell
# its figures apart by phase.
export FAILOVER_KILL="$bin/pg_ctl -D $dir/primary stop -m immediate"
# Promoting the replica: it keeps the primary's settings, synchronous_standby_names included, and would hold every
# commit until a standby of its own attaches; an operator (or a failover manager such as Patroni) clears it, as here.
{
  echo "set -e"
  echo "$bin/pg_ctl -D $dir/replica -w promote"
  echo "$bin/psql -h 127.0.0.1 -p $replica_port -U postgres -qc \"alter system set synchronous_standby_names = ''\" -c 'select pg_reload_conf()' >/dev/null"
} > "$dir/promote.sh"
chmod 755 "$dir/promote.sh"
export FAILOVER_PROMOTE="bash $dir/promote.sh"
export FAILOVER_AS_POSTGRES=$([ "$(id -u)" = 0 ] && echo 1 || echo 0)
java -cp "$jar" "$here/FailoverCheck.java" ingest "http://127.0.0.1:$node_port" "$admin_token" "$dir" \
  || fail "ingestion through the failover"

# --- a node started afterwards reads the whole journal from the new primary: the same answers -----
second_port=$((node_port + 1))
second_pid=$(start_node node-after $second_port)
await_healthy $second_port
java -cp "$jar" "$here/FailoverCheck.java" verify "http://127.0.0.1:$node_port" "http://127.0.0.1:$second_port" \
  "$admin_token" "$dir" "jdbc:postgresql://127.0.0.1:$replica_port/signals?user=postgres" \
  || { kill "$second_pid" 2>/dev/null || true; fail "verification after the failover"; }
kill "$second_pid" 2>/dev/null || true
kill "$node_pid" 2>/dev/null || true
wait "$node_pid" 2>/dev/null || true
node_pid=
say "passed"
