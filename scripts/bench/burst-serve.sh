#!/usr/bin/env bash
# A burst as a user meets it: the shipped `serve --tunnel none` (defaults: the simulator at real
# speed, maxInFlight 64, the journal in its working directory) against the standalone emulator
# with the demo catalog; N runs of provision_environment created at once through Port's API
# (POST /v1/actions/{id}/runs, N curl processes in parallel); the emulator delivers each signed
# webhook. Prints how each run ended (SUCCESS, or FAILURE with the webhook's 503) and the time from
# the first creation to the last final status.
#
# Usage: scripts/bench/burst-serve.sh [runs=200]
# Env: JAVA (java), EXAMPLES (the examples jar; default this tree's), PORT (18180)
set -euo pipefail

RUNS=${1:-200}
JAVA=${JAVA:-java}
PORT=${PORT:-18180}
EMULATOR_PORT=$((PORT + 1))
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
EXAMPLES=${EXAMPLES:-$ROOT/examples/target/port-examples.jar}
SECRET="bench-client-secret-0123456789abcdef"
API="http://127.0.0.1:$EMULATOR_PORT"
WORK=$(mktemp -d)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT
[ -f "$EXAMPLES" ] || (cd "$ROOT" && ./mvnw -o -q -pl examples -am package -DskipTests)

await_line() { # $1 = log file, $2 = text
  for _ in $(seq 1 600); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "no '$2' in $1:" >&2; cat "$1" >&2; exit 1
}

mkdir -p "$WORK/serve"
(cd "$WORK" && PORT_CLIENT_ID=bench PORT_CLIENT_SECRET="$SECRET" exec $JAVA -jar "$EXAMPLES" \
  emulator --port "$EMULATOR_PORT" --catalog demo --webhook-url "http://127.0.0.1:$PORT/" \
  > "$WORK/emulator.log" 2>&1) &
PIDS+=($!)
await_line "$WORK/emulator.log" 'Press Ctrl-C'
(cd "$WORK/serve" && PORT_API_URL="$API" PORT_CLIENT_ID=bench PORT_CLIENT_SECRET="$SECRET" \
  exec $JAVA -jar "$EXAMPLES" serve --tunnel none --port "$PORT" > "$WORK/serve.log" 2>&1) &
PIDS+=($!)
await_line "$WORK/serve.log" 'Press Ctrl-C'

TOKEN=$(curl -s -X POST "$API/v1/auth/access_token" -H 'Content-Type: application/json' \
  -d "{\"clientId\":\"bench\",\"clientSecret\":\"$SECRET\"}" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
echo "# $RUNS runs at once against serve ($($JAVA -version 2>&1 | head -1)); $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s%N)
seq 1 "$RUNS" | xargs -P "$RUNS" -I{} curl -s -o "$WORK/run-{}.json" -X POST \
  "$API/v1/actions/provision_environment/runs" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d '{"properties":{"name":"burst-{}"}}'
ids=$(sed -n 's/.*"run":{[^}]*"id":"\(r_[^"]*\)".*/\1/p; s/^{"ok":true,"run":{"id":"\(r_[^"]*\)".*/\1/p' "$WORK"/run-*.json | sort -u)
[ "$(echo "$ids" | wc -l)" -eq "$RUNS" ] || { echo "created $(echo "$ids" | wc -l) of $RUNS runs" >&2; head -c 400 "$WORK/run-1.json" >&2; exit 1; }

pending=$ids
while [ -n "$pending" ]; do
  next=""
  for id in $pending; do
    curl -s "$API/v1/actions/runs/$id" -H "Authorization: Bearer $TOKEN" > "$WORK/$id.json"
    grep -q '"status":"IN_PROGRESS"' "$WORK/$id.json" && next="$next $id"
  done
  pending=$(echo $next)
  [ -n "$pending" ] && sleep 1
done
end=$(date +%s%N)
count() { # $1 = text; how many of the runs' final JSON hold it
  local n=0 id
  for id in $ids; do grep -q "$1" "$WORK/$id.json" && n=$((n + 1)); done
  echo "$n"
}
echo "RESULT runs=$RUNS success=$(count '"status":"SUCCESS"') failure=$(count '"status":"FAILURE"')" \
  "answered_503=$(count 'status code: 503') last_final_s=$(( (end - start) / 1000000000 ))"
first=$(echo "$ids" | head -1)
grep -o '"summary":"[^"]*"' "$WORK/$first.json" | head -1 | cut -c1-240 || true
