package dev.cascade.aggregation.rollup.engine;

import dev.cascade.aggregation.rollup.Contribution;
import dev.cascade.aggregation.rollup.Parts;
import dev.cascade.contracts.events.AggregatedValue;
import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.Completeness;
import dev.cascade.contracts.events.RevokedPlan;
import dev.cascade.contracts.events.TargetComparator;
import dev.cascade.contracts.events.TargetProgress;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.platform.test.SpringDataMapping;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The roll-up document as {@link RollUpBson} writes and reads it is the document Spring Data's mapping wrote and read
 * before (configured as Spring Boot configures it for this service): the same BSON, field by field and in the same
 * order, so that documents stored by either read the same.
 */
class RollUpBsonTest {

    private final MappingMongoConverter spring = SpringDataMapping.converter();

    @Test
    void writesTheDocumentSpringDataWroteFieldByField() {
        for (RollUpDocument rollUp : List.of(full(List.of()), sparse())) {
            Document bySpring = new Document();
            spring.write(rollUp, bySpring);

            // extended JSON names every BSON type: an int32 where Spring wrote an int64 is a difference
            assertThat(RollUpBson.write(rollUp).toJson(SpringDataMapping.EXACT)).isEqualTo(bySpring.toJson(SpringDataMapping.EXACT));
        }
    }

    @Test
    void readsWhatSpringDataWroteAndWhatItWritesItself() {
        RollUpDocument revoking = full(List.of(new RevokedPlan("KH-288-2024", LocalDate.parse("2025-07-01"))));
        for (RollUpDocument rollUp : List.of(full(List.of()), revoking, sparse())) {
            Document bySpring = new Document();
            spring.write(rollUp, bySpring);

            assertThat(RollUpBson.read(bySpring)).isEqualTo(rollUp);
            assertThat(RollUpBson.read(RollUpBson.write(rollUp))).isEqualTo(rollUp);
            assertThat(spring.read(RollUpDocument.class, RollUpBson.write(rollUp))).isEqualTo(rollUp);
        }
    }

    @Test
    void aRevokedPlansDayIsStoredAsTheDayNotAsAnInstantOfTheWritersTimeZone() {
        RollUpDocument rollUp = full(List.of(new RevokedPlan("KH-288-2024", LocalDate.parse("2025-07-01"))));

        Document written = RollUpBson.write(rollUp);

        assertThat(written.getList("revokedPlans", Document.class)).containsExactly(
                new Document("planId", "KH-288-2024").append("revokedOn", "2025-07-01"));
        Document earlier = new Document("planId", "KH-288-2024").append("revokedOn",
                Date.from(LocalDate.parse("2025-07-01").atStartOfDay(ZoneId.systemDefault()).toInstant()));
        written.put("revokedPlans", List.of(earlier));
        assertThat(RollUpBson.read(written).revokedPlans()).as("a day stored as a date by earlier versions")
                .containsExactly(new RevokedPlan("KH-288-2024", LocalDate.parse("2025-07-01")));
    }

    @Test
    void decimalsKeepTheirScaleAndEveryPartOfAValue() {
        RollUpDocument rollUp = full(List.of());

        RollUpDocument read = RollUpBson.read(RollUpBson.write(rollUp));

        AggregatedValue rate = read.values().get("GDNN_INTAKE_RATE");
        assertThat(rate.value()).hasToString("60.00");
        assertThat(rate.numerator()).hasToString("120");
        assertThat(read.children().get(1).values().get("GDNN_GRADUATES").max()).hasToString("7.50");
        assertThat(read.targets().get(0).upper()).hasToString("65.0");
    }

    private static RollUpDocument full(List<RevokedPlan> revokedPlans) {
        Instant asOf = Instant.parse("2024-12-04T02:15:03.120Z");
        List<Contribution> children = List.of(
                new Contribution("10813", Contribution.Source.REPORT, 2, Map.of(
                        "GDNN_INTAKE_RATE", new Parts(null, new BigDecimal("120"), new BigDecimal("200"), null, null, 1)),
                        new Completeness(1, 1, 0, 1)),
                new Contribution("294", Contribution.Source.ROLLUP, 7, Map.of(
                        "GDNN_GRADUATES", new Parts(new BigDecimal("31"), null, null, new BigDecimal("0"),
                                new BigDecimal("7.50"), 12)),
                        new Completeness(14, 12, 11, 1)));
        return new RollUpDocument("HD-GDNN-ANNUAL|2024|30", "HD-GDNN-ANNUAL", "2024", "30", 9, UnitLevel.PROVINCE,
                "MINISTRY", asOf, children,
                Map.of("GDNN_INTAKE_RATE", AggregationRule.RATIO_OF_SUMS, "GDNN_GRADUATES", AggregationRule.SUM),
                Map.of("GDNN_INTAKE_RATE", new AggregatedValue(AggregationRule.RATIO_OF_SUMS, new BigDecimal("60.00"),
                                null, new BigDecimal("120"), new BigDecimal("200"), null, null, 1),
                        "GDNN_GRADUATES", new AggregatedValue(AggregationRule.SUM, new BigDecimal("31"),
                                new BigDecimal("31"), null, null, new BigDecimal("0"), new BigDecimal("7.50"), 12)),
                new Completeness(15, 13, 11, 2),
                List.of(new TargetProgress("GDNN_INTAKE_RATE", "KH-294-2023-CT21", 2024, TargetComparator.RANGE,
                                new BigDecimal("55"), new BigDecimal("65.0"), new BigDecimal("60.00"), true, null),
                        new TargetProgress("GDNN_GRADUATES", "KH-294-2023-CT21", 2024, TargetComparator.AT_LEAST,
                                new BigDecimal("40"), null, new BigDecimal("31"), false, new BigDecimal("-9"))),
                revokedPlans,
                List.of(new OutboxEvent("e-1", "cascade.aggregate.updated", "cascade.aggregates.v1",
                                "HD-GDNN-ANNUAL|2024|30", "HD-GDNN-ANNUAL|2024|30", asOf, "{\"seq\":9}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
                        new OutboxEvent("e-2", "cascade.rollup.contributed", "cascade.rollup.v1", "MINISTRY",
                                "HD-GDNN-ANNUAL|2024|30", asOf, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                true, 41);
    }

    /** Everything that may be absent, absent. */
    private static RollUpDocument sparse() {
        return new RollUpDocument("HD-GDNN-ANNUAL|2024|MINISTRY", null, null, null, 1, null, null, null, List.of(),
                Map.of(), Map.of(), null, List.of(), List.of(), List.of(), false, 0);
    }
}
