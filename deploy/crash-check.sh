#!/usr/bin/env bash
# Node crashes under a mixed load (issue 19), on this machine:
#
#   deploy/crash-check.sh
#
# Three nodes on a fresh PostgreSQL database behind HAProxy (deploy/cluster.sh), and for SIGNALS_CRASH_SECONDS (75)
# a mixed load through the balancer (deploy/CrashCheck.java load): four lenders post event batches and retract some of
# their events, two clients ask for signal requests (one with an Idempotency-Key of its own on every request, the other
# with none, so HAProxy sets one), one pages through the lists. Meanwhile a node is killed with SIGKILL every 6-10 s
# (the three in a random order first, then at random; only while two are up, so never all three down) and started again
# 1-3 s later (deploy/cluster.sh start-node). HAProxy resends to another node whatever a killed node did not answer, for
# every request of this load: GET, event batches (idempotent by eventId), retractions (alreadyRetracted) and signal
# requests (idempotent by their Idempotency-Key: a repeat answers the stored request); see cluster.sh. Clients repeat
# until answered 200 event batches, retractions and list pages, a signal request with its own key after a 503, a 502 or
# no answer, one without a key only after a 503.
# Then (deploy/CrashCheck.java verify):
#   - every acknowledged event is in the journal exactly once, every acknowledged retraction in event_retraction;
#   - the signal requests stored are exactly those answered 200, each once (a client's own key stored once);
#   - each node, asked directly, answers every subject's 108 signals as the service's own calculation does over
#     the journal's events and retractions.
# It fails on any answer other than 200 and 503 (a 502 or a connection closed without an answer included, for every
# kind of request); on fewer than three kills; and on any check above. It prints the answers by kind and status, the
# answers marked Idempotent-Replayed per signal-request client, the kills, the events acknowledged and the longest
# stretch of 503s. It takes about two minutes on a 2-core machine.
# PostgreSQL on 127.0.0.1:5432, user postgres without a password (CI's); it creates a database of its own and drops
# it at the end, and stops everything it started. Needs java, createdb, dropdb, curl, haproxy and socat (installed
# from Debian packages when missing and root). SIGNALS_CHECK_KEEP=1 keeps its state directory (logs, haproxy.cfg).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cluster=$here/cluster.sh
jar=${SIGNALS_JAR:-$root/bootstrap/target/signals.jar}
pg_host=${PGHOST:-127.0.0.1}
pg_user=${PGUSER:-postgres}
seconds=${SIGNALS_CRASH_SECONDS:-75}
database=signals_crash_check_$$
admin_token=crash-check-admin-token-$$-0123456789

check_name="crash check"
# shellcheck source=deploy/cluster-check-setup.sh
source "$here/cluster-check-setup.sh"

# --- tools ---------------------------------------------------------------------------------------
require_tools "haproxy socat curl" "java javac createdb dropdb"
[ -f "$jar" ] || fail "no $jar: build it first (mvn -q install -DskipTests)"

# --- a state directory, ports and a database of its own, all removed at the end ------------------
prepare_check signals-crash-check
pick_free_ports
create_check_database

# --- start --------------------------------------------------------------------------------------
# No rate limit (the load is the point); an index checkpoint every 5 s, so that a node is often killed while it writes
# one and a restarted node starts from its last one. These reach the nodes restarted by the load too (cluster.sh passes
# SIGNALS_* of the environment on).
export SIGNALS_RATE_LIMIT=0 SIGNALS_INDEX_CHECKPOINT_MS=5000
# A node restarted under this load on a 2-core machine spends most of its start compiling: C1 only and the serial
# collector take a restart from about 50 s to about 30 s here, enough for three or four kills in the load's time.
started=$SECONDS
SIGNALS_NODES=3 SIGNALS_BALANCER_PORT=$base SIGNALS_FIRST_NODE_PORT=$((base + 1)) \
  SIGNALS_DB_URL="jdbc:postgresql://$pg_host:5432/$database" SIGNALS_DB_USER=$pg_user \
  SIGNALS_ADMIN_TOKEN=$admin_token SIGNALS_JAVA_OPTS="${SIGNALS_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}" SIGNALS_START_TIMEOUT=90 \
  "$cluster" --dir "$dir" start | sed 's/^/  /' || fail "the cluster did not start (above)"
balancer=http://127.0.0.1:$base
say "the cluster is up after $((SECONDS - started)) s, balancer on $balancer; ${seconds} s of load with nodes killed"

# --- the load and the kills ----------------------------------------------------------------------
# Compiled once for both of its runs (java File.java would compile it each time).
javac -nowarn -cp "$jar" -d "$dir/classes" "$here/CrashCheck.java" || fail "deploy/CrashCheck.java does not compile"
check() { java -cp "$jar:$dir/classes" CrashCheck "$@"; }
status=0
check load "$balancer" "$admin_token" "$dir" "$seconds" "$cluster" || status=$?
echo "show stat" | socat stdio "unix-connect:$dir/haproxy.sock" \
  | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
             $2 == "BACKEND" { printf "  HAProxy backend %s: %d requests, %d retried, %d redispatched, %d answered 5xx\n",
                                      $1, $col["stot"], $col["wretr"], $col["wredis"], $col["hrsp_5xx"] }'
[ "$status" = 0 ] || fail "the load saw answers it should not have (above)"

# --- every node, once all are up again ------------------------------------------------------------
for k in 1 2 3; do
  for _ in $(seq 1 120); do
    [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$((base + k))/health")" = 200 ] && break
    sleep 0.5
  done
done
check verify "$admin_token" "$dir" \
  "jdbc:postgresql://$pg_host:5432/$database?user=$pg_user" \
  "http://127.0.0.1:$((base + 1))" "http://127.0.0.1:$((base + 2))" "http://127.0.0.1:$((base + 3))" \
  || fail "verification after the crashes (above)"
say "PASSED in $((SECONDS - started)) s"
