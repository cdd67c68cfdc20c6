#!/usr/bin/env bash
# The national burst benchmark against a running local stack (start it with
# CASCADE_CLOCK=2024-12-07T09:00:00+07:00 CASCADE_DEMO_PROVINCES=ALL deploy/local.sh: the burst is the season of 2024,
# before the reform). Builds the benchmark module if needed, then runs it:
#   deploy/benchmark.sh [--clients 32] [--communes N] [--runs 3] [--note "conditions"]   (--help for all options)
#                       [--baseline deploy/benchmark/results/<earlier>.json]   (its medians beside these)
# Every request carries a demo user's bearer token from the stack's identity provider: --issuer URL, default
# $CASCADE_ISSUER_URI, else http://localhost:${CASCADE_IDENTITY_PORT:-9000} (what deploy/local.sh starts and prints).
# Writes deploy/benchmark/BENCHMARKS.md and deploy/benchmark/results/<timestamp>.json.
# Exit status: 0 exact and error-free, 1 an aggregate differed from the expected totals, 2 errors or incomplete.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=deploy/benchmark/target/benchmark-0.1.0-SNAPSHOT.jar
# built again when asked, when missing, or when a source of the benchmark is newer than the jar (an old jar would
# call the stack without tokens)
if [[ ! -f "$jar" || "${CASCADE_SKIP_BUILD:-}" == "false" || -n "$(find deploy/benchmark/src deploy/benchmark/pom.xml -newer "$jar" -type f -print -quit 2>/dev/null)" ]]; then
  echo "Building the benchmark ..."
  ./mvnw -B -q -pl deploy/benchmark -am package -DskipTests
fi
exec java ${BENCHMARK_JAVA_OPTS:--Xmx1g} -cp "$jar:deploy/benchmark/target/lib/*" \
  "${BENCHMARK_MAIN:-dev.cascade.benchmark.NationalBurst}" "$@"
