#!/usr/bin/env bash
# Measures the national units import and the demo load of plan-service (median of 3 runs; RUNS=n to change).
# Writes plan-service/target/import-timing.md. Run from the repository root: plan-service/measure-import.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl plan-service -am test-compile
./mvnw -B -q -pl plan-service dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/measure-classpath.txt > /dev/null
java -Druns="${RUNS:-3}" \
  -cp "plan-service/target/test-classes:plan-service/target/classes:contracts/target/test-classes:contracts/target/classes:$(cat plan-service/target/measure-classpath.txt)" \
  dev.cascade.plan.demo.ImportTiming "${1:-plan-service/target/import-timing.md}"
