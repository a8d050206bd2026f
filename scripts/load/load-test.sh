#!/usr/bin/env bash
# Runs the reliability load test at full size (default 10,000 signed deliveries) from the
# repository root, without installing anything: reactor build, only LoadTest.
#   scripts/load/load-test.sh            # 10,000 runs
#   scripts/load/load-test.sh 2000       # another size
# The test prints one line starting "load:" (runs, accepted, 503s retried, time, runs/s).
set -euo pipefail
runs="${1:-10000}"
case "$runs" in
  ''|*[!0-9]*) echo "usage: $0 [runs]  (runs must be a positive integer, got '$runs')" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/../.."
./mvnw -o -q -pl port-testkit -am verify -Dmaven.javadoc.skip=true \
  -Dtest=LoadTest -Dsurefire.failIfNoSpecifiedTests=false -Dportkit.load.runs="$runs"
