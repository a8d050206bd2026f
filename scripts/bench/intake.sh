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
PORT=${PORT:-18080}
declare -A PORT_OF=([bare]=$PORT [portkit]=$((PORT + 1)))
source "$(dirname "$0")/intake-lib.sh"
RESULTS="$WORK/results.txt"

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
  jit_s=$(ticks_to_s $((jit_after - jit_before)))
  grep '^RESULT' "$WORK/wrk.out" | sed "s/^RESULT/$2 $kind/; s/\$/ cpu_us=$cpu_us jit_s=$jit_s/" | tee -a "$RESULTS"
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
