#!/usr/bin/env bash
# Intake benchmark: signed webhooks per second and p50/p99 latency through portkit's POST /manual
# (verify, parse, acknowledge) beside a bare JDK HttpServer that only reads the body and answers
# 200. Same load tool (wrk, pre-signed requests from a Lua script), same connections, same
# executor size, same JVM flags; loopback only; bounded duration.
#
# The warm-up is long on purpose: with 5 s, C2 was still compiling portkit's larger code (Jackson)
# during the measured window, 2.2 s of compiler-thread CPU in 15 s against 0.6 s for the bare
# server, so the figure measured the JIT, not the steady state a long-running receiver is in.
# After 30 s both servers' compiler threads are back to the same ~0.5 s.
#
# Usage: scripts/bench/intake.sh [duration_s=20] [warmup_s=30] [rounds=3]
# Env: CONNECTIONS (32), WRK_THREADS (2), SERVER_THREADS (8), PORT (18080), REQUESTS (1000)
set -euo pipefail

DURATION=${1:-20}
WARMUP=${2:-30}
ROUNDS=${3:-3}
CONNECTIONS=${CONNECTIONS:-32}
WRK_THREADS=${WRK_THREADS:-2}
SERVER_THREADS=${SERVER_THREADS:-8}
PORT=${PORT:-18080}
REQUESTS=${REQUESTS:-1000}
SECRET="bench-client-secret-0123456789abcdef"

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR="$ROOT/benchmarks/target/benchmarks.jar"
WORK=$(mktemp -d)
RESULTS="$WORK/results.txt"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)" >&2
  apt-get install -y wrk >/dev/null
fi
if [ ! -f "$JAR" ] || [ -n "${REBUILD:-}" ]; then
  (cd "$ROOT" && mvn -o -q -pl benchmarks -am package -DskipTests)
fi

JAVA=${JAVA:-java}
JVM_FLAGS="-Xms256m -Xmx256m -Dsun.net.httpserver.nodelay=true"

cpu_ticks() { # utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat)
  # The command name (field 2) is in parentheses and may hold spaces: count from after it.
  sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}

jit_ticks() { # CPU ticks of the JIT compiler threads, to show the measured window is past warm-up
  local total=0 task
  for task in /proc/"$1"/task/*; do
    case "$(cat "$task/comm" 2>/dev/null)" in
      C1\ Compiler*|C2\ Compiler*) total=$((total + $(sed 's/^.*) //' "$task/stat" | awk '{ print $12 + $13 }'))) ;;
    esac
  done
  echo "$total"
}

run_one() { # $1 = bare|portkit, $2 = round; appends one RESULT line to $RESULTS
  # Runs in the main shell (never in a pipeline) so that the EXIT trap can stop the server.
  local kind=$1
  $JAVA $JVM_FLAGS -cp "$JAR" io.portkit.benchmarks.intake.IntakeServer "$kind" "$PORT" "$SERVER_THREADS" "$SECRET" \
    > "$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do # up to 30 s: JVM start-up is slow on a loaded machine
    grep -q READY "$WORK/server.log" 2>/dev/null && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
    sleep 0.1
  done
  grep -q READY "$WORK/server.log" || { echo "$kind server did not start:" >&2; cat "$WORK/server.log" >&2; exit 1; }
  # Signed now, so every request is inside the verifier's 5-minute tolerance for this run.
  $JAVA -cp "$JAR" io.portkit.benchmarks.intake.SignedRequestScript "$WORK/signed.lua" "$REQUESTS" "$SECRET" >/dev/null
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$WORK/signed.lua" "http://127.0.0.1:$PORT/manual" >/dev/null
  local ticks_before ticks_after jit_before jit_after cpu_us jit_s
  ticks_before=$(cpu_ticks "$SERVER_PID")
  jit_before=$(jit_ticks "$SERVER_PID")
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s -s "$WORK/signed.lua" \
    "http://127.0.0.1:$PORT/manual" > "$WORK/wrk.out"
  ticks_after=$(cpu_ticks "$SERVER_PID")
  jit_after=$(jit_ticks "$SERVER_PID")
  jit_s=$(awk -v d=$((jit_after - jit_before)) -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", d / hz }')
  # Server CPU (user + system, every thread) per request over the measured run: the cost that
  # decides throughput when the load tool and the server share the cores.
  cpu_us=$(awk -v d=$((ticks_after - ticks_before)) -v hz="$(getconf CLK_TCK)" \
    '/^RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "requests") n = kv[2] }
                printf "%.1f", d / hz * 1e6 / n }' "$WORK/wrk.out")
  grep '^RESULT' "$WORK/wrk.out" | sed "s/^RESULT/$2 $kind/; s/\$/ cpu_us=$cpu_us jit_s=$jit_s/" | tee -a "$RESULTS"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

echo "# intake: $CONNECTIONS connections, $WRK_THREADS wrk threads, $SERVER_THREADS server threads," \
  "${DURATION}s after ${WARMUP}s warm-up, $ROUNDS rounds; $($JAVA -version 2>&1 | head -1);" \
  "$(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  for kind in bare portkit; do
    run_one "$kind" "$round"
  done
done

echo
printf '| round | server | req/s | p50 ms | p90 ms | p99 ms | max ms | server CPU µs/req | JIT CPU s | socket errors | non-2xx |\n'
printf '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
awk '{ for (i = 3; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
       printf "| %s | %s | %.0f | %.2f | %.2f | %.2f | %.2f | %s | %s | %s | %s |\n",
              $1, $2, v["rps"], v["p50_ms"], v["p90_ms"], v["p99_ms"], v["max_ms"], v["cpu_us"], v["jit_s"],
              v["errors"], v["non2xx"] }' "$RESULTS"
echo
awk '{ for (i = 3; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
       rps[$2] += v["rps"]; cpu[$2] += v["cpu_us"]; n[$2]++; round[$1 " " $2] = v["rps"]
       if (v["p99_ms"] > p99[$2]) p99[$2] = v["p99_ms"]; if ($1 > rounds) rounds = $1 }
     END { ratio = (rps["portkit"] / n["portkit"]) / (rps["bare"] / n["bare"]);
           lo = 9; hi = 0
           for (r = 1; r <= rounds; r++) { x = round[r " portkit"] / round[r " bare"]; if (x < lo) lo = x; if (x > hi) hi = x }
           printf "portkit/bare throughput: %.2f (rounds %.2f to %.2f; target >= 0.80); worst portkit p99: %.2f ms (target < 20 ms)\n",
                  ratio, lo, hi, p99["portkit"]
           printf "server CPU per request: bare %.1f us, portkit %.1f us\n", cpu["bare"] / n["bare"], cpu["portkit"] / n["portkit"] }' "$RESULTS"
