#!/usr/bin/env bash
# Intake benchmark: signed webhooks per second and p50/p99 latency through portkit's POST /manual
# (verify, parse, acknowledge) beside a bare JDK HttpServer that only reads the body and answers
# 200. Same load tool (wrk, pre-signed requests from a Lua script), same connections, same
# executor size, same JVM flags; loopback only; bounded duration.
#
# How it compares: both servers start once, side by side on two ports, and warm up; then the
# rounds measure them in turn, a short window each, and the order flips every round. Only the
# server under load uses the CPU. On a shared two-core VM whose speed drifts by a quarter from
# minute to minute, pairs of windows a few seconds apart compare the servers; one long run of
# each, minutes apart, compared the machine's moods.
#
# The warm-up is long on purpose: after 5 s, C2 was still compiling portkit's larger code
# (Jackson) during the measured window, 2.2 s of compiler-thread CPU in 15 s against 0.6 s for
# the bare server, so the figure measured the JIT, not the steady state a long-running receiver
# is in (scripts/bench/intake-warmup.sh draws the curve). The JIT column shows what is left.
#
# Usage: scripts/bench/intake.sh [window_s=10] [warmup_s=30] [rounds=8]
# Env: CONNECTIONS (32), WRK_THREADS (2), SERVER_THREADS (8), PORT (18080; portkit on PORT+1),
#      REQUESTS (1000), JAVA (java)
set -euo pipefail

WINDOW=${1:-10}
WARMUP=${2:-30}
ROUNDS=${3:-8}
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
declare -A PID_OF PORT_OF
PORT_OF[bare]=$PORT
PORT_OF[portkit]=$((PORT + 1))
cleanup() {
  local pid
  for pid in "${PID_OF[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
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

start() { # $1 = bare|portkit; runs in the main shell so that the EXIT trap can stop it
  local kind=$1
  $JAVA $JVM_FLAGS -cp "$JAR" io.portkit.benchmarks.intake.IntakeServer "$kind" "${PORT_OF[$kind]}" \
    "$SERVER_THREADS" "$SECRET" > "$WORK/$kind.log" 2>&1 &
  PID_OF[$kind]=$!
  for _ in $(seq 1 300); do # up to 30 s: JVM start-up is slow on a loaded machine
    grep -q READY "$WORK/$kind.log" 2>/dev/null && return 0
    kill -0 "${PID_OF[$kind]}" 2>/dev/null || break
    sleep 0.1
  done
  echo "$kind server did not start:" >&2; cat "$WORK/$kind.log" >&2; exit 1
}

load() { # $1 = kind, $2 = seconds; wrk's output on stdout
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$2s" --timeout 5s -s "$WORK/signed.lua" \
    "http://127.0.0.1:${PORT_OF[$1]}/manual"
}

measure() { # $1 = kind, $2 = round; appends one RESULT line to $RESULTS
  local kind=$1 pid=${PID_OF[$1]} ticks_before ticks_after jit_before jit_after cpu_us jit_s
  ticks_before=$(cpu_ticks "$pid")
  jit_before=$(jit_ticks "$pid")
  load "$kind" "$WINDOW" > "$WORK/wrk.out"
  ticks_after=$(cpu_ticks "$pid")
  jit_after=$(jit_ticks "$pid")
  # Server CPU (user + system, every thread) per request in the window: the cost that decides
  # throughput when the load tool and the server share the cores.
  cpu_us=$(awk -v d=$((ticks_after - ticks_before)) -v hz="$(getconf CLK_TCK)" \
    '/^RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "requests") n = kv[2] }
                printf "%.1f", d / hz * 1e6 / n }' "$WORK/wrk.out")
  jit_s=$(awk -v d=$((jit_after - jit_before)) -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", d / hz }')
  grep '^RESULT' "$WORK/wrk.out" | sed "s/^RESULT/$2 $kind/; s/\$/ cpu_us=$cpu_us jit_s=$jit_s/" | tee -a "$RESULTS"
}

sign() { # a fresh script each round keeps every request inside the verifier's 5-minute tolerance
  $JAVA -cp "$JAR" io.portkit.benchmarks.intake.SignedRequestScript "$WORK/signed.lua" "$REQUESTS" "$SECRET" >/dev/null
}

echo "# intake: $CONNECTIONS connections, $WRK_THREADS wrk threads, $SERVER_THREADS server threads," \
  "${WARMUP}s warm-up each, then $ROUNDS rounds of ${WINDOW}s per server in alternating order;" \
  "$($JAVA -version 2>&1 | head -1); $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"
start bare
start portkit
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
     END { for (r = 1; r <= rounds; r++) ratio[r] = round[r " portkit"] / round[r " bare"]
           # median of the per-round ratios (insertion sort: a handful of rounds)
           for (i = 2; i <= rounds; i++) { x = ratio[i]; j = i - 1
             while (j >= 1 && ratio[j] > x) { ratio[j + 1] = ratio[j]; j-- } ratio[j + 1] = x }
           median = rounds % 2 ? ratio[(rounds + 1) / 2] : (ratio[rounds / 2] + ratio[rounds / 2 + 1]) / 2
           printf "portkit/bare throughput: %.2f over all rounds, median round %.2f (rounds %.2f to %.2f); target >= 0.80\n",
                  (rps["portkit"] / n["portkit"]) / (rps["bare"] / n["bare"]), median, ratio[1], ratio[rounds]
           printf "worst portkit p99: %.2f ms (target < 20 ms); worst bare p99: %.2f ms\n", p99["portkit"], p99["bare"]
           printf "server CPU per request: bare %.1f us, portkit %.1f us\n", cpu["bare"] / n["bare"], cpu["portkit"] / n["portkit"] }' "$RESULTS"
