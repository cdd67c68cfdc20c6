#!/usr/bin/env bash
# The chaos command: runs Cascade in the deployment shape (each service in its own JVM, -Xmx512m) on ports of its own
# (29000-29024), submits a burst of reports from 8 clients while it kills -9 random services (at least 20 kills, each
# restarted at once), restarts the broker once and the store once, and runs a second instance of report- and
# aggregation-service for part of the time; then checks that every report answered 201 is in the aggregates exactly
# once, nothing is pending, parked or leased, no dead-letter topic grew and no e-mail was sent twice. Prints its
# figures; bounded to --max-minutes (10). Exit status 0 when every check passed. Its data and logs are deleted after a
# run that passed (kept with --keep true) and kept after one that failed; an instance that died is reported with its
# exit status and the end of its console output.
# Authentication is on: the stack it starts has its own identity provider (port base+5, 29005; it runs in this JVM and
# is not killed), whose demo users' tokens every call carries (reports as reporter-<commune>, the plan as
# planner-BGDDT, reads as viewer-BGDDT); nothing to pass.
#   deploy/chaos.sh [--kills 20] [--clients 8] [--burst-seconds 180] [--provinces 30,89,22,92,68,38,01,40]
#                   [--seed 2026] [--base-port 29000] [--heap 512m] [--max-minutes 10] [--keep true]
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${CASCADE_SKIP_BUILD:-false}" != "true" ]]; then
  echo "Building the stack and the chaos command (tests skipped) ..."
  ./mvnw -B -q -pl deploy/benchmark -am package -DskipTests
fi
exec java ${CHAOS_JAVA_OPTS:--Xmx2g} -cp "deploy/benchmark/target/benchmark-0.1.0-SNAPSHOT.jar:deploy/benchmark/target/lib/*" \
  dev.cascade.benchmark.ChaosRun "$@"
