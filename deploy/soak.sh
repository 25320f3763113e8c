#!/usr/bin/env bash
# A soak (issue 19): mixed load on three nodes behind HAProxy for a while, minute by minute, to see whether
# anything grows or drifts:
#
#   deploy/soak.sh [MINUTES]        (default 30)
#
# Starts a cluster (deploy/cluster.sh: three nodes, HAProxy) on a fresh PostgreSQL database of its own, then runs
# load/LoadTest.java through the balancer one minute at a time (16 workers: 70% signal requests, 20% list pages,
# 10% event batches; each minute checks that 2,000 of the signal requests and 2,000 of the event batches it was told
# are stored read back, picked at random: reading back all of them took longer than the minute itself). After each minute it asks
# every node for a full GC and reads its heap after it (jcmd GC.heap_info), and prints one line a minute: requests
# per second, p99 of each kind, each node's heap after GC, the events node 1's index holds, and what the heap of
# each node grew by since minute 1 per event the index took since then. The index holds every event of its horizon
# (210 days; the load's events are a day old), so the heap grows with the events posted: the last column staying
# flat is what says that nothing else grows. Each node gets a heap of 2 GB (SIGNALS_JAVA_OPTS to change it): at the
# full rate of the 2-core machine, 30 minutes post some 20 million events. A measurement, not a test: it fails only when the
# cluster does not start or LoadTest's own checks fail. PostgreSQL on 127.0.0.1:5432 as postgres (CI's); needs what
# deploy/cluster.sh needs, and jcmd. SIGNALS_CHECK_KEEP=1 keeps the directory (logs, LoadTest output).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
minutes=${1:-30}
database=signals_soak_$$
admin_token=soak-admin-token-$$-0123456789
dir=$(mktemp -d "${TMPDIR:-/tmp}/signals-soak.XXXXXX")
say() { echo "soak: $*"; }
cleanup() {
  "$here/cluster.sh" --dir "$dir" stop >/dev/null 2>&1 || true
  dropdb -h 127.0.0.1 -U postgres --if-exists "$database" 2>/dev/null || true
  if [ -n "${SIGNALS_CHECK_KEEP:-}" ]; then say "kept $dir"; else rm -rf "$dir"; fi
}
trap cleanup EXIT
command -v jcmd >/dev/null || { echo "soak: jcmd is missing (a JDK's)" >&2; exit 1; }

createdb -h 127.0.0.1 -U postgres "$database"
base=$((20000 + RANDOM % 20000))
SIGNALS_NODES=3 SIGNALS_BALANCER_PORT=$base SIGNALS_FIRST_NODE_PORT=$((base + 1)) \
  SIGNALS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$database" SIGNALS_DB_USER=postgres \
  SIGNALS_ADMIN_TOKEN=$admin_token SIGNALS_RATE_LIMIT=0 SIGNALS_JAVA_OPTS="${SIGNALS_JAVA_OPTS:--Xmx2g}" \
  "$here/cluster.sh" --dir "$dir" start | sed 's/^/  /'

heap_after_gc() {
  local pid=$1
  jcmd "$pid" GC.run >/dev/null 2>&1 || { echo "?"; return; }
  # "garbage-first heap   total 524288K, used 81234K" -> MB used
  jcmd "$pid" GC.heap_info 2>/dev/null | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { sub("K,?", "", $(i + 1)); printf "%d", $(i + 1) / 1024; exit } }'
}

say "$minutes minutes of mixed load through http://127.0.0.1:$base"
printf '%-6s %10s %12s %12s %12s %-18s %12s %s\n' minute "req/s" "signals p99" "lists p99" "events p99" \
  "heap after GC, MB" "index events" "heap growth per event since minute 1, B (node 1, 2, 3)"
index_events() {
  curl -s --max-time 10 "http://127.0.0.1:$((base + 1))/metrics" | awk '$1 == "signals_index_events" { printf "%d", $2 }'
}
first_heaps=()
first_events=0
for minute in $(seq 1 "$minutes"); do
  out=$dir/minute-$minute.txt
  java "$root/load/LoadTest.java" --url "http://127.0.0.1:$base" --seconds 60 --workers 16 --read-back 2000 --admin-token "$admin_token" > "$out" 2>&1 \
    || { cat "$out" >&2; echo "soak: LoadTest failed in minute $minute" >&2; exit 1; }
  rate=$(awk '/^total:/ { gsub(",", "", $4); sub("/s", "", $4); print $4 }' "$out")
  p99() { awk -v kind="$1" '$1 == kind { for (i = 1; i <= NF; i++) if ($i == "p99") { print $(i + 1) $(i + 2); exit } }' "$out"; }
  heaps=()
  for k in 1 2 3; do heaps+=("$(heap_after_gc "$(cat "$dir/node$k/pid")")"); done
  events=$(index_events)
  if [ "$minute" -eq 1 ]; then first_heaps=("${heaps[@]}"); first_events=$events; fi
  growth=()
  for k in 0 1 2; do
    growth+=("$(awk -v h="${heaps[$k]}" -v h1="${first_heaps[$k]}" -v e="$events" -v e1="$first_events" \
      'BEGIN { if (e > e1 && h != "?" && h1 != "?") printf "%.1f", (h - h1) * 1048576 / (e - e1); else printf "-" }')")
  done
  printf '%-6s %10s %12s %12s %12s %-18s %12s %s\n' "$minute" "$rate" "$(p99 signal)" "$(p99 list)" "$(p99 event)" \
    "${heaps[*]}" "$events" "${growth[*]}"
done
