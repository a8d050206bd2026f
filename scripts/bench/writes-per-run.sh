#!/usr/bin/env bash
# Writes per run as a user runs it (issue #17): the standalone emulator with the demo catalog,
# `serve --tunnel none --speed fast` (the simulator handler) against it, and RUNS runs of
# provision_environment started with `trigger --wait`, one after another. Then the emulator's
# request journal (GET /__emulator/requests) is counted per run: log POSTs, PATCHes, and the
# log lines the run shows.
#
# Usage: scripts/bench/writes-per-run.sh [runs=10]
# Env: EXAMPLES (the examples jar; default this tree's), JAVA (default java),
#      PORTKIT_WRITE_COALESCING_MS (passed to serve; unset = the client's default, 0 = off),
#      SPEED (fast; real: seconds per step), EMULATOR_PORT (18180), SERVE_PORT (18181).
set -euo pipefail

RUNS=${1:-10}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
EXAMPLES=${EXAMPLES:-$ROOT/examples/target/port-examples.jar}
JAVA=${JAVA:-java}
EMULATOR_PORT=${EMULATOR_PORT:-18180}
SERVE_PORT=${SERVE_PORT:-18181}
WORK=$(mktemp -d)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

export PORT_CLIENT_ID=writes-bench PORT_CLIENT_SECRET=writes-bench-secret-0123456789
export PORT_API_URL="http://127.0.0.1:$EMULATOR_PORT" PORTKIT_MASKING_KEY=writes-bench-masking-key
(cd "$WORK" && exec $JAVA -jar "$EXAMPLES" emulator --port "$EMULATOR_PORT" --catalog demo \
  --webhook-url "http://127.0.0.1:$SERVE_PORT/" > "$WORK/emulator.log" 2>&1) &
PIDS+=($!)
for _ in $(seq 1 300); do grep -q 'Press Ctrl-C' "$WORK/emulator.log" 2>/dev/null && break; sleep 0.1; done
(cd "$WORK" && exec $JAVA -jar "$EXAMPLES" serve --tunnel none --speed "${SPEED:-fast}" --port "$SERVE_PORT" \
  > "$WORK/serve.log" 2>&1) &
PIDS+=($!)
for _ in $(seq 1 300); do grep -q 'Press Ctrl-C' "$WORK/serve.log" 2>/dev/null && break; sleep 0.1; done
grep -q 'Press Ctrl-C' "$WORK/serve.log" || { echo "serve did not start:" >&2; cat "$WORK/serve.log" >&2; exit 1; }

for _ in $(seq 1 "$RUNS"); do
  (cd "$WORK" && $JAVA -jar "$EXAMPLES" trigger provision_environment --input name=dev --wait \
    > "$WORK/trigger.log" 2>&1) || { cat "$WORK/trigger.log" >&2; exit 1; }
done

echo "# writes per run: serve --speed ${SPEED:-fast}, PORTKIT_WRITE_COALESCING_MS=${PORTKIT_WRITE_COALESCING_MS:-default}," \
  "$RUNS runs; $($JAVA -version 2>&1 | head -1)"
curl -fsS "http://127.0.0.1:$EMULATOR_PORT/__emulator/requests" | jq -r '
  (if type == "array" then . else (.requests // []) end)
  | map(select(.path | test("^/v1/actions/runs/r_[^/]+(/logs)?$")) | select(.method != "GET"))
  | group_by(.path | capture("runs/(?<id>r_[^/]+)").id)
  | .[]
  | { id: (.[0].path | capture("runs/(?<id>r_[^/]+)").id),
      logs: map(select(.method == "POST")) | length,
      patches: map(select(.method == "PATCH")) | length }
  | "\(.id) log_lines=\(.logs) patches=\(.patches) writes=\(.logs + .patches)"'
