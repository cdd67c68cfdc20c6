#!/bin/sh
# GENERATED from asyncapi.yaml and the services' bindings by dev.cascade.local.KafkaAccess (do not edit;
# regenerate: java -cp deploy/local-stack/target/cascade-local-stack.jar dev.cascade.local.KafkaAccess
# > deploy/k8s/kafka-security.sh; KafkaAccessScriptTest fails when it is stale).
# Creates the SCRAM-SHA-512 users of the four services and the ministry and grants each exactly what it
# uses; 'admin' is a super user of the broker and needs no ACL. Runs in the apache/kafka image.
#   CASCADE_KAFKA_BOOTSTRAP        broker list (required)
#   CASCADE_KAFKA_CLIENT_CONFIG    client properties of the admin principal (passed as --command-config)
#   CASCADE_KAFKA_PASSWORD_<NAME>  each principal's password, e.g. CASCADE_KAFKA_PASSWORD_PLAN_SERVICE,
#                                  CASCADE_KAFKA_PASSWORD_MINISTRY
set -eu
bin="${KAFKA_BIN:-/opt/kafka/bin}"
bootstrap="${CASCADE_KAFKA_BOOTSTRAP:?CASCADE_KAFKA_BOOTSTRAP is required}"
config="${CASCADE_KAFKA_CLIENT_CONFIG:?CASCADE_KAFKA_CLIENT_CONFIG is required}"
user() {
  "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --command-config "$config" --alter     --entity-type users --entity-name "$1" --add-config "SCRAM-SHA-512=[iterations=4096,password=$2]"
}
acl() {
  principal="$1"; shift
  "$bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$config" --add     --allow-principal "User:$principal" "$@" >/dev/null
}
user plan-service "${CASCADE_KAFKA_PASSWORD_PLAN_SERVICE:?CASCADE_KAFKA_PASSWORD_PLAN_SERVICE is required}"
user report-service "${CASCADE_KAFKA_PASSWORD_REPORT_SERVICE:?CASCADE_KAFKA_PASSWORD_REPORT_SERVICE is required}"
user aggregation-service "${CASCADE_KAFKA_PASSWORD_AGGREGATION_SERVICE:?CASCADE_KAFKA_PASSWORD_AGGREGATION_SERVICE is required}"
user notification-service "${CASCADE_KAFKA_PASSWORD_NOTIFICATION_SERVICE:?CASCADE_KAFKA_PASSWORD_NOTIFICATION_SERVICE is required}"
user ministry "${CASCADE_KAFKA_PASSWORD_MINISTRY:?CASCADE_KAFKA_PASSWORD_MINISTRY is required}"
acl plan-service --operation Write --topic cascade.units.v1
acl plan-service --operation Describe --topic cascade.units.v1
acl report-service --operation Read --topic cascade.units.v1
acl report-service --operation Describe --topic cascade.units.v1
acl aggregation-service --operation Read --topic cascade.units.v1
acl aggregation-service --operation Describe --topic cascade.units.v1
acl notification-service --operation Read --topic cascade.units.v1
acl notification-service --operation Describe --topic cascade.units.v1
acl plan-service --operation Write --topic cascade.plans.v1
acl plan-service --operation Describe --topic cascade.plans.v1
acl report-service --operation Read --topic cascade.plans.v1
acl report-service --operation Describe --topic cascade.plans.v1
acl aggregation-service --operation Read --topic cascade.plans.v1
acl aggregation-service --operation Describe --topic cascade.plans.v1
acl notification-service --operation Read --topic cascade.plans.v1
acl notification-service --operation Describe --topic cascade.plans.v1
acl report-service --operation Write --topic cascade.obligations.v1
acl report-service --operation Describe --topic cascade.obligations.v1
acl notification-service --operation Read --topic cascade.obligations.v1
acl notification-service --operation Describe --topic cascade.obligations.v1
acl report-service --operation Write --topic cascade.reports.v1
acl report-service --operation Describe --topic cascade.reports.v1
acl aggregation-service --operation Read --topic cascade.reports.v1
acl aggregation-service --operation Describe --topic cascade.reports.v1
acl aggregation-service --operation Write --topic cascade.rollup.v1
acl aggregation-service --operation Describe --topic cascade.rollup.v1
acl aggregation-service --operation Read --topic cascade.rollup.v1
acl aggregation-service --operation Write --topic cascade.aggregates.v1
acl aggregation-service --operation Describe --topic cascade.aggregates.v1
acl ministry --operation Read --topic cascade.aggregates.v1
acl ministry --operation Describe --topic cascade.aggregates.v1
acl notification-service --operation Write --topic cascade.notifications.v1
acl notification-service --operation Describe --topic cascade.notifications.v1
acl report-service --operation Write --topic cascade.units.v1.dlq
acl report-service --operation Describe --topic cascade.units.v1.dlq
acl aggregation-service --operation Write --topic cascade.units.v1.dlq
acl aggregation-service --operation Describe --topic cascade.units.v1.dlq
acl notification-service --operation Write --topic cascade.units.v1.dlq
acl notification-service --operation Describe --topic cascade.units.v1.dlq
acl report-service --operation Write --topic cascade.plans.v1.dlq
acl report-service --operation Describe --topic cascade.plans.v1.dlq
acl aggregation-service --operation Write --topic cascade.plans.v1.dlq
acl aggregation-service --operation Describe --topic cascade.plans.v1.dlq
acl notification-service --operation Write --topic cascade.plans.v1.dlq
acl notification-service --operation Describe --topic cascade.plans.v1.dlq
acl notification-service --operation Write --topic cascade.obligations.v1.dlq
acl notification-service --operation Describe --topic cascade.obligations.v1.dlq
acl aggregation-service --operation Write --topic cascade.reports.v1.dlq
acl aggregation-service --operation Describe --topic cascade.reports.v1.dlq
acl aggregation-service --operation Write --topic cascade.rollup.v1.dlq
acl aggregation-service --operation Describe --topic cascade.rollup.v1.dlq
acl ministry --operation Read --group ministry. --resource-pattern-type prefixed
acl report-service --operation Read --group report-service
acl aggregation-service --operation Read --group aggregation-service
acl aggregation-service --operation Read --group aggregation-service-reports
acl aggregation-service --operation Read --group aggregation-service-rollups
acl notification-service --operation Read --group notification-service
echo "5 users and 57 ACLs in place"
