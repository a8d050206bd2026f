#!/usr/bin/env bash
# Intake as a user runs it: the shipped `serve --tunnel none --handler noop` (the examples jar,
# its own logging binding, slf4j-simple at INFO, its default executor; its output to a file)
# beside a bare JDK HttpServer with no executor (the JDK's default: exchanges on the dispatcher
# thread), same machine, same wrk load on POST /manual, warm, in alternating windows as
# intake.sh measures. serve reports to a standalone emulator only at start (the credentials
# check); /manual makes no Port call.
#
# Usage: scripts/bench/intake-serve.sh [window_s=10] [warmup_s=30] [rounds=8]
# Env: as intake.sh, plus LOG_LEVEL (info) for serve's slf4j-simple default level and EXAMPLES
#      (the examples jar whose serve is measured; default this tree's).
set -euo pipefail

WINDOW=${1:-10}
WARMUP=${2:-30}
ROUNDS=${3:-8}
PORT=${PORT:-18080}
LOG_LEVEL=${LOG_LEVEL:-info}
SERVER_THREADS=0 # the bare server gets no executor
declare -A PORT_OF=([bare]=$PORT [portkit]=$((PORT + 1)))
source "$(dirname "$0")/intake-lib.sh"
EXAMPLES=${EXAMPLES:-$ROOT/examples/target/port-examples.jar} # another build's jar to compare
if [ ! -f "$EXAMPLES" ] || [ -n "${REBUILD:-}" ]; then
  (cd "$ROOT" && mvn -o -q -pl examples -am package -DskipTests)
fi
RESULTS="$WORK/results.txt"
EMULATOR_PORT=$((PORT + 2))

start_serve() { # the emulator, then serve against it, as two processes of the examples jar
  mkdir -p "$WORK/serve"
  (cd "$WORK/serve" && PORT_CLIENT_ID=bench PORT_CLIENT_SECRET="$SECRET" \
    exec $JAVA -jar "$EXAMPLES" emulator --port "$EMULATOR_PORT" > "$WORK/emulator.log" 2>&1) &
  PID_OF[emulator]=$!
  for _ in $(seq 1 300); do grep -q 'Press Ctrl-C' "$WORK/emulator.log" 2>/dev/null && break; sleep 0.1; done
  (cd "$WORK/serve" && PORT_API_URL="http://127.0.0.1:$EMULATOR_PORT" PORT_CLIENT_ID=bench \
    PORT_CLIENT_SECRET="$SECRET" exec $JAVA $JVM_FLAGS -Dorg.slf4j.simpleLogger.defaultLogLevel="$LOG_LEVEL" \
    -jar "$EXAMPLES" serve --tunnel none --handler noop --port "${PORT_OF[portkit]}" > "$WORK/serve.log" 2>&1) &
  PID_OF[portkit]=$!
  for _ in $(seq 1 300); do grep -q 'Press Ctrl-C' "$WORK/serve.log" 2>/dev/null && return 0; sleep 0.1; done
  echo "serve did not start:" >&2; cat "$WORK/serve.log" >&2; exit 1
}

measure() { # $1 = kind, $2 = round; appends one RESULT line to $RESULTS
  local kind=$1 pid=${PID_OF[$1]} ticks_before ticks_after cpu_us
  ticks_before=$(cpu_ticks "$pid")
  load "$kind" "$WINDOW" > "$WORK/wrk.out"
  ticks_after=$(cpu_ticks "$pid")
  cpu_us=$(awk -v d=$((ticks_after - ticks_before)) -v hz="$(getconf CLK_TCK)" \
    '/^RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "requests") n = kv[2] }
                printf "%.1f", d / hz * 1e6 / n }' "$WORK/wrk.out")
  grep '^RESULT' "$WORK/wrk.out" | sed "s/^RESULT/$2 $kind/; s/\$/ cpu_us=$cpu_us/" | tee -a "$RESULTS"
}

echo "# intake as shipped: serve --tunnel none --handler noop (log level $LOG_LEVEL) vs a bare JDK" \
  "server with no executor; $CONNECTIONS connections, $WRK_THREADS wrk threads, ${WARMUP}s warm-up each," \
  "$ROUNDS rounds of ${WINDOW}s; $($JAVA -version 2>&1 | head -1); $(nproc) CPUs;" \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"
start bare
start_serve
sign
load bare "$WARMUP" > /dev/null
load portkit "$WARMUP" > /dev/null
for round in $(seq 1 "$ROUNDS"); do
  sign
  if [ $((round % 2)) -eq 1 ]; then order="bare portkit"; else order="portkit bare"; fi
  for kind in $order; do
    measure "$kind" "$round"
  done
done
echo "serve log lines: $(wc -l < "$WORK/serve.log") (warm-up and rounds; this tree logs one per delivery at info, the code before #12 two for /manual)"
awk '{ for (i = 3; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
       rps[$2] += v["rps"]; cpu[$2] += v["cpu_us"]; n[$2]++; round[$1 " " $2] = v["rps"]
       if (v["p99_ms"] > p99[$2]) p99[$2] = v["p99_ms"]; if ($1 > rounds) rounds = $1 }
     END { for (r = 1; r <= rounds; r++) ratio[r] = round[r " portkit"] / round[r " bare"]
           for (i = 2; i <= rounds; i++) { x = ratio[i]; j = i - 1
             while (j >= 1 && ratio[j] > x) { ratio[j + 1] = ratio[j]; j-- } ratio[j + 1] = x }
           median = rounds % 2 ? ratio[(rounds + 1) / 2] : (ratio[rounds / 2] + ratio[rounds / 2 + 1]) / 2
           printf "serve/bare throughput: %.2f over all rounds, median round %.2f (rounds %.2f to %.2f); target >= 0.80\n",
                  (rps["portkit"] / n["portkit"]) / (rps["bare"] / n["bare"]), median, ratio[1], ratio[rounds]
           printf "worst serve p99: %.2f ms; worst bare p99: %.2f ms\n", p99["portkit"], p99["bare"]
           printf "server CPU per request: bare %.1f us, serve %.1f us\n", cpu["bare"] / n["bare"], cpu["portkit"] / n["portkit"] }' "$RESULTS"
