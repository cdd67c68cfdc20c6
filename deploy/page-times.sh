#!/usr/bin/env bash
# Portal page times on the national data set: the ministry's roll-up tree and the report form, fetched whole with a
# logged-in portal session. Run it against a local stack on which deploy/benchmark.sh has submitted the national burst
# (CASCADE_CLOCK=2024-12-07T09:00:00+07:00 CASCADE_DEMO_PROVINCES=ALL deploy/local.sh, then deploy/benchmark.sh). Writes deploy/benchmark/PORTAL-PAGE-TIMES.md.
#   deploy/page-times.sh [--portal http://localhost:8080] [--samples 200] [--communes 20] [--out FILE]
set -euo pipefail
BENCHMARK_MAIN=dev.cascade.benchmark.PortalPageTimes exec "$(dirname "$0")/benchmark.sh" "$@"
