#!/usr/bin/env bash
# Intake warm-up curve: req/s in consecutive windows from a cold start, for the bare JDK server and
# portkit's POST /manual, with the same load as scripts/bench/intake.sh. It shows how long each
# server's JIT takes to settle, which is why intake.sh warms up for 30 s before it measures.
#
# Usage: scripts/bench/intake-warmup.sh [windows=12] [window_s=5]
# Prints one CSV line per window: server,window_end_s,req_per_s,jit_cpu_s_in_window
# Env: CONNECTIONS (32), WRK_THREADS (2), SERVER_THREADS (8), PORT (18081), REQUESTS (1000)
set -euo pipefail

WINDOWS=${1:-12}
WINDOW=${2:-5}
CONNECTIONS=${CONNECTIONS:-32}
WRK_THREADS=${WRK_THREADS:-2}
SERVER_THREADS=${SERVER_THREADS:-8}
PORT=${PORT:-18081}
REQUESTS=${REQUESTS:-1000}
SECRET="bench-client-secret-0123456789abcdef"

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR="$ROOT/benchmarks/target/benchmarks.jar"
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
[ -f "$JAR" ] || (cd "$ROOT" && mvn -o -q -pl benchmarks -am package -DskipTests)
JAVA=${JAVA:-java}

jit_ticks() { # CPU ticks of the JIT compiler threads
  local total=0 task
  for task in /proc/"$1"/task/*; do
    case "$(cat "$task/comm" 2>/dev/null)" in
      C1\ Compiler*|C2\ Compiler*) total=$((total + $(sed 's/^.*) //' "$task/stat" | awk '{ print $12 + $13 }'))) ;;
    esac
  done
  echo "$total"
}

echo "# $($JAVA -version 2>&1 | head -1); $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server,window_end_s,req_per_s,jit_cpu_s"
for kind in bare portkit; do
  $JAVA -Xms256m -Xmx256m -Dsun.net.httpserver.nodelay=true -cp "$JAR" \
    io.portkit.benchmarks.intake.IntakeServer "$kind" "$PORT" "$SERVER_THREADS" "$SECRET" > "$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    grep -q READY "$WORK/server.log" 2>/dev/null && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
    sleep 0.1
  done
  $JAVA -cp "$JAR" io.portkit.benchmarks.intake.SignedRequestScript "$WORK/signed.lua" "$REQUESTS" "$SECRET" >/dev/null
  for w in $(seq 1 "$WINDOWS"); do
    before=$(jit_ticks "$SERVER_PID")
    rps=$(wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${WINDOW}s" -s "$WORK/signed.lua" "http://127.0.0.1:$PORT/manual" |
      awk '/^RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "rps") print kv[2] } }')
    after=$(jit_ticks "$SERVER_PID")
    awk -v k="$kind" -v t=$((w * WINDOW)) -v r="$rps" -v d=$((after - before)) -v hz="$(getconf CLK_TCK)" \
      'BEGIN { printf "%s,%d,%.0f,%.2f\n", k, t, r, d / hz }'
  done
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
done
