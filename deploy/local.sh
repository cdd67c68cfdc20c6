#!/usr/bin/env bash
# Command 1: runs Cascade on this machine with no Docker — a real Kafka broker (KRaft), a file-backed
# MongoDB-wire store, an SMTP server, the four services and the demo data. Ctrl-C stops everything.
# Data lives in ./.cascade (delete it to start afresh). See README.md for the variables.
#   deploy/local.sh               the four services in this JVM (quickest to start, least memory)
#   deploy/local.sh --processes   each service in a JVM of its own with -Xmx512m (CASCADE_SERVICE_HEAP), as compose
#                                 and Kubernetes run them; the broker, store and SMTP server stay as they are
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${CASCADE_SKIP_BUILD:-false}" != "true" ]]; then
  echo "Building (tests skipped; the first build downloads Maven and the dependencies) ..."
  ./mvnw -B -q -pl deploy/local-stack -am package -DskipTests
fi
exec java ${CASCADE_JAVA_OPTS:--Xmx3g} -jar deploy/local-stack/target/cascade-local-stack.jar "$@"
