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
PORT=${PORT:-18081}
declare -A PORT_OF=([bare]=$PORT [portkit]=$PORT) # one server at a time
source "$(dirname "$0")/intake-lib.sh"

echo "# $($JAVA -version 2>&1 | head -1); $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server,window_end_s,req_per_s,jit_cpu_s"
for kind in bare portkit; do
  start "$kind"
  sign
  for w in $(seq 1 "$WINDOWS"); do
    before=$(jit_ticks "${PID_OF[$kind]}")
    rps=$(load "$kind" "$WINDOW" |
      awk '/^RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "rps") print kv[2] } }')
    after=$(jit_ticks "${PID_OF[$kind]}")
    echo "$kind,$((w * WINDOW)),${rps%.*},$(ticks_to_s $((after - before)))"
  done
  stop_all
done
