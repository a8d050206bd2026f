#!/usr/bin/env bash
# Builds the benchmarks jar and runs the end-to-end and memory benchmarks (docs/performance.md).
#   scripts/load/benchmarks.sh e2e        # runs/s trigger -> final status, noop handler
#   scripts/load/benchmarks.sh memory     # 10,000 runs waiting, Java 25, -Xmx256m (virtual threads)
#   scripts/load/benchmarks.sh memory17   # the Java 17 fallback: bounded pool of 64 (the default)
#   scripts/load/benchmarks.sh ratelimit  # 500 runs against 100 calls/s, with and without the gate
#   scripts/load/benchmarks.sh burst      # 2,000 runs queued on a journal, then drained (Java 17)
#   scripts/load/benchmarks.sh burst25    # the same on Java 25
set -euo pipefail
cd "$(dirname "$0")/../.."
jdk25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
jdk17="${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}"
jar=benchmarks/target/benchmarks.jar
[ -f "$jar" ] || ./mvnw -o -q -pl benchmarks -am package -DskipTests
case "${1:-}" in
  e2e) java -cp "$jar" io.portkit.benchmarks.e2e.EndToEndBenchmark --runs 5000 --window 32 ;;
  memory) "$jdk25/bin/java" -Xmx256m -cp "$jar" io.portkit.benchmarks.memory.InFlightMemoryBenchmark --runs 10000 ;;
  memory17) "$jdk17/bin/java" -Xmx256m -cp "$jar" io.portkit.benchmarks.memory.InFlightMemoryBenchmark --runs 10000 --max-in-flight 64 ;;
  ratelimit)
    for gate in 1 0; do
      java -cp "$jar" io.portkit.benchmarks.ratelimit.RateLimitBenchmark --runs 500 --limit 100 --period 1 --gate "$gate"
    done ;;
  burst) "$jdk17/bin/java" -Xmx256m -cp "$jar" io.portkit.benchmarks.queue.BurstDrainBenchmark --runs 2000 ;;
  burst25) "$jdk25/bin/java" -Xmx256m -cp "$jar" io.portkit.benchmarks.queue.BurstDrainBenchmark --runs 2000 ;;
  *) echo "usage: $0 e2e|memory|memory17|ratelimit|burst|burst25" >&2; exit 2 ;;
esac
