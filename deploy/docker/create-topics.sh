#!/bin/sh
# Creates every Cascade topic, and its dead-letter topic <topic>.dlq, if it does not exist yet. Safe to run again.
# Topic names come from topics.properties (contracts/src/main/resources/dev/cascade/contracts/topics.properties),
# the one place where they are written. Runs in the apache/kafka image (deploy/compose kafka-init, deploy/k8s
# topic-init Job).
#
#   CASCADE_KAFKA_BOOTSTRAP            broker list (required)
#   CASCADE_TOPICS_FILE                default /opt/cascade/kafka/topics.properties
#   CASCADE_TOPIC_PARTITIONS           default 6 (dead-letter topics get as many: the binder keeps the partition)
#   CASCADE_TOPIC_REPLICATION_FACTOR   default 1
#   CASCADE_KAFKA_CLIENT_CONFIG        optional client properties file (TLS/SASL), passed as --command-config
#   KAFKA_BIN                          default /opt/kafka/bin
set -eu

bootstrap="${CASCADE_KAFKA_BOOTSTRAP:?CASCADE_KAFKA_BOOTSTRAP is required}"
topics_file="${CASCADE_TOPICS_FILE:-/opt/cascade/kafka/topics.properties}"
partitions="${CASCADE_TOPIC_PARTITIONS:-6}"
replication="${CASCADE_TOPIC_REPLICATION_FACTOR:-1}"
bin="${KAFKA_BIN:-/opt/kafka/bin}"
# Keyed by entity and read from offset 0 for the latest state of each key: compacted (DESIGN.md, "Topics and events").
compacted_keys="cascade.topics.units cascade.topics.aggregates"

set --
if [ -n "${CASCADE_KAFKA_CLIENT_CONFIG:-}" ]; then
  set -- --command-config "$CASCADE_KAFKA_CLIENT_CONFIG"
fi

kafka_topics() { "$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" "$@"; }

tries=0
until kafka_topics "$@" --list >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 30 ]; then
    echo "Kafka at $bootstrap did not answer after $tries attempts" >&2
    exit 1
  fi
  echo "waiting for Kafka at $bootstrap ..."
  sleep 2
done

count=0
# cascade.topics.<name>=<topic> lines (key=topic pairs; comments and blank lines skipped, spaces around = allowed)
entries=$(sed -n 's/^[[:space:]]*\(cascade\.topics\.[A-Za-z0-9_.-]*\)[[:space:]]*[=:][[:space:]]*\([^[:space:]]*\)[[:space:]]*$/\1=\2/p' "$topics_file")
for entry in $entries; do
  key="${entry%%=*}"
  topic="${entry#*=}"
  policy=delete
  case " $compacted_keys " in *" $key "*) policy=compact ;; esac
  kafka_topics "$@" --create --if-not-exists --topic "$topic" --partitions "$partitions" \
    --replication-factor "$replication" --config "cleanup.policy=$policy"
  # A topic created earlier by a client with broker defaults still gets the right clean-up policy.
  "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" "$@" --alter --entity-type topics --entity-name "$topic" \
    --add-config "cleanup.policy=$policy" >/dev/null
  kafka_topics "$@" --create --if-not-exists --topic "$topic.dlq" --partitions "$partitions" \
    --replication-factor "$replication" --config cleanup.policy=delete
  echo "$topic ($policy) and $topic.dlq"
  count=$((count + 1))
done

if [ "$count" -eq 0 ]; then
  echo "no cascade.topics.* entry in $topics_file" >&2
  exit 1
fi
summary=$(kafka_topics "$@" --describe --exclude-internal | grep -E '^Topic:' || true)
echo "$summary"
# Partitions are never added here: that would move keys to other partitions and break per-key ordering.
echo "$summary" | awk -v want="$partitions" '{
  for (i = 1; i < NF; i++) { if ($i == "Topic:") t = $(i + 1); if ($i == "PartitionCount:") n = $(i + 1) }
  if (t ~ /^cascade\./ && n + 0 < want + 0) printf "WARNING: %s has %d partitions, fewer than %d\n", t, n, want
}' >&2
echo "$count topics and their dead-letter topics are in place"
