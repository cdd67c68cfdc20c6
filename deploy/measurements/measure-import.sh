#!/usr/bin/env bash
# Measures the national units import and the demo load of plan-service (median of 3 runs; RUNS=n to change).
# Writes deploy/measurements/target/import-timing.md (or the path given as argument).
# Run from anywhere: deploy/measurements/measure-import.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
# test-compile also writes the module's test class path to target/test-classpath.txt (see pom.xml)
./mvnw -B -q -pl deploy/measurements -am test-compile
java -Druns="${RUNS:-3}" \
  -cp "deploy/measurements/target/test-classes:$(cat deploy/measurements/target/test-classpath.txt)" \
  dev.cascade.plan.demo.ImportTiming "${1:-deploy/measurements/target/import-timing.md}"
