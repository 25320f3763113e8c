#!/usr/bin/env bash
# Starts the container image without a container engine and asks it what a user would:
#
#   smoke-test.sh [bootstrap/target/signals-image.tar]
#
# The OCI tarball's layers are unpacked, in order, into a root file system; the service is started
# from it with the image's own entrypoint, environment, user and working directory (unshare --root,
# in a mount namespace of its own with /proc and /dev, as an engine would provide them), then:
# /health, an account, an event, a signal request; SIGTERM; a clean stop; the database on the volume,
# written by the image's user. Needs root (to chroot), util-linux's unshare, jq, curl and GNU tar;
# without them it says loudly that it SKIPPED and exits 0.
set -euo pipefail

tarball=${1:-$(dirname "$0")/../../target/signals-image.tar}
admin_token=image-smoke-admin-token-0123456789

say() { echo "image smoke test: $*"; }
skip() { echo "*** image smoke test SKIPPED: $* ***" >&2; exit 0; }
fail() { echo "image smoke test FAILED: $*" >&2; [ -n "${log:-}" ] && [ -f "$log" ] && sed 's/^/  | /' "$log" >&2; exit 1; }

[ -f "$tarball" ] || fail "no image tarball at $tarball (build it: mvn -Pimage -DskipTests package)"
[ "$(id -u)" = 0 ] || skip "it needs root to chroot into the image"
for tool in unshare jq curl tar; do
  command -v "$tool" >/dev/null || skip "$tool is missing"
done
unshare --mount true 2>/dev/null || skip "this machine does not allow a mount namespace (unshare --mount)"

work=$(mktemp -d "${TMPDIR:-/tmp}/signals-image-smoke.XXXXXX")
root=$work/rootfs
log=$work/service.log
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- the image, as an engine reads it: index -> manifest -> config and layers --------------------
mkdir -p "$work/oci" "$root"
tar -xf "$tarball" -C "$work/oci"
blob() { echo "$work/oci/blobs/${1/://}"; }
manifest=$(blob "$(jq -r '.manifests[0].digest' "$work/oci/index.json")")
config=$(blob "$(jq -r '.config.digest' "$manifest")")
for layer in $(jq -r '.layers[].digest' "$manifest"); do
  tar --warning=no-unknown-keyword -xzf "$(blob "$layer")" -C "$root"
done
if find "$root" -name '.wh.*' | grep -q .; then fail "the layers carry whiteouts, which this unpacking does not apply"; fi

user=$(jq -r '.config.User' "$config")
workdir=$(jq -r '.config.WorkingDir' "$config")
mapfile -t entrypoint < <(jq -r '.config.Entrypoint[]' "$config")
mapfile -t environment < <(jq -r '.config.Env[]' "$config")
[[ $user =~ ^[1-9][0-9]*:[1-9][0-9]*$ ]] || fail "the image's user is '$user', not a numeric non-root uid:gid"
jq -e '.config.Volumes["/data"] and .config.ExposedPorts["7070/tcp"]' "$config" >/dev/null \
  || fail "the image declares no /data volume or no port 7070"
say "$(du -sh "$root" | cut -f1) unpacked from $(jq '.layers | length' "$manifest") layers; entrypoint ${entrypoint[*]}; user $user"

# What an engine adds at run time: mount points, /etc/hosts and /etc/resolv.conf.
mkdir -p "$root/proc" "$root/dev"
cp /etc/hosts "$root/etc/hosts"
[ -f /etc/resolv.conf ] && cp /etc/resolv.conf "$root/etc/resolv.conf"

# --- run it -----------------------------------------------------------------------------------
# One process all the way down (no fork), so $pid is the JVM's: unshare -> sh -> unshare -> java.
env -i "${environment[@]}" SIGNALS_PORT=0 SIGNALS_ADMIN_TOKEN="$admin_token" \
  unshare --mount sh -c 'root=$1 wd=$2 user=$3 && shift 3 &&
                         mount -t proc proc "$root/proc" && mount --rbind /dev "$root/dev" &&
                         exec unshare --root="$root" --wd="$wd" --setuid="${user%%:*}" --setgid="${user##*:}" -- "$@"' \
  sh "$root" "$workdir" "$user" "${entrypoint[@]}" >"$log" 2>&1 &
pid=$!

port=
for _ in $(seq 1 120); do
  port=$(grep -o 'Listening on port [0-9]*' "$log" | head -n 1 | grep -o '[0-9]*$' || true)
  [ -n "$port" ] && break
  kill -0 "$pid" 2>/dev/null || fail "the service exited before it listened"
  sleep 1
done
[ -n "$port" ] || fail "the service did not listen within 120 s"
base=http://127.0.0.1:$port
say "the service listens on port $port"

# call METHOD PATH EXPECTED_STATUS [curl options...]: prints the body, fails on another status.
call() {
  local method=$1 path=$2 expected=$3; shift 3
  local answer status
  answer=$(curl -sS -X "$method" -w '\n%{http_code}' "$base$path" "$@") || fail "$method $path: curl failed"
  status=${answer##*$'\n'}
  [ "$status" = "$expected" ] || fail "$method $path answered $status, not $expected: ${answer%$'\n'*}"
  echo "${answer%$'\n'*}"
}

call GET /health 200 | jq -e '.code == "OK" and .data.status == "UP"' >/dev/null || fail "/health is not UP"
account=$(call POST /v1/admin/accounts 201 -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
  -d '{"name": "Image Smoke Lending", "institutionId": "image-smoke"}')
credentials="$(jq -r '.data.apiKey' <<<"$account"):$(jq -r '.data.apiSecret' <<<"$account")"
call POST /v1/events 200 -u "$credentials" -H 'Content-Type: application/json' -d '{"events": [
  {"eventId": "smoke-1", "type": "LOAN_DISBURSEMENT", "occurredAt": "2024-07-30T08:00:00Z",
   "phone": "+639171234567", "amount": 5000}]}' | jq -e '.data.accepted == 1' >/dev/null || fail "the event was not accepted"
call POST /v1/alpha/signals 200 -u "$credentials" -H 'Content-Type: application/json' -d '{"phone": "+639171234567",
  "consent": {"type": "T&C", "version": "1", "consentedWith": "I agree", "consentedAt": "2024-08-08T16:06:00Z"}}' \
  | jq -e '.data.status == "COMPLETED" and .data.resultCode == "SUCCESS" and .data.result.events_loan_disbursement_days_since_last >= 0' \
  >/dev/null || fail "the signal request did not complete with SUCCESS"
say "/health UP; an account, an event and a signal request answered as the contract says"

# --- stop it as an engine does ----------------------------------------------------------------
kill -TERM "$pid"
for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
kill -0 "$pid" 2>/dev/null && fail "the service did not stop within 30 s of SIGTERM"
wait "$pid" || true
pid=
grep -q 'Database connections closed' "$log" || fail "the service did not close its database on SIGTERM"
database=$root/data/signals.mv.db
[ -f "$database" ] || fail "no database on the volume (/data/signals.mv.db)"
[ "$(stat -c %u:%g "$database")" = "$user" ] || fail "the database belongs to $(stat -c %u:%g "$database"), not the image's user $user"
say "stopped cleanly on SIGTERM; /data/signals.mv.db written by $user"
# A runtime short of a module or a library says so in the log before anything fails.
if grep -iE '\b(warn|warning|error|exception)\b' "$log" >&2; then fail "the service logged the warnings or errors above"; fi
say "PASSED ($(basename "$tarball"), $(jq -r '.manifests[0].digest' "$work/oci/index.json"))"
