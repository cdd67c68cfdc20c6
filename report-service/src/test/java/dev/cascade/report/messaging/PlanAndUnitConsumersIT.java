package dev.cascade.report.messaging;

import dev.cascade.report.obligation.Obligations;
import dev.cascade.contracts.CloudEventHeaders;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.GoldenFiles;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitUpserted;
import dev.cascade.report.ReportServiceTestSupport;
import dev.cascade.report.TestData;
import dev.cascade.report.obligation.Obligation;
import dev.cascade.report.unit.UnitCopy;
import dev.cascade.report.unit.Units;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;

import static dev.cascade.report.TopicRecorder.header;
import static dev.cascade.report.TopicRecorder.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PlanAndUnitConsumersIT extends ReportServiceTestSupport {

    private static final String GOLDEN_PROGRAMME = "HD-GDNN-ANNUAL";

    @Autowired
    Units units;
    @Autowired
    StreamBridge bridge;

    @Test
    void goldenUnitUpsertedIsCopiedAndAnOlderVersionDoesNotReplaceIt() {
        byte[] golden = GoldenFiles.read(EventTypes.UNIT_UPSERTED).getBytes(StandardCharsets.UTF_8);
        publish(Topics.UNITS, "10813", EventTypes.UNIT_UPSERTED, golden);
        await().atMost(Duration.ofSeconds(30)).until(() -> units.find("10813").map(UnitCopy::version).orElse(0L) == 2);

        publishUnit(new UnitUpserted("10813", List.of(new dev.cascade.contracts.events.UnitPlacement("old", null,
                null, "Stale", "Xã", UnitLevel.COMMUNE, "999")), 1));
        publishUnit(TestData.commune("10816", "Xã Hồng Lạc", "294"));
        await().atMost(Duration.ofSeconds(30)).until(() -> units.find("10816").isPresent());

        UnitCopy copy = units.find("10813").orElseThrow();
        assertThat(copy.version()).isEqualTo(2);
        assertThat(copy.placementOn(LocalDate.of(2024, 12, 14)).orElseThrow().parentCode()).isEqualTo("294");
        assertThat(copy.placementOn(LocalDate.of(2025, 7, 1)).orElseThrow().parentCode()).isEqualTo("31");
        assertThat(copy.placementOn(LocalDate.of(2025, 7, 1)).orElseThrow().name()).isEqualTo("Xã Thanh Hà");
    }

    @Test
    void eventsPublishedByASpringProducerAreRecognisedByTheirType() {
        UnitUpserted unit = TestData.commune("10822", "Xã Thanh Xá", "294");
        var message = MessageBuilder.withPayload(json.writeValueAsBytes(unit))
                .copyHeaders(CloudEventHeaders.newEvent(EventTypes.UNIT_UPSERTED, "/cascade/plan-service",
                        unit.code(), Instant.now(clock)))
                .setHeader(KafkaHeaders.KEY, unit.code()).build();

        assertThat(bridge.send(Topics.UNITS, message)).isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> units.find("10822").isPresent());
        assertThat(units.find("10822").orElseThrow().placementOn(LocalDate.of(2024, 1, 1)).orElseThrow()
                .parentCode()).isEqualTo("294");
    }

    @Test
    void aPoisonUnitGoesToTheDeadLetterTopicAfterItsRetriesAndDoesNotBlockTheNextOne() {
        publish(Topics.UNITS, "10825", EventTypes.UNIT_UPSERTED, "{\"code\":\"10825\",\"placements\":"
                .getBytes(StandardCharsets.UTF_8));
        publishUnit(TestData.commune("10825", "Xã Tân Việt", "294"));

        await().atMost(Duration.ofSeconds(30)).until(() -> units.find("10825").isPresent());
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters().records(r -> "10825".equals(r.key()))
                .size() == 1);
        assertThat(deadLetters().records(r -> "10825".equals(r.key())).get(0).value())
                .isEqualTo("{\"code\":\"10825\",\"placements\":");
    }

    @Test
    void goldenPlanIssuedOpensOneObligationPerReportingUnitAndARedeliveryOpensNothingTwice() {
        at(START);
        unitsKnown();
        byte[] golden = GoldenFiles.read(EventTypes.PLAN_ISSUED).getBytes(StandardCharsets.UTF_8);
        publish(Topics.PLANS, "KH-30-2023-2625", EventTypes.PLAN_ISSUED, golden);

        Predicate<ConsumerRecord<String, String>> opened = ofType(EventTypes.OBLIGATION_OPENED)
                .and(r -> r.value().contains("\"" + GOLDEN_PROGRAMME + "\""));
        await().atMost(Duration.ofSeconds(30)).until(() -> recorder().records(opened).size() == 3);

        Obligation commune = obligation(GOLDEN_PROGRAMME, "2024", "10813");
        assertThat(commune.planId()).isEqualTo("KH-30-2023-2625");
        TestData.assertOpenCommune10813(commune);
        assertThat(obligation(GOLDEN_PROGRAMME, "2024", "10507").parentCode()).isEqualTo("288");
        assertThat(pending(Obligations.COLLECTION, commune.id())).as("sent, so no longer pending").isEmpty();

        ConsumerRecord<String, String> record = recorder().records(opened.and(r -> "10813".equals(r.key()))).get(0);
        GoldenFiles.assertMatches(EventTypes.OBLIGATION_OPENED, record.value());
        assertThat(header(record, "ce_type")).isEqualTo(EventTypes.OBLIGATION_OPENED);
        assertThat(header(record, "ce_subject")).isEqualTo("HD-GDNN-ANNUAL|2024|10813");
        assertThat(header(record, "ce_source")).isEqualTo("/cascade/report-service");
        assertThat(header(record, "ce_id")).isNotBlank();
        assertThat(recorder().records(opened).stream().map(ConsumerRecord::key))
                .containsExactlyInAnyOrder("10813", "10816", "10507");

        publish(Topics.PLANS, "KH-30-2023-2625", EventTypes.PLAN_ISSUED, golden);
        // a later plan acts as a barrier: once it is opened, the redelivered golden has been handled
        issueAndAwaitOpen(TestData.plan("BARRIER-1", List.of("10813"), TestData.annual(2024)), "2024");
        assertThat(recorder().records(opened)).hasSize(3);
        assertThat(obligations.ofUnit("10813", null).stream().filter(o -> o.programme().equals(GOLDEN_PROGRAMME)))
                .hasSize(1);
    }

    @Test
    void aPlanNamingAUnitNotYetKnownIsRetriedUntilTheUnitArrives() {
        at(START);
        unitsKnown();
        issue(TestData.plan("RETRY-ANNUAL", List.of("10813", "10981"), TestData.annual(2024)));
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.exists(
                org.springframework.data.mongodb.core.query.Query.query(
                        org.springframework.data.mongodb.core.query.Criteria.where("_id").is("RETRY-ANNUAL")),
                "programmes"));
        assertThat(obligations.find(Obligation.idOf("RETRY-ANNUAL", "2024", "10813"))).as("nothing opens yet")
                .isEmpty();

        publishUnit(TestData.commune("10981", "Xã Thanh Cường", "294"));

        await().atMost(Duration.ofSeconds(30)).until(() ->
                obligations.find(Obligation.idOf("RETRY-ANNUAL", "2024", "10981")).isPresent());
        assertThat(obligation("RETRY-ANNUAL", "2024", "10813").status()).isEqualTo(ObligationStatus.OPEN);
        assertThat(obligation("RETRY-ANNUAL", "2024", "10981").parentCode()).isEqualTo("294");
    }

    @Test
    void aPeriodOpensWhenItsCutOffWindowStartsAndOnlyOnce() {
        at(START);
        issueAndAwaitOpen(TestData.plan("TWO-YEARS", List.of("10813", "10816"), TestData.annual(2024),
                TestData.annual(2025)), "2024");
        assertThat(obligations.find(Obligation.idOf("TWO-YEARS", "2025", "10813"))).isEmpty();
        assertThat(openings.openDuePeriods()).as("nothing new on the same day").isZero();

        at("2024-12-15T00:00:00+07:00");
        assertThat(openings.openDuePeriods()).isEqualTo(2);
        assertThat(openings.openDuePeriods()).isZero();

        Obligation next = obligation("TWO-YEARS", "2025", "10813");
        assertThat(next.deadline()).isEqualTo(LocalDate.of(2025, 12, 5));
        // the 2025 period's hierarchy is the one valid on its cut-off end (14/12/2025): the district level is gone
        assertThat(next.parentCode()).isEqualTo("31");
        assertThat(next.ancestors()).containsExactly("31", "BGDDT");
        await().atMost(Duration.ofSeconds(30)).until(() -> recorder().records(ofType(EventTypes.OBLIGATION_OPENED)
                .and(r -> r.value().contains("\"TWO-YEARS|2025|"))).size() == 2);
    }
}
