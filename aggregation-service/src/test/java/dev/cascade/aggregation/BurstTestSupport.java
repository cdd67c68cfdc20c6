package dev.cascade.aggregation;

import dev.cascade.contracts.CloudEventHeaders;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.Frequency;
import dev.cascade.contracts.events.IndicatorDefinition;
import dev.cascade.contracts.events.IndicatorKind;
import dev.cascade.contracts.events.IndicatorValue;
import dev.cascade.contracts.events.ReportSubmitted;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.contracts.events.ReportingProgramme;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitUpserted;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What the burst tests ({@link AggregationKillIT}, {@link RestartAndReplayIT}) share: their inputs, as another
 * service would publish them (JSON payloads with CloudEvents headers), and the properties of a service instance.
 * A burst's units stand from March to June 2025; its programme is annual, with an intake rate (ratio of sums) and
 * a new enrolment (sum), and communes due on 5 December 2024.
 */
final class BurstTestSupport {

    static final String RATE = "GDNN_INTAKE_RATE";
    static final String ENROLMENT = "GDNN_NEW_ENROLMENT";

    private BurstTestSupport() {
    }

    /** {@code payload} as JSON on {@code topic} under {@code key}, with the CloudEvents headers of {@code type}. */
    static ProducerRecord<String, byte[]> record(JsonMapper json, String topic, String key, String type,
                                                 Object payload) {
        return withHeaders(new ProducerRecord<>(topic, key, json.writeValueAsBytes(payload)), type);
    }

    /** A report on {@code cascade.reports.v1}, keyed by its parent as report-service keys it. */
    static ProducerRecord<String, byte[]> record(JsonMapper json, String type, ReportSubmitted report) {
        return withHeaders(new ProducerRecord<>(Topics.REPORTS, report.parentCode(), json.writeValueAsBytes(report)),
                type);
    }

    static ProducerRecord<String, byte[]> withHeaders(ProducerRecord<String, byte[]> record, String type) {
        CloudEventHeaders.newEvent(type, "/cascade/test", record.key(), Instant.parse("2024-12-04T02:15:00Z"))
                .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /** Version {@code version} of a commune's report of random figures (some of them late). */
    static ReportSubmitted report(Random random, String plan, String programme, String period, String commune,
                                  String district, int version) {
        int denominator = 50 + random.nextInt(200);
        return new ReportSubmitted("R-" + commune, version, plan, programme, period, commune, district,
                "Nguyễn Văn An", Instant.parse("2024-12-04T02:15:00Z"), random.nextInt(7) == 0,
                Map.of(RATE, IndicatorValue.ratio(random.nextInt(denominator + 1), denominator),
                        ENROLMENT, IndicatorValue.count(random.nextInt(60))), List.of(), Map.of());
    }

    /** The burst's annual programme {@code code} for {@code period}. */
    static ReportingProgramme programme(String code, String title, String period) {
        ReportingPeriod due = new ReportingPeriod(period, LocalDate.of(2023, 12, 15), LocalDate.of(2024, 12, 14),
                Map.of(UnitLevel.COMMUNE, LocalDate.of(2024, 12, 5)));
        return new ReportingProgramme(code, title, Frequency.ANNUAL, List.of(
                new IndicatorDefinition(RATE, "Intake rate", "%", IndicatorKind.RATIO, AggregationRule.RATIO_OF_SUMS,
                        "admitted", "applicants"),
                new IndicatorDefinition(ENROLMENT, "New enrolment", "people", IndicatorKind.COUNT,
                        AggregationRule.SUM, null, null)), List.of(), List.of(due));
    }

    /**
     * The properties of a whole service instance on the broker at {@code brokers} and the store at {@code mongoUri}:
     * its own database and consumer group, batches of 30 records, retries every 100 to 500 ms, parked inputs
     * retried every second.
     */
    static List<String> serviceProperties(String brokers, String mongoUri, String database, String group) {
        List<String> properties = new ArrayList<>(List.of(
                "spring.cloud.stream.kafka.binder.brokers=" + brokers,
                "spring.mongodb.uri=" + mongoUri,
                "spring.mongodb.database=" + database,
                "server.port=0",
                // a resource server needs its issuer (discovered at the first request; these instances get none)
                "cascade.security.issuer-uri=" + dev.cascade.platform.test.TestIssuer.shared().issuer(),
                "cascade.aggregation.batch.max-records=30",
                "cascade.aggregation.retry.max-attempts=30",
                "cascade.aggregation.retry.initial-interval-ms=100",
                "cascade.aggregation.retry.max-interval-ms=500",
                "cascade.aggregation.parked.retry-interval=PT1S",
                "logging.level.org.apache.kafka=WARN"));
        for (String binding : List.of("units", "plans", "reports", "rollups")) {
            properties.add("spring.cloud.stream.bindings." + binding + "-in-0.group=" + KafkaTopicProbe.group(group,
                    binding));
        }
        return properties;
    }

    static UnitUpserted unit(String code, UnitLevel level, String parent) {
        LocalDate end = level == UnitLevel.MINISTRY ? null : LocalDate.of(2025, 6, 30);
        return new UnitUpserted(code, List.of(new UnitPlacement("2025-03", null, end, code, level.name(), level,
                parent)), 1);
    }
}
