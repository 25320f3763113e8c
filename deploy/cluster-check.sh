#!/usr/bin/env bash
# Three nodes on one fresh PostgreSQL database behind HAProxy (deploy/cluster.sh), asked what a
# user would ask through the balancer while nodes go away and come back:
#
#   deploy/cluster-check.sh
#
# An account (admin token) and a batch of events through the balancer; then signal requests, several
# a second, all the time that node 2 is stopped with a bare SIGTERM (unannounced: HAProxy learns it
# from its health checks and retries) and started again, and node 3 is restarted as planned
# (deploy/cluster.sh restart-node: out of HAProxy first). Every signal request must answer 200.
# PostgreSQL on 127.0.0.1:5432, user postgres without a password (CI's); it creates a database of
# its own and drops it at the end, and stops everything it started. Needs java, psql's createdb and
# dropdb, curl, jq, haproxy and socat (installed from Debian packages when missing and root).
# SIGNALS_CHECK_KEEP=1 keeps its state directory (the nodes' logs, haproxy.cfg) for a look afterwards.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cluster=$here/cluster.sh
pg_host=${PGHOST:-127.0.0.1}
pg_user=${PGUSER:-postgres}
database=signals_cluster_check_$$
admin_token=cluster-check-admin-token-$$-0123456789

check_name="cluster check"
# shellcheck source=deploy/cluster-check-setup.sh
source "$here/cluster-check-setup.sh"

# --- tools ---------------------------------------------------------------------------------------
require_tools "haproxy socat curl jq" "java createdb dropdb"

# --- a state directory, ports and a database of its own, all removed at the end ------------------
traffic_pid=
stop_own_work() {
  if [ -n "$traffic_pid" ]; then kill "$traffic_pid" 2>/dev/null || true; wait "$traffic_pid" 2>/dev/null || true; fi
}
prepare_check signals-cluster-check
pick_free_ports
create_check_database

# --- start --------------------------------------------------------------------------------------
started=$SECONDS
SIGNALS_NODES=3 SIGNALS_BALANCER_PORT=$base SIGNALS_FIRST_NODE_PORT=$((base + 1)) \
  SIGNALS_DB_URL="jdbc:postgresql://$pg_host:5432/$database" SIGNALS_DB_USER=$pg_user \
  SIGNALS_ADMIN_TOKEN=$admin_token SIGNALS_JAVA_OPTS="${SIGNALS_JAVA_OPTS:--Xmx256m}" SIGNALS_START_TIMEOUT=90 \
  "$cluster" --dir "$dir" start | sed 's/^/  /' || fail "the cluster did not start (above)"
balancer=http://127.0.0.1:$base
say "the cluster is up after $((SECONDS - started)) s, balancer on $balancer"

# call METHOD PATH EXPECTED_STATUS [curl options...]: prints the body, fails on another status.
call() {
  local method=$1 path=$2 expected=$3; shift 3
  local answer status
  answer=$(curl -sS -m 10 -X "$method" -w '\n%{http_code}' "$balancer$path" "$@") || fail "$method $path: curl failed"
  status=${answer##*$'\n'}
  [ "$status" = "$expected" ] || fail "$method $path answered $status, not $expected: ${answer%$'\n'*}"
  echo "${answer%$'\n'*}"
}

# --- an account and events, through the balancer -------------------------------------------------
account=$(call POST /v1/admin/accounts 201 -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
  -d '{"name": "Cluster Check Lending", "institutionId": "cluster-check"}')
credentials="$(jq -r '.data.apiKey' <<<"$account"):$(jq -r '.data.apiSecret' <<<"$account")"
events=$(jq -c -n '{events: [range(20) | {eventId: "cluster-check-\(.)", type: "LOAN_DISBURSEMENT",
  occurredAt: "2024-07-30T08:00:00Z", phone: "+639171234567", amount: (1000 + .)}]}')
call POST /v1/events 200 -u "$credentials" -H 'Content-Type: application/json' -d "$events" \
  | jq -e '.data.accepted == 20' >/dev/null || fail "the 20 events were not all accepted"
# The same batch again, most likely on another node: the journal is shared, so all are duplicates.
call POST /v1/events 200 -u "$credentials" -H 'Content-Type: application/json' -d "$events" \
  | jq -e '.data.duplicates == 20' >/dev/null || fail "the same 20 events again were not all duplicates"
say "an account and 20 events through the balancer (the same batch again: 20 duplicates)"

# --- signal requests all along, while nodes go and come back ------------------------------------
answers=$dir/answers
consent='"consent": {"type": "[Motor Loans] Terms & Conditions", "version": "2024-08",
                     "consentedWith": "I agree", "consentedAt": "2024-08-08T16:06:00Z"}'
# One line per request: "<version> <HTTP status> <node> <status> <resultCode>"; alpha and beta in turn.
send_signal_requests() {
  local version=beta answer http node body
  while :; do
    if [ $version = alpha ]; then version=beta; else version=alpha; fi
    answer=$(curl -s -m 10 -u "$credentials" -H 'Content-Type: application/json' \
      -w '\n%{http_code} %header{x-signals-node}' "$balancer/v1/$version/signals" \
      -d "{\"phone\": \"+639171234567\", $consent}" || true)
    read -r http node <<<"${answer##*$'\n'}" || true
    body=${answer%$'\n'*}
    echo "$version ${http:-000} ${node:--} $(jq -r '"\(.data.status // .code) \(.data.resultCode // "-")"' <<<"$body" 2>/dev/null \
      || echo '? ?')" >>"$answers"
    sleep 0.1
  done
}
traffic_started=$SECONDS
send_signal_requests &
traffic_pid=$!

# served_by K: requests HAProxy has sent node K so far (both backends).
served_by() {
  echo "show stat" | socat stdio "unix-connect:$dir/haproxy.sock" \
    | awk -F, -v node="node$1" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i } $2 == node { n += $col["stot"] } END { print n + 0 }'
}

# Node 2 gets a bare SIGTERM, as from a user or an orchestrator, requests flowing all along: HAProxy
# learns it only from its health checks. The node answers /health 503 at once but keeps serving for
# its shutdown grace (SIGNALS_SHUTDOWN_GRACE_MS, 3 s in cluster.sh), longer than the checks take to
# take it out (about 2 s), and only then closes its port: no request reaches a closing port.
sleep 2
pid=$(cat "$dir/node2/pid")
say "node 2 (pid $pid): SIGTERM, unannounced"
stopping=$SECONDS
kill -TERM "$pid"
# curl fails once nothing listens on the port any more (a 503 while the node drains is an answer).
while curl -s -o /dev/null -m 1 "http://127.0.0.1:$((base + 2))/health"; do
  [ $((SECONDS - stopping)) -lt 30 ] || fail "node 2 did not close its port within 30 s of SIGTERM"
  sleep 0.02
done
while kill -0 "$pid" 2>/dev/null; do
  [ $((SECONDS - stopping)) -lt 30 ] || fail "node 2 did not stop within 30 s of SIGTERM"
  sleep 0.05
done
rm -f "$dir/node2/pid"
say "node 2 exited after $((SECONDS - stopping)) s; the others serve alone for 2 s"
sleep 2
"$cluster" --dir "$dir" start-node 2 | sed 's/^/  /' || fail "node 2 did not come back (above)"
served_before=$(served_by 2)

# Node 3 is restarted as planned, requests flowing all along: out of HAProxy first, then SIGTERM
# (the requests it has in flight finish), then started, and back into HAProxy once /health says 200.
say "node 3: a planned restart (deploy/cluster.sh restart-node 3)"
"$cluster" --dir "$dir" restart-node 3 | sed 's/^/  /' || fail "node 3 did not restart (above)"
sleep 2
kill "$traffic_pid"
wait "$traffic_pid" 2>/dev/null || true
traffic_pid=

# --- what the requests got ------------------------------------------------------------------------
total=$(wc -l <"$answers")
ok=$(awk '$2 == 200' "$answers" | wc -l)
say "$total signal requests through the balancer in $((SECONDS - traffic_started)) s: $ok answered 200, $((total - ok)) did not"
# By answer and node; NO_DATA from a node that has not seen the events is the staleness of its index.
awk '{ n[$2 " " $4 " " $5 " from " $3]++ } END { for (k in n) printf "  %6d  %s\n", n[k], k }' "$answers" | sort -k2
echo "show stat" | socat stdio "unix-connect:$dir/haproxy.sock" \
  | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
             $2 == "BACKEND" { printf "  HAProxy backend %s: %d requests, %d retried, %d redispatched, %d answered 5xx\n",
                                      $1, $col["stot"], $col["wretr"], $col["wredis"], $col["hrsp_5xx"] }'

[ "$total" -ge 50 ] || fail "only $total signal requests were sent; expected about ten a second"
[ "$ok" = "$total" ] || fail "$((total - ok)) of $total signal requests through the balancer did not answer 200 (above)"
[ "$(served_by 2)" -gt "$served_before" ] || fail "HAProxy sent node 2 no request after it came back"
call GET "/v1/alpha/signals?size=1" 200 -u "$credentials" | jq -e '.data.items | length == 1' >/dev/null \
  || fail "the account's signal requests cannot be listed through the balancer"
for k in 1 2 3; do
  curl -fs -o /dev/null -m 2 "http://127.0.0.1:$((base + k))/health" || fail "node $k does not answer /health 200 at the end"
done
say "PASSED: every signal request answered 200 while node 2 was stopped and started and node 3 restarted ($((SECONDS - started)) s)"
