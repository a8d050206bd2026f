#!/usr/bin/env bash
# Shared by intake.sh and intake-warmup.sh: settings, the two servers, the signed wrk script, the
# load and the /proc readings. Source it after setting PORT_OF[bare] and PORT_OF[portkit].
# Env: CONNECTIONS (32), WRK_THREADS (2), SERVER_THREADS (8), REQUESTS (1000), JAVA (java), REBUILD

CONNECTIONS=${CONNECTIONS:-32}
WRK_THREADS=${WRK_THREADS:-2}
SERVER_THREADS=${SERVER_THREADS:-8}
REQUESTS=${REQUESTS:-1000}
JAVA=${JAVA:-java}
JVM_FLAGS="-Xms256m -Xmx256m -Dsun.net.httpserver.nodelay=true"
SECRET="bench-client-secret-0123456789abcdef"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAR="$ROOT/benchmarks/target/benchmarks.jar"
WORK=$(mktemp -d)
declare -A PID_OF

stop_all() {
  local pid
  for pid in "${PID_OF[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  PID_OF=()
}
trap 'stop_all; rm -rf "$WORK"' EXIT

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)" >&2
  apt-get install -y wrk >/dev/null
fi
if [ ! -f "$JAR" ] || [ -n "${REBUILD:-}" ]; then
  (cd "$ROOT" && ./mvnw -o -q -pl benchmarks -am package -DskipTests)
fi

cpu_ticks() { # utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat)
  # The command name (field 2) is in parentheses and may hold spaces: count from after it.
  sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}

jit_ticks() { # CPU ticks of the JIT compiler threads, to show whether a window is past warm-up
  local total=0 task
  for task in /proc/"$1"/task/*; do
    case "$(cat "$task/comm" 2>/dev/null)" in
      C1\ Compiler*|C2\ Compiler*) total=$((total + $(sed 's/^.*) //' "$task/stat" | awk '{ print $12 + $13 }'))) ;;
    esac
  done
  echo "$total"
}

ticks_to_s() { awk -v d="$1" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", d / hz }'; }

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

sign() { # a fresh script keeps every request inside the verifier's 5-minute tolerance
  $JAVA -cp "$JAR" io.portkit.benchmarks.intake.SignedRequestScript "$WORK/signed.lua" "$REQUESTS" "$SECRET" >/dev/null
}

load() { # $1 = kind, $2 = seconds; wrk's output on stdout
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$2s" --timeout 5s -s "$WORK/signed.lua" \
    "http://127.0.0.1:${PORT_OF[$1]}/manual"
}
