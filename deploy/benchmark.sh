#!/usr/bin/env bash
# The national burst benchmark against a running local stack (start it with
# CASCADE_DEMO_PROVINCES=ALL deploy/local.sh). Builds the benchmark module if needed, then runs it:
#   deploy/benchmark.sh [--clients 32] [--communes N] [--runs 3] [--note "conditions"]   (--help for all options)
# Writes deploy/benchmark/BENCHMARKS.md and deploy/benchmark/results/<timestamp>.json.
# Exit status: 0 exact and error-free, 1 an aggregate differed from the expected totals, 2 errors or incomplete.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f deploy/benchmark/target/benchmark-0.1.0-SNAPSHOT.jar || "${CASCADE_SKIP_BUILD:-}" == "false" ]]; then
  echo "Building the benchmark ..."
  ./mvnw -B -q -pl deploy/benchmark -am package -DskipTests
fi
exec java ${BENCHMARK_JAVA_OPTS:--Xmx1g} -cp "deploy/benchmark/target/benchmark-0.1.0-SNAPSHOT.jar:deploy/benchmark/target/lib/*" \
  dev.cascade.benchmark.NationalBurst "$@"
