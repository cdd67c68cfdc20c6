package dev.cascade.aggregation;

import dev.cascade.platform.ServiceApplication;
import dev.cascade.aggregation.rollup.engine.RollUpDocument;
import dev.cascade.aggregation.rollup.engine.RollUpEngine;
import dev.cascade.contracts.AggregateKey;
import dev.cascade.contracts.EmbeddedMongo;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.Completeness;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.ReportSubmitted;
import dev.cascade.contracts.events.ReportWithdrawn;
import dev.cascade.contracts.events.ReportingProgramme;
import dev.cascade.contracts.events.UnitLevel;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.cascade.aggregation.BurstTestSupport.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Whole service instances (their own application contexts) on one embedded broker: a burst of reports, revisions,
 * duplicates and withdrawals for 300 communes; the instance is closed in the middle of the burst and started again
 * (same database, same group); then a fresh instance (new database, new group) replays every input topic from
 * offset 0. Small batches (30 records) so that the burst spans many of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartAndReplayIT {

    static final String PROGRAMME = "BURST-ANNUAL";
    static final String PERIOD = "2024";
    static final String RATE = BurstTestSupport.RATE;
    static final String ENROLMENT = BurstTestSupport.ENROLMENT;
    static final int DISTRICTS = 6;
    static final int COMMUNES_PER_DISTRICT = 50;
    static final Duration PATIENCE = Duration.ofMinutes(3);
    static final AggregateKey MINISTRY = new AggregateKey(PROGRAMME, PERIOD, "BGDDT");

    EmbeddedKafkaKraftBroker broker;
    KafkaProducer<String, byte[]> producer;
    JsonMapper json = JsonMapper.builder().build();
    ConfigurableApplicationContext restarted;

    /** Latest report of each commune: what the aggregates must be computed from. */
    final Map<String, ReportSubmitted> latest = new TreeMap<>();
    final List<String> withdrawn = new ArrayList<>();

    @BeforeAll
    void broker() {
        broker = new EmbeddedKafkaKraftBroker(1, 2);
        broker.afterPropertiesSet();
        for (String topic : List.of(Topics.UNITS, Topics.PLANS, Topics.REPORTS, Topics.ROLLUP, Topics.AGGREGATES,
                Topics.deadLetter(Topics.REPORTS), Topics.deadLetter(Topics.ROLLUP))) {
            broker.addTopics(new NewTopic(topic, 2, (short) 1));
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    @AfterAll
    void stop() {
        if (restarted != null) {
            restarted.close();
        }
        producer.close();
        broker.destroy();
    }

    @Test
    @Order(1)
    void instanceClosedInTheMiddleOfABurstEndsExactAfterRestartNothingLostNothingDoubleCounted() {
        ConfigurableApplicationContext first = start("cascade-aggregation-restart", "aggregation-service");
        publishUnitsAndPlan();
        List<ProducerRecord<String, byte[]>> burst = burst(new Random(7));
        // the burst straddles the stop: part of it may be in flight when the instance closes, the rest arrives
        // while it is down (on a fast machine the first part alone could be fully applied before the close)
        List<ProducerRecord<String, byte[]>> beforeStop = burst.subList(0, burst.size() / 2);
        List<ProducerRecord<String, byte[]>> whileDown = burst.subList(burst.size() / 2, burst.size());
        beforeStop.forEach(producer::send);
        producer.flush();

        RollUpEngine engine = first.getBean(RollUpEngine.class);
        await().atMost(PATIENCE).until(() -> engine.find(MINISTRY).map(d -> d.completeness().received()).orElse(0) >= 30);
        first.close(); // in the middle of the burst
        whileDown.forEach(producer::send);
        producer.flush();
        int receivedAtStop;
        try (var client = com.mongodb.client.MongoClients.create(EmbeddedMongo.uri())) {
            receivedAtStop = new MongoTemplate(client, "cascade-aggregation-restart")
                    .findById(MINISTRY.toString(), RollUpDocument.class).completeness().received();
        }
        assertThat(receivedAtStop).as("stopped mid-burst").isLessThan(expectedReceived());

        restarted = start("cascade-aggregation-restart", "aggregation-service");
        RollUpEngine again = restarted.getBean(RollUpEngine.class);
        await().atMost(PATIENCE).untilAsserted(() -> assertExact(again.find(MINISTRY).orElseThrow()));
        for (int d = 1; d <= DISTRICTS; d++) {
            String district = "BD" + d;
            assertExact(again.find(new AggregateKey(PROGRAMME, PERIOD, district)).orElseThrow(),
                    latest.values().stream().filter(r -> r.parentCode().equals(district)).toList(),
                    COMMUNES_PER_DISTRICT);
        }
        assertThat(again.find(MINISTRY).orElseThrow().pending()).isEmpty();
    }

    @Test
    @Order(2)
    void freshInstanceReplayingEveryInputTopicFromOffsetZeroGetsIdenticalAggregates() {
        ConfigurableApplicationContext replay = start("cascade-aggregation-replay", "aggregation-service-replay");
        try {
            MongoTemplate original = restarted.getBean(MongoTemplate.class);
            MongoTemplate replayed = replay.getBean(MongoTemplate.class);
            Map<String, String> expected = snapshot(original);
            assertThat(expected).hasSize(1 + 1 + DISTRICTS);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(snapshot(replayed)).isEqualTo(expected));
            assertExact(replay.getBean(RollUpEngine.class).find(MINISTRY).orElseThrow());
            // the units first, then the plan, then the reports (cascade.consumer.start-after): no report was read
            // before what it refers to, so none was parked to be applied a second time
            assertThat(parked(replay)).as("inputs parked by the replaying instance").isZero();
        } finally {
            replay.close();
        }
    }

    @Test
    @Order(3)
    void reportsReadBeforeTheirPlanAreParkedAndAppliedCoalescedPerRollUpOnceThePlanArrives() {
        String programme = "LATE-ANNUAL";
        List<String> communes = new ArrayList<>();
        List<ReportSubmitted> reports = new ArrayList<>();
        Random random = new Random(11);
        for (int c = 1; c <= COMMUNES_PER_DISTRICT; c++) {
            String commune = "BC1-" + c;
            communes.add(commune);
            ReportSubmitted report = BurstTestSupport.report(random, "PLAN-LATE", programme, PERIOD, commune, "BD1", 1);
            reports.add(report);
            producer.send(record(EventTypes.REPORT_SUBMITTED, report));
        }
        producer.flush();
        MongoTemplate store = restarted.getBean(MongoTemplate.class);
        Query late = query(where("_id").regex("^REPORT\\|" + programme + "\\|"));
        double parkedBefore = parked(restarted);
        await().atMost(PATIENCE).until(() -> store.count(late, "parked_inputs") == COMMUNES_PER_DISTRICT);
        // counted once each thread's write has returned: with three consumer threads, one may still be on its way
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(parked(restarted) - parkedBefore)
                .as("counted as parked (again at each retry)").isGreaterThanOrEqualTo(COMMUNES_PER_DISTRICT));

        send(Topics.PLANS, "PLAN-LATE", EventTypes.PLAN_ISSUED, new PlanIssued("PLAN-LATE", "2/KH", "Late",
                "BGDDT", LocalDate.of(2023, 12, 1), List.of(), 2024, 2025, List.of(), List.of(),
                BurstTestSupport.programme(programme, "Late", PERIOD), communes, 1));
        producer.flush();

        RollUpEngine engine = restarted.getBean(RollUpEngine.class);
        AggregateKey district = new AggregateKey(programme, PERIOD, "BD1");
        await().atMost(PATIENCE).until(() -> engine.find(district).map(d -> d.completeness().received()).orElse(0)
                == COMMUNES_PER_DISTRICT);
        assertExact(engine.find(district).orElseThrow(), reports, COMMUNES_PER_DISTRICT, List.of());
        // each parked input is removed once its roll-up has changed, so shortly after the roll-up shows it
        await().atMost(PATIENCE).until(() -> store.count(late, "parked_inputs") == 0);
        // applied together: a handful of changes of the district's roll-up, not one per parked report
        assertThat(engine.find(district).orElseThrow().revision()).isLessThan(10);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Every roll-up of the programme as what it shows (level, parent, values, completeness, targets), by key. */
    private Map<String, String> snapshot(MongoTemplate mongo) {
        return mongo.find(query(where("programme").is(PROGRAMME)), RollUpDocument.class).stream()
                .collect(Collectors.toMap(RollUpDocument::id, d -> d.level() + " " + d.parentCode() + " "
                        + new TreeMap<>(d.values()) + " " + d.completeness() + " " + d.targets(),
                        (a, b) -> a, TreeMap::new));
    }

    /** {@code cascade.aggregation.parked}: inputs the instance parked since it started. */
    private static double parked(ConfigurableApplicationContext instance) {
        var counter = instance.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                .find("cascade.aggregation.parked").counter();
        return counter == null ? 0 : counter.count();
    }

    private int expectedReceived() {
        return DISTRICTS * COMMUNES_PER_DISTRICT - withdrawn.size();
    }

    private void assertExact(RollUpDocument ministry) {
        assertExact(ministry, List.copyOf(latest.values()), DISTRICTS * COMMUNES_PER_DISTRICT);
    }

    private void assertExact(RollUpDocument rollUp, List<ReportSubmitted> beneath, int expected) {
        assertExact(rollUp, beneath, expected, withdrawn);
    }

    private static void assertExact(RollUpDocument rollUp, List<ReportSubmitted> beneath, int expected,
                                    List<String> withdrawnUnits) {
        List<ReportSubmitted> counted = beneath.stream().filter(r -> !withdrawnUnits.contains(r.unitCode())).toList();
        BigDecimal enrolment = sum(counted, r -> r.values().get(ENROLMENT).value());
        BigDecimal numerator = sum(counted, r -> r.values().get(RATE).numerator());
        BigDecimal denominator = sum(counted, r -> r.values().get(RATE).denominator());
        long late = counted.stream().filter(ReportSubmitted::late).count();
        assertThat(rollUp.completeness()).isEqualTo(new Completeness(expected, counted.size(),
                counted.size() - (int) late, (int) late));
        assertThat(rollUp.values().get(ENROLMENT).value()).isEqualByComparingTo(enrolment);
        assertThat(rollUp.values().get(RATE).numerator()).isEqualByComparingTo(numerator);
        assertThat(rollUp.values().get(RATE).denominator()).isEqualByComparingTo(denominator);
        assertThat(rollUp.values().get(RATE).value()).isEqualTo(numerator.multiply(BigDecimal.valueOf(100))
                .divide(denominator, 2, java.math.RoundingMode.HALF_EVEN));
        assertThat(rollUp.values().get(ENROLMENT).count()).isEqualTo(counted.size());
    }

    private static BigDecimal sum(List<ReportSubmitted> reports, Function<ReportSubmitted, BigDecimal> value) {
        return reports.stream().map(value).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private ConfigurableApplicationContext start(String database, String group) {
        List<String> properties = BurstTestSupport.serviceProperties(broker.getBrokersAsString(), EmbeddedMongo.uri(),
                database, group);
        properties.addAll(List.of("cascade.aggregation.outbox.sweep-initial-delay=PT1S",
                "cascade.aggregation.outbox.sweep-interval=PT1S"));
        return ServiceApplication.builder(AggregationServiceApplication.class)
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
    }

    private void publishUnitsAndPlan() {
        send(Topics.UNITS, "BGDDT", EventTypes.UNIT_UPSERTED, unit("BGDDT", UnitLevel.MINISTRY, null));
        send(Topics.UNITS, "BP1", EventTypes.UNIT_UPSERTED, unit("BP1", UnitLevel.PROVINCE, "BGDDT"));
        List<String> communes = new ArrayList<>();
        for (int d = 1; d <= DISTRICTS; d++) {
            send(Topics.UNITS, "BD" + d, EventTypes.UNIT_UPSERTED, unit("BD" + d, UnitLevel.DISTRICT, "BP1"));
            for (int c = 1; c <= COMMUNES_PER_DISTRICT; c++) {
                String commune = "BC" + d + "-" + c;
                communes.add(commune);
                send(Topics.UNITS, commune, EventTypes.UNIT_UPSERTED, unit(commune, UnitLevel.COMMUNE, "BD" + d));
            }
        }
        ReportingProgramme programme = BurstTestSupport.programme(PROGRAMME, "Burst", PERIOD);
        send(Topics.PLANS, "PLAN-BURST", EventTypes.PLAN_ISSUED, new PlanIssued("PLAN-BURST", "1/KH", "Burst",
                "BGDDT", LocalDate.of(2023, 12, 1), List.of(), 2024, 2025, List.of(), List.of(), programme,
                communes, 1));
        producer.flush();
    }

    /** One report per commune, a revision for every third, a duplicate of every fifth, ten withdrawals; shuffled. */
    private List<ProducerRecord<String, byte[]>> burst(Random random) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> later = new ArrayList<>();
        for (int d = 1; d <= DISTRICTS; d++) {
            for (int c = 1; c <= COMMUNES_PER_DISTRICT; c++) {
                String commune = "BC" + d + "-" + c;
                ReportSubmitted first = report(random, commune, "BD" + d, 1);
                records.add(record(EventTypes.REPORT_SUBMITTED, first));
                latest.put(commune, first);
                if (c % 5 == 0) {
                    records.add(record(EventTypes.REPORT_SUBMITTED, first));
                }
                if (c % 3 == 0) {
                    ReportSubmitted revised = report(random, commune, "BD" + d, 2);
                    // revisions after their first version, on the same partition (same key): order kept
                    later.add(record(EventTypes.REPORT_REVISED, revised));
                    latest.put(commune, revised);
                }
                if (c == 7 || c == 11) {
                    withdrawn.add(commune);
                    later.add(withdrawal(commune, "BD" + d, 3));
                }
            }
        }
        Collections.shuffle(records, random);
        Collections.shuffle(later, random);
        records.addAll(later);
        return records;
    }

    private ReportSubmitted report(Random random, String commune, String district, int version) {
        return BurstTestSupport.report(random, "PLAN-BURST", PROGRAMME, PERIOD, commune, district, version);
    }

    private ProducerRecord<String, byte[]> withdrawal(String commune, String district, int version) {
        return BurstTestSupport.record(json, Topics.REPORTS, district, EventTypes.REPORT_WITHDRAWN, new ReportWithdrawn(
                "R-" + commune, version, "PLAN-BURST", PROGRAMME, PERIOD, commune, district, "Nguyễn Văn An",
                Instant.parse("2024-12-05T02:15:00Z"), "entered twice"));
    }

    private ProducerRecord<String, byte[]> record(String type, ReportSubmitted report) {
        return BurstTestSupport.record(json, type, report);
    }

    private void send(String topic, String key, String type, Object payload) {
        producer.send(BurstTestSupport.record(json, topic, key, type, payload));
    }
}
