package dev.cascade.aggregation;

import dev.cascade.platform.security.Role;
import dev.cascade.platform.test.TestIssuer;
import dev.cascade.platform.kafka.CloudEventReader;
import dev.cascade.aggregation.rollup.Contribution;
import dev.cascade.aggregation.rollup.engine.Outbox;
import dev.cascade.platform.outbox.EventProducer;
import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.aggregation.rollup.engine.RollUpDocument;
import dev.cascade.contracts.AggregateKey;
import dev.cascade.contracts.CloudEventHeaders;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.GoldenFiles;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.AggregateUpdated;
import dev.cascade.contracts.events.Completeness;
import dev.cascade.contracts.events.IndicatorValue;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.ReportSubmitted;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitUpserted;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;

/**
 * The service on a real Kafka broker (embedded, KRaft) and the embedded MongoDB-wire server: units, the golden plan
 * of province 30 and the reports of communes A = 10813, B = 10816 (district 294) and C = 10507 (district 288) roll
 * up to district, province and ministry. The steps build on each other, in order. The query API is read with real
 * tokens: the province's viewer and reviewer for the province and its districts, a district's reviewer for its own
 * feed, the ministry's analyst elsewhere.
 */
@TestPropertySource(properties = {
        "spring.mongodb.database=cascade-aggregation-flow-test",
        "cascade.aggregation.retry.max-attempts=30",
        "logging.level.dev.cascade=DEBUG"})
class AggregationFlowIT extends FlowTestSupport {

    static final String PROGRAMME = "HD-GDNN-ANNUAL";
    static final String A = "10813";
    static final String B = "10816";
    static final String C = "10507";
    /** The province's own people: its VIEWER and its REVIEWER read it and everything beneath it. */
    static final String PROVINCE = TestIssuer.shared().bearer("viewer-30", "30", Role.VIEWER);
    static final String PROVINCE_REVIEWER = TestIssuer.shared().bearer("reviewer-30", "30", Role.REVIEWER);

    @Autowired
    org.springframework.test.web.servlet.MockMvc mockMvc;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    @Autowired
    Outbox outbox;
    @Autowired
    CloudEventReader reader;
    @MockitoSpyBean
    EventProducer sender;

    @Override
    List<String> watchedTopics() {
        return List.of(Topics.AGGREGATES, Topics.ROLLUP, Topics.deadLetter(Topics.REPORTS),
                Topics.deadLetter(Topics.ROLLUP));
    }

    @Test
    @Order(1)
    void reportsRollUpExactlyToDistrictProvinceAndMinistry() {
        // A's report (the golden) arrives before any unit or plan: it is retried until they are known
        sendReport(GoldenFiles.read(EventTypes.REPORT_SUBMITTED).getBytes(StandardCharsets.UTF_8),
                EventTypes.REPORT_SUBMITTED, "294");
        sendUnit(unit("BGDDT", "Bộ Giáo dục và Đào tạo", UnitLevel.MINISTRY, null));
        sendUnit(unit("30", "Tỉnh Hải Dương", UnitLevel.PROVINCE, "BGDDT"));
        sendUnit(unit("294", "Huyện Thanh Hà", UnitLevel.DISTRICT, "30"));
        sendUnit(unit("288", "Thành phố Hải Dương", UnitLevel.DISTRICT, "30"));
        kafka.send(Topics.UNITS, A, EventTypes.UNIT_UPSERTED,
                GoldenFiles.read(EventTypes.UNIT_UPSERTED).getBytes(StandardCharsets.UTF_8));
        sendUnit(unit(B, "Xã Hồng Lạc", UnitLevel.COMMUNE, "294"));
        sendUnit(unit(C, "Phường Cẩm Thượng", UnitLevel.COMMUNE, "288"));
        kafka.send(Topics.PLANS, "KH-30-2023-2625", EventTypes.PLAN_ISSUED,
                GoldenFiles.read(EventTypes.PLAN_ISSUED).getBytes(StandardCharsets.UTF_8));

        AggregateUpdated ministryAfterA = awaitVersion("BGDDT", 1);
        assertThat(ministryAfterA.values().get(RATE).value()).isEqualTo("60.00");
        assertThat(ministryAfterA.completeness()).isEqualTo(new Completeness(3, 1, 1, 0));

        clock.set(Instant.parse("2024-12-04T02:15:03Z"));
        sendReport(report(B, 1, 90, 150, 20), EventTypes.REPORT_SUBMITTED, "294");
        awaitVersion("BGDDT", 2);

        clock.set(Instant.parse("2024-12-04T02:15:04Z"));
        sendReport(report(C, 1, 50, 100, 10), EventTypes.REPORT_SUBMITTED, "288");
        AggregateUpdated ministry = awaitVersion("BGDDT", 3);

        AggregateUpdated district294 = latest("294");
        assertThat(district294.version()).isEqualTo(2);
        assertThat(district294.level()).isEqualTo(UnitLevel.DISTRICT);
        assertThat(district294.parentCode()).isEqualTo("30");
        assertThat(district294.values().get(RATE).value()).isEqualTo("60.00");
        assertThat(district294.values().get(RATE).numerator()).isEqualByComparingTo("210");
        assertThat(district294.values().get(RATE).denominator()).isEqualByComparingTo("350");
        assertThat(district294.values().get(ENROLMENT).value()).isEqualByComparingTo("55");
        assertThat(district294.completeness()).isEqualTo(new Completeness(2, 2, 2, 0));
        assertThat(district294.targets()).isEmpty();

        AggregateUpdated district288 = latest("288");
        assertThat(district288.version()).isEqualTo(1);
        assertThat(district288.values().get(RATE).value()).isEqualTo("50.00");
        assertThat(district288.values().get(ENROLMENT).value()).isEqualByComparingTo("10");
        assertThat(district288.completeness()).isEqualTo(new Completeness(1, 1, 1, 0));

        AggregateUpdated province = latest("30");
        assertThat(province.version()).isEqualTo(3);
        assertThat(province.values().get(RATE).value()).isEqualTo("57.78");
        assertThat(province.values().get(RATE).numerator()).isEqualByComparingTo("260");
        assertThat(province.values().get(RATE).denominator()).isEqualByComparingTo("450");
        assertThat(province.values().get(ENROLMENT).value()).isEqualByComparingTo("65");
        assertThat(province.completeness()).isEqualTo(new Completeness(3, 3, 3, 0));
        assertThat(province.targets()).singleElement().satisfies(t -> {
            assertThat(t.indicator()).isEqualTo(RATE);
            assertThat(t.year()).isEqualTo(2030);
            assertThat(t.met()).isFalse();
            assertThat(t.gap()).isEqualTo("2.78");
        });

        assertThat(ministry.level()).isEqualTo(UnitLevel.MINISTRY);
        assertThat(ministry.parentCode()).isNull();
        assertThat(ministry.values().get(RATE).value()).isEqualTo("57.78");
        assertThat(ministry.values().get(ENROLMENT).value()).isEqualByComparingTo("65");
        assertThat(ministry.completeness()).isEqualTo(new Completeness(3, 3, 3, 0));
        assertThat(ministry.targets()).isEmpty();

        // every version of every aggregate was published once, in order
        assertThat(versions("294")).containsExactly(1L, 2L);
        assertThat(versions("288")).containsExactly(1L);
        assertThat(versions("30")).containsExactly(1L, 2L, 3L);
        assertThat(versions("BGDDT")).containsExactly(1L, 2L, 3L);
        // the ministry is the root: it contributes to no one
        assertThat(kafka.poll()).noneMatch(r -> r.topic().equals(Topics.ROLLUP)
                && r.value().contains("\"unitCode\":\"BGDDT\""));
    }

    @Test
    @Order(2)
    void publishedEventsMatchTheGoldenFilesAndCarryCloudEventsHeaders() {
        ConsumerRecord<String, String> province = kafka.seen(Topics.AGGREGATES, key("30")).stream()
                .filter(r -> versionOf(r) == 3).findFirst().orElseThrow();
        GoldenFiles.assertMatches(EventTypes.AGGREGATE_UPDATED, province.value());
        assertThat(KafkaTopicProbe.header(province, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.AGGREGATE_UPDATED);
        assertThat(KafkaTopicProbe.header(province, CloudEventHeaders.SOURCE))
                .isEqualTo("/cascade/aggregation-service");
        assertThat(KafkaTopicProbe.header(province, CloudEventHeaders.SUBJECT)).isEqualTo(key("30"));
        assertThat(KafkaTopicProbe.header(province, CloudEventHeaders.TIME)).isEqualTo("2024-12-04T02:15:04Z");
        assertThat(KafkaTopicProbe.header(province, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(KafkaTopicProbe.header(province, CloudEventHeaders.ID)).isNotBlank();

        ConsumerRecord<String, String> district = kafka.seen(Topics.ROLLUP, "30").stream()
                .filter(r -> r.value().contains("\"unitCode\":\"294\"") && r.value().contains("\"seq\":2"))
                .findFirst().orElseThrow();
        GoldenFiles.assertMatches(EventTypes.ROLLUP_CONTRIBUTED, district.value());
        assertThat(KafkaTopicProbe.header(district, CloudEventHeaders.TYPE))
                .isEqualTo(EventTypes.ROLLUP_CONTRIBUTED);
    }

    @Test
    @Order(3)
    void queryShowsTheAggregateWithItsChildren() {
        var province = readOk(PROVINCE, "/aggregates/{p}/{period}/{unit}", PROGRAMME, "2024", "30");
        province.extractingPath("$.version").asNumber().isEqualTo(3);
        assertPlace(province, "PROVINCE", "BGDDT");
        province.extractingPath("$.values.GDNN_INTAKE_RATE.value").asNumber().isEqualTo(57.78);
        province.extractingPath("$.values.GDNN_INTAKE_RATE.numerator").asNumber().isEqualTo(260);
        province.extractingPath("$.values.GDNN_NEW_ENROLMENT.value").asNumber().isEqualTo(65);
        assertCompleteness(province, 3, 3);
        province.extractingPath("$.targets[0].gap").asNumber().isEqualTo(2.78);
        province.extractingPath("$.children[*].unitCode").asArray().containsExactly("288", "294");
        province.extractingPath("$.children[1].source").isEqualTo("ROLLUP");
        province.extractingPath("$.children[1].version").asNumber().isEqualTo(2);
        province.extractingPath("$.children[1].values.GDNN_INTAKE_RATE.value").asNumber().isEqualTo(60.00);
        province.extractingPath("$.children[1].completeness.received").asNumber().isEqualTo(2);

        var district = readOk(PROVINCE_REVIEWER, "/aggregates/{p}/{period}/{unit}", PROGRAMME, "2024", "294");
        district.extractingPath("$.children[*].unitCode").asArray().containsExactly(A, B);
        district.extractingPath("$.children[0].source").isEqualTo("REPORT");
        district.extractingPath("$.children[0].version").asNumber().isEqualTo(1);
        district.extractingPath("$.children[0].values.GDNN_INTAKE_RATE.value").asNumber().isEqualTo(60.00);
        district.extractingPath("$.children[0].values.GDNN_NEW_ENROLMENT.value").asNumber().isEqualTo(35);
        district.extractingPath("$.children[0].completeness.onTime").asNumber().isEqualTo(1);
    }

    @Test
    @Order(4)
    void unknownAggregateIsAProblemDocument() {
        var problem = assertThat(mvc.get().uri("/aggregates/{p}/{period}/{unit}", PROGRAMME, "2024", "99999").header("Authorization", MINISTRY))
                .hasStatus(404).hasContentType("application/problem+json").bodyJson();
        problem.extractingPath("$.status").asNumber().isEqualTo(404);
        problem.extractingPath("$.aggregateKey").isEqualTo(key("99999"));
        problem.extractingPath("$.errors[0].field").isEqualTo("unitCode");
    }

    @Test
    @Order(5)
    void duplicatesAndAStaleRevisionChangeNothing() {
        // B's third version arrives before its second: the second, when it comes, is stale
        sendReport(report(B, 3, 100, 150, 25), EventTypes.REPORT_REVISED, "294");
        AggregateUpdated ministry = awaitVersion("BGDDT", 4);
        assertThat(ministry.values().get(RATE).value()).isEqualTo("60.00"); // 270/450
        assertThat(ministry.values().get(ENROLMENT).value()).isEqualByComparingTo("70");

        sendReport(report(B, 2, 10, 150, 1), EventTypes.REPORT_REVISED, "294");
        byte[] goldenA = GoldenFiles.read(EventTypes.REPORT_SUBMITTED).getBytes(StandardCharsets.UTF_8);
        sendReport(goldenA, EventTypes.REPORT_SUBMITTED, "294");
        sendReport(goldenA, EventTypes.REPORT_SUBMITTED, "294");
        await().atMost(PATIENCE).until(() -> kafka.caughtUp("aggregation-service",
                List.of(Topics.REPORTS, Topics.ROLLUP)));

        assertThat(versions("294")).containsExactly(1L, 2L, 3L);
        assertThat(versions("30")).containsExactly(1L, 2L, 3L, 4L);
        assertThat(versions("BGDDT")).containsExactly(1L, 2L, 3L, 4L);
        AggregateUpdated district = latest("294");
        assertThat(district.values().get(RATE).value()).isEqualTo("62.86"); // 220/350
        assertThat(district.values().get(ENROLMENT).value()).isEqualByComparingTo("60");
        assertThat(district.completeness()).isEqualTo(new Completeness(2, 2, 2, 0));
        RollUpDocument stored = engine.find(new AggregateKey(PROGRAMME, "2024", "294")).orElseThrow();
        assertThat(stored.seq()).isEqualTo(3);
        assertThat(stored.children()).extracting(c -> c.childCode() + "@" + c.version())
                .containsExactly(A + "@1", B + "@3");
        assertThat(stored.pending()).isEmpty();
    }

    @Test
    @Order(6)
    void poisonRecordGoesToTheDeadLetterTopicAndLaterRecordsAreStillProcessed() {
        kafka.send(Topics.REPORTS, "288", EventTypes.REPORT_SUBMITTED, "{not json".getBytes(StandardCharsets.UTF_8));
        sendReport(report(C, 2, 50, 100, 12), EventTypes.REPORT_REVISED, "288");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(kafka.seen(Topics.deadLetter(Topics.REPORTS), "288"))
                .singleElement().satisfies(r -> assertThat(r.value()).isEqualTo("{not json")));
        AggregateUpdated ministry = awaitVersion("BGDDT", 5);
        assertThat(ministry.values().get(ENROLMENT).value()).isEqualByComparingTo("72");
        assertThat(latest("288").values().get(ENROLMENT).value()).isEqualByComparingTo("12");
    }

    @Test
    @Order(7)
    void eventsWhoseSendFailedAreSentWhenTheInputIsRedelivered() {
        doThrow(new IllegalStateException("broker unreachable (test)")).doCallRealMethod().when(sender)
                .send(argThat(e -> e != null && e.type().equals(EventTypes.AGGREGATE_UPDATED)
                        && e.key().equals(key("288"))));

        sendReport(report(C, 3, 50, 100, 14), EventTypes.REPORT_REVISED, "288");

        AggregateUpdated ministry = awaitVersion("BGDDT", 6);
        assertThat(ministry.values().get(ENROLMENT).value()).isEqualByComparingTo("74");
        assertThat(versions("288")).containsExactly(1L, 2L, 3L);
        assertThat(latest("288").values().get(ENROLMENT).value()).isEqualByComparingTo("14");
        assertThat(engine.find(new AggregateKey(PROGRAMME, "2024", "288")).orElseThrow().pending()).isEmpty();
    }

    @Test
    @Order(8)
    void publishPendingSendsWhatAStoppedProcessLeftUnsent() {
        // the state a process leaves when it stops between saving a roll-up and sending its events
        AggregateKey key = new AggregateKey("SWEEP-TEST", "2024", "BGDDT");
        AggregateUpdated event = new AggregateUpdated(key.programme(), key.period(), key.unitCode(),
                UnitLevel.MINISTRY, null, 1, Instant.parse("2024-12-04T02:15:05Z"), Map.of(),
                new Completeness(0, 0, 0, 0), List.of());
        OutboxEvent pending = new OutboxEvent("sweep-event-1", EventTypes.AGGREGATE_UPDATED, Topics.AGGREGATES,
                key.toString(), key.toString(), event.asOf(), json.writeValueAsBytes(event));
        mongo.insert(new RollUpDocument(key.toString(), key.programme(), key.period(), key.unitCode(), 1,
                UnitLevel.MINISTRY, null, event.asOf(), List.of(), Map.of(), Map.of(), event.completeness(),
                List.of(), List.of(), List.of(pending), true, 1));

        assertThat(outbox.publishPending()).isEqualTo(1);
        assertThat(outbox.publishPending()).isZero();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(kafka.seen(Topics.AGGREGATES, key.toString()))
                .singleElement().satisfies(r -> {
                    assertThat(KafkaTopicProbe.header(r, CloudEventHeaders.ID)).isEqualTo("sweep-event-1");
                    assertThat(json.readValue(r.value(), AggregateUpdated.class)).isEqualTo(event);
                }));
        assertThat(engine.find(key).orElseThrow().hasPending()).isFalse();
    }

    @Test
    @Order(9)
    void goldenInputsAreReadByTheServiceReader() {
        UnitUpserted unit = reader.read(golden(EventTypes.UNIT_UPSERTED, CloudEventHeaders.TYPE), UnitUpserted.class,
                EventTypes.UNIT_UPSERTED).orElseThrow();
        assertThat(unit.code()).isEqualTo(A);
        assertThat(unit.version()).isEqualTo(2);
        assertThat(unit.placementOn(LocalDate.of(2024, 12, 14)).orElseThrow().parentCode()).isEqualTo("294");

        PlanIssued plan = reader.read(golden(EventTypes.PLAN_ISSUED, CloudEventHeaders.TYPE), PlanIssued.class,
                EventTypes.PLAN_ISSUED).orElseThrow();
        assertThat(plan.issuerUnitCode()).isEqualTo("30");
        assertThat(plan.programme().code()).isEqualTo(PROGRAMME);
        assertThat(plan.programme().periods()).singleElement()
                .satisfies(p -> assertThat(p.cutOffEnd()).isEqualTo(LocalDate.of(2024, 12, 14)));
        assertThat(plan.programme().dataForm()).extracting(d -> d.code() + "=" + d.aggregation())
                .containsExactly(RATE + "=RATIO_OF_SUMS", ENROLMENT + "=SUM");
        assertThat(plan.reportingUnits()).containsExactly(A, B, C);

        ReportSubmitted submitted = reader.read(golden(EventTypes.REPORT_SUBMITTED, CloudEventHeaders.TYPE),
                ReportSubmitted.class, EventTypes.REPORT_SUBMITTED, EventTypes.REPORT_REVISED).orElseThrow();
        Contribution first = Contribution.of(submitted);
        assertThat(first.childCode()).isEqualTo(A);
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.values().get(RATE).numerator()).isEqualByComparingTo("120");
        assertThat(first.values().get(RATE).denominator()).isEqualByComparingTo("200");
        assertThat(first.values().get(ENROLMENT).sum()).isEqualByComparingTo("35");
        assertThat(first.completeness()).isEqualTo(new Completeness(1, 1, 1, 0));

        // a Spring producer's headers reach the consumer renamed to the canonical ce- prefix
        ReportSubmitted revised = reader.read(golden(EventTypes.REPORT_REVISED, "ce-type"), ReportSubmitted.class,
                EventTypes.REPORT_SUBMITTED, EventTypes.REPORT_REVISED).orElseThrow();
        assertThat(Contribution.of(revised).version()).isEqualTo(2);
        assertThat(Contribution.of(revised).values().get(RATE).numerator()).isEqualByComparingTo("125");

        assertThat(reader.read(MessageBuilder.withPayload("{}".getBytes(StandardCharsets.UTF_8))
                .setHeader(CloudEventHeaders.TYPE, EventTypes.OBLIGATION_OPENED).build(), ReportSubmitted.class,
                EventTypes.REPORT_SUBMITTED)).as("a type the binding does not handle is skipped").isEmpty();
    }

    @Test
    @Order(10)
    void amendedPlanChangesTheExpectedReportersOfExistingAggregates() {
        sendUnit(unit("10825", "Xã Tân Việt", UnitLevel.COMMUNE, "294"));
        PlanIssued golden = json.readValue(GoldenFiles.read(EventTypes.PLAN_ISSUED), PlanIssued.class);
        PlanIssued amended = new PlanIssued(golden.planId(), golden.number(), golden.title(),
                golden.issuerUnitCode(), golden.issueDate(), golden.basis(), golden.horizonStart(),
                golden.horizonEnd(), golden.targets(), golden.tasks(), golden.programme(),
                List.of(A, B, C, "10825"), 2);
        kafka.send(Topics.PLANS, amended.planId(), EventTypes.PLAN_ISSUED, json.writeValueAsBytes(amended));

        AggregateUpdated ministry = awaitAggregate("BGDDT", a -> a.completeness().expected() == 4);
        assertThat(ministry.completeness()).isEqualTo(new Completeness(4, 3, 3, 0));
        assertThat(ministry.values().get(ENROLMENT).value()).isEqualByComparingTo("74");
        AggregateUpdated district = awaitAggregate("294", a -> a.completeness().expected() == 3);
        assertThat(district.completeness()).isEqualTo(new Completeness(3, 2, 2, 0));
        assertThat(district.values().get(RATE).value()).isEqualTo("62.86");
        assertThat(awaitAggregate("30", a -> a.completeness().expected() == 4).completeness())
                .isEqualTo(new Completeness(4, 3, 3, 0));
        assertThat(latest("288").completeness()).isEqualTo(new Completeness(1, 1, 1, 0));
    }

    @Test
    @Order(11)
    void missingUnitsListsTheReportersBeneathThatHaveNotReported() {
        // after the amendment 10825 (district 294) is expected and has not reported
        var province = readMissing(PROGRAMME, "2024", "30", 4, 3, "10825");
        province.extractingPath("$.missing[0].parentCode").isEqualTo("294");
        province.extractingPath("$.missing[0].name").isEqualTo("Xã Tân Việt");

        var district = readOk(MINISTRY, "/aggregates/{p}/{period}/{unit}/missing", PROGRAMME, "2024", "288");
        district.extractingPath("$.expected").asNumber().isEqualTo(1);
        district.extractingPath("$.missing").asArray().isEmpty();
    }

    @Test
    @Order(12)
    void unitWithReportersExpectedButNothingReportedShowsZeroOfN() {
        sendUnit(unit("299", "Huyện Thanh Miện", UnitLevel.DISTRICT, "30"));
        sendUnit(unit("10900", "Xã Đoàn Tùng", UnitLevel.COMMUNE, "299"));
        PlanIssued golden = json.readValue(GoldenFiles.read(EventTypes.PLAN_ISSUED), PlanIssued.class);
        PlanIssued amended = new PlanIssued(golden.planId(), golden.number(), golden.title(),
                golden.issuerUnitCode(), golden.issueDate(), golden.basis(), golden.horizonStart(),
                golden.horizonEnd(), golden.targets(), golden.tasks(), golden.programme(),
                List.of(A, B, C, "10825", "10900"), 3);
        kafka.send(Topics.PLANS, amended.planId(), EventTypes.PLAN_ISSUED, json.writeValueAsBytes(amended));
        awaitAggregate("30", a -> a.completeness().expected() == 5);

        var district = readOk(MINISTRY, "/aggregates/{p}/{period}/{unit}", PROGRAMME, "2024", "299");
        district.extractingPath("$.version").asNumber().isEqualTo(0);
        assertPlace(district, "DISTRICT", "30");
        assertCompleteness(district, 1, 0);
        district.extractingPath("$.values").asMap().isEmpty();
        readOk(MINISTRY, "/aggregates/{p}/{period}/{unit}/missing", PROGRAMME, "2024", "299")
                .extractingPath("$.missing[*].unitCode").asArray()
                .containsExactly("10900");
    }

    @Test
    @Order(13)
    void seriesListsTheUnitsAggregatesByPeriod() {
        var series = readOk(MINISTRY, "/aggregates/{p}/series/{unit}", PROGRAMME, "30");
        series.extractingPath("$[*].period").asArray().containsExactly("2024");
        series.extractingPath("$[0].values.GDNN_NEW_ENROLMENT.value").asNumber().isEqualTo(74);
        series.extractingPath("$[0].completeness.expected").asNumber().isEqualTo(5);
        series.extractingPath("$[0].children").asArray().isEmpty();
    }

    @Test
    @Order(14)
    void liveFeedStreamsTheChangesUnderAUnit() throws Exception {
        var feed = mockMvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .get("/aggregates/{p}/{period}/{unit}/feed", PROGRAMME, "2024", "30").header("Authorization", PROVINCE))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.request().asyncStarted())
                .andReturn();
        var otherDistrict = mockMvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .get("/aggregates/{p}/{period}/{unit}/feed", PROGRAMME, "2024", "288")
                        .header("Authorization", TestIssuer.shared().bearer("reviewer-288", "288", Role.REVIEWER)))
                .andReturn();

        sendReport(report(B, 4, 100, 150, 30), EventTypes.REPORT_REVISED, "294");

        await().atMost(PATIENCE).untilAsserted(() -> {
            String events = feed.getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(events).contains("event:aggregate").contains("id:" + key("294") + "|")
                    .contains("id:" + key("30") + "|").contains("\"unitCode\":\"294\"");
        });
        // the ministry is above province 30, district 288 is beside 294: neither is streamed
        String events = feed.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(events).doesNotContain("id:" + key("BGDDT") + "|");
        assertThat(otherDistrict.getResponse().getContentAsString(StandardCharsets.UTF_8)).doesNotContain("event:");
    }

    @Test
    @Order(15)
    void rollUpLatencyIsMeasuredAtEveryLevelFromTheReportsSubmission() {
        for (String level : List.of("DISTRICT", "PROVINCE", "MINISTRY")) {
            var timer = meters.find("cascade.rollup.latency").tag("level", level).timer();
            assertThat(timer).as("latency timer of %s", level).isNotNull();
            assertThat(timer.count()).as("changes measured at %s", level).isGreaterThanOrEqualTo(3);
            // the reports were submitted at 02:15:00Z, the test clock never went back before 02:15:01Z
            assertThat(timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
                    .isGreaterThanOrEqualTo(1000.0 * timer.count());
        }
    }

    @Test
    @Order(16)
    void aReportOutsideTheDomainIsDeadLetteredAndChangesNothing() {
        AggregateUpdated before = latest("288");
        kafka.send(Topics.REPORTS, "288", EventTypes.REPORT_REVISED, new String(report(C, 9, 50, 100, 14),
                StandardCharsets.UTF_8).replace("\"value\":14", "\"value\":1E+400").getBytes(StandardCharsets.UTF_8));
        sendReport(report(C, 10, 50, 100, 16), EventTypes.REPORT_REVISED, "288");

        AggregateUpdated after = awaitAggregate("288", a -> a.version() > before.version());
        assertThat(after.values().get(ENROLMENT).value()).isEqualByComparingTo("16");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(kafka.seen(Topics.deadLetter(Topics.REPORTS), "288"))
                .anySatisfy(r -> assertThat(r.value()).contains("1E+400").contains("\"reportVersion\":9")));
        assertThat(versions("288")).as("the poison made no version").last().isEqualTo(after.version());
    }

    @Test
    @Order(17)
    void anInputThatFailsUnexpectedlyInTheMiddleOfABatchIsDeadLetteredAloneAndTheRestIsApplied() {
        sendUnit(unit("297", "Huyện Tứ Kỳ", UnitLevel.DISTRICT, "30"));
        await().atMost(PATIENCE).until(() -> kafka.caughtUp("aggregation-service",
                List.of(Topics.UNITS, Topics.REPORTS, Topics.ROLLUP)));
        AggregateUpdated province = awaitVersion("30",
                engine.find(new AggregateKey(PROGRAMME, "2024", "30")).orElseThrow().seq());
        BigDecimal enrolment = province.values().get(ENROLMENT).value();

        // one burst on the province's partition: the district 297's roll-up carries a sum no store can keep exactly
        // (what the door now refuses, but a record on the topic can still say it): storing province 30 fails
        kafka.send(Topics.ROLLUP, "30", EventTypes.ROLLUP_CONTRIBUTED, contribution("299", 1, "5"));
        kafka.send(Topics.ROLLUP, "30", EventTypes.ROLLUP_CONTRIBUTED, contribution("297", 1, "1E+400"));
        kafka.send(Topics.ROLLUP, "30", EventTypes.ROLLUP_CONTRIBUTED, contribution("299", 2, "7"));

        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(
                kafka.seen(Topics.deadLetter(Topics.ROLLUP), "30")).singleElement().satisfies(r -> {
                    assertThat(r.value()).contains("\"unitCode\":\"297\"");
                    assertThat(KafkaTopicProbe.header(r, "x-exception-message")).isNotBlank();
                }));
        AggregateUpdated after = awaitAggregate("30", a -> a.values().get(ENROLMENT) != null
                && a.values().get(ENROLMENT).value()
                .compareTo(enrolment.add(BigDecimal.valueOf(7))) == 0);
        assertThat(engine.find(new AggregateKey(PROGRAMME, "2024", "30")).orElseThrow().children())
                .extracting(c -> c.childCode() + "@" + c.version()).contains("299@2").noneMatch(c -> c.startsWith("297"));
        // and the partition goes on: a later report still reaches the ministry
        sendReport(report(C, 11, 50, 100, 18), EventTypes.REPORT_REVISED, "288");
        awaitAggregate("BGDDT", a -> a.values().get(ENROLMENT).value()
                .compareTo(after.values().get(ENROLMENT).value().add(BigDecimal.valueOf(2))) == 0);
    }

    private byte[] contribution(String district, long seq, String enrolment) {
        return """
                {"programme":"%s","period":"2024","unitCode":"%s","parentCode":"30","seq":%d,
                 "asOf":"2024-12-04T02:15:05Z","completeness":{"expected":1,"received":1,"onTime":1,"late":0},
                 "values":{"%s":{"rule":"SUM","count":1,"sum":%s,"value":%s}}}
                """.formatted(PROGRAMME, district, seq, ENROLMENT, enrolment, enrolment).getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------------------------

    private static String key(String unit) {
        return new AggregateKey(PROGRAMME, "2024", unit).toString();
    }

    private void sendReport(byte[] payload, String type, String parent) {
        kafka.send(Topics.REPORTS, parent, type, payload);
    }

    private static UnitUpserted unit(String code, String name, UnitLevel level, String parent) {
        LocalDate end = level == UnitLevel.MINISTRY ? null : LocalDate.of(2025, 6, 30);
        return new UnitUpserted(code, List.of(new UnitPlacement("2025-03", null, end, name, level.name(), level,
                parent)), 1);
    }

    private byte[] report(String unit, int version, long numerator, long denominator, long enrolment) {
        String parent = unit.equals(C) ? "288" : "294";
        return json.writeValueAsBytes(new ReportSubmitted("report-" + unit, version, "KH-30-2023-2625", PROGRAMME,
                "2024", unit, parent, "Nguyễn Văn An", Instant.parse("2024-12-04T02:15:00Z"), false,
                Map.of(RATE, IndicatorValue.ratio(numerator, denominator), ENROLMENT, IndicatorValue.count(enrolment)),
                List.of(), Map.of()));
    }

    private AggregateUpdated awaitVersion(String unit, long version) {
        return await().atMost(PATIENCE).until(() -> kafka.seen(Topics.AGGREGATES, key(unit)).stream()
                .map(this::aggregate).filter(a -> a.version() == version).findFirst().orElse(null),
                java.util.Objects::nonNull);
    }

    private AggregateUpdated awaitAggregate(String unit, java.util.function.Predicate<AggregateUpdated> condition) {
        return await().atMost(PATIENCE).until(() -> {
            List<ConsumerRecord<String, String>> records = kafka.seen(Topics.AGGREGATES, key(unit));
            return records.isEmpty() ? null : aggregate(records.get(records.size() - 1));
        }, a -> a != null && condition.test(a));
    }

    private Message<byte[]> golden(String type, String typeHeader) {
        return MessageBuilder.withPayload(GoldenFiles.read(type).getBytes(StandardCharsets.UTF_8))
                .setHeader(typeHeader, type).build();
    }

    private AggregateUpdated latest(String unit) {
        List<ConsumerRecord<String, String>> records = kafka.seen(Topics.AGGREGATES, key(unit));
        return aggregate(records.get(records.size() - 1));
    }

    private List<Long> versions(String unit) {
        return kafka.seen(Topics.AGGREGATES, key(unit)).stream().map(this::versionOf).toList();
    }

    private long versionOf(ConsumerRecord<String, String> record) {
        return aggregate(record).version();
    }

    private AggregateUpdated aggregate(ConsumerRecord<String, String> record) {
        return json.readValue(record.value(), AggregateUpdated.class);
    }
}
