package dev.cascade.aggregation;

import dev.cascade.platform.ServiceApplication;
import dev.cascade.platform.test.TopicContents;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.cascade.aggregation.hierarchy.UnitCopy;
import dev.cascade.aggregation.plan.ProgrammePeriod;
import dev.cascade.aggregation.rollup.Contribution;
import dev.cascade.aggregation.rollup.engine.HaltingEventSender;
import dev.cascade.aggregation.rollup.engine.Outbox;
import dev.cascade.aggregation.rollup.engine.ParkedInput;
import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.aggregation.rollup.engine.RollUpDocument;
import dev.cascade.contracts.AggregateKey;
import dev.cascade.contracts.CloudEventHeaders;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.AggregateUpdated;
import dev.cascade.contracts.events.AggregatedValue;
import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.Completeness;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.ReportSubmitted;
import dev.cascade.contracts.events.ReportingProgramme;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.crash.KilledAggregationService;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.json.JsonMapper;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.cascade.aggregation.BurstTestSupport.record;
import static dev.cascade.aggregation.BurstTestSupport.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * aggregation-service killed in the middle of a burst of reports, then restarted: the final aggregates are exact,
 * nothing is lost, nothing is counted twice.
 * <p>
 * The broker (embedded KRaft) and an in-memory MongoDB-wire store (mongo-java-server on a real TCP port) run in this
 * JVM. The service runs in a child JVM ({@link KilledAggregationService}, the real application with a halting
 * {@link dev.cascade.platform.outbox.EventProducer}), on a burst of reports from 192 of the 216 communes of
 * 6 districts in 2 provinces, with duplicates, revisions and stale revisions (a version 2 delivered after version 3).
 * The child halts itself ({@link Runtime#halt}) in the middle of the first part of the burst, at the change that
 * brings district KD1 to its final figures (all KD1 reports are in the first part, so no later input changes KD1
 * again: its last contribution to province KP1 can only come from the outbox of that killed change):
 * <ul>
 *   <li>{@code before-send}: KD1's change is saved with its two events pending, neither sent;</li>
 *   <li>{@code after-ack}: both events acknowledged by the broker, still pending in the store (sent again after the
 *   restart: duplicates by CloudEvents id that must not be counted twice).</li>
 * </ul>
 * The second part of the burst (other communes, and revisions of communes of the first part) is published while the
 * service is dead. Then a fresh instance (in this JVM, same store, same consumer group) consumes the rest and sweeps
 * the pending events. Every roll-up (6 districts, 2 provinces, BGDDT) must then equal the direct computation from the
 * latest version of each report, and the latest record of each key on {@code cascade.aggregates.v1} the stored one.
 */
class AggregationKillIT {

    static final String PROGRAMME = "KILL-ANNUAL";
    static final String PERIOD = "2024";
    static final String PLAN = "PLAN-KILL";
    static final String RATE = BurstTestSupport.RATE;
    static final String ENROLMENT = BurstTestSupport.ENROLMENT;
    static final String MINISTRY = "BGDDT";
    static final List<String> PROVINCES = List.of("KP1", "KP2");
    static final int DISTRICTS_PER_PROVINCE = 3;
    static final int COMMUNES_PER_DISTRICT = 36;
    static final int COMMUNES = PROVINCES.size() * DISTRICTS_PER_PROVINCE * COMMUNES_PER_DISTRICT;
    /** The district whose final change the child is killed in; province KP1. */
    static final String KILLED = "KD1";
    static final String DATABASE = "cascade-aggregation-kill";
    static final String GROUP = "aggregation-service-kill";
    static final Duration PATIENCE = Duration.ofMinutes(4);

    EmbeddedKafkaKraftBroker broker;
    MongoServer storeServer;
    String storeUri;
    MongoClient storeClient;
    /** The store as a plain client sees it (the service's documents, read without the service). */
    MongoTemplate store;
    KafkaProducer<String, byte[]> producer;
    Process child;
    Path info;
    ConfigurableApplicationContext restarted;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void startBrokerAndStore() {
        broker = new EmbeddedKafkaKraftBroker(1, 2);
        // a killed consumer's partitions go to the restarted one when its session expires (default 45 s)
        broker.brokerProperties(Map.of("group.consumer.min.session.timeout.ms", "10000",
                "group.consumer.session.timeout.ms", "20000"));
        broker.afterPropertiesSet();
        for (String topic : List.of(Topics.UNITS, Topics.PLANS, Topics.REPORTS, Topics.ROLLUP, Topics.AGGREGATES,
                Topics.deadLetter(Topics.UNITS), Topics.deadLetter(Topics.PLANS), Topics.deadLetter(Topics.REPORTS),
                Topics.deadLetter(Topics.ROLLUP))) {
            broker.addTopics(new NewTopic(topic, 2, (short) 1));
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        storeServer = new MongoServer(new MemoryBackend());
        storeServer.bind("127.0.0.1", 0); // a real TCP port: the child JVM connects to it
        InetSocketAddress address = storeServer.getLocalAddress();
        storeUri = "mongodb://127.0.0.1:" + address.getPort();
        storeClient = MongoClients.create(storeUri);
        store = new MongoTemplate(storeClient, DATABASE);
    }

    @AfterEach
    void stopEverything() throws IOException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
        if (info != null) {
            Files.deleteIfExists(info);
        }
        if (restarted != null) {
            restarted.close();
        }
        producer.close();
        storeClient.close();
        broker.destroy();
        storeServer.shutdownNow();
    }

    @ParameterizedTest(name = "killed {0}")
    @ValueSource(strings = {"before-send", "after-ack"})
    void killedInTheMiddleOfABurstEndsExactAfterRestartNothingLostNothingCountedTwice(String mode) throws Exception {
        Burst burst = Burst.of(new Random(20241204));
        Figures killedFinal = Figures.of(burst.beneath(KILLED));
        assertThat(burst.reportingCommunes()).isEqualTo(192);
        assertThat(killedFinal.received()).isEqualTo(32);

        publishUnits();
        info = Files.createTempFile("aggregation-kill-" + mode, ".properties");
        Files.delete(info); // written by the child when it halts
        child = startKilledService(mode, killedFinal, info);
        String log = "target/aggregation-kill-" + mode + ".log";
        await("the child has the units (see " + log + ")").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .failFast("the child died", () -> !child.isAlive())
                .until(() -> store.count(new Query(), UnitCopy.COLLECTION) == 1 + PROVINCES.size()
                        + districts().size() + COMMUNES);
        publishPlan();
        await("the child has the plan (see " + log + ")").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .failFast("the child died", () -> !child.isAlive())
                .until(() -> Optional.ofNullable(store.findById(ProgrammePeriod.id(PROGRAMME, PERIOD),
                        ProgrammePeriod.class)).map(p -> p.expectedBeneath(MINISTRY)).orElse(0) == COMMUNES);

        burst.part1().forEach(producer::send);
        producer.flush();
        assertThat(child.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the child died (see %s)", log).isTrue();
        assertThat(child.exitValue()).as("halted by its event sender (see %s)", log)
                .isEqualTo(HaltingEventSender.HALT_STATUS);
        Properties halted = new Properties();
        halted.load(new StringReader(Files.readString(info)));
        System.out.println("[" + mode + "] halted at " + halted);

        // ---- the state the killed process left ----
        RollUpDocument killed = store.findById(key(KILLED), RollUpDocument.class);
        assertThat(killed).as("KD1's final change was saved before the process died").isNotNull();
        assertExact(killed, UnitLevel.DISTRICT, "KP1", burst.beneath(KILLED), COMMUNES_PER_DISTRICT);
        assertThat(killed.pending()).as("the change's events are still pending in its outbox")
                .extracting(OutboxEvent::type)
                .containsExactly(EventTypes.AGGREGATE_UPDATED, EventTypes.ROLLUP_CONTRIBUTED);
        assertThat(killed.hasPending()).isTrue();
        String aggregateId = killed.pending().get(0).eventId();
        String contributionId = killed.pending().get(1).eventId();
        assertThat(halted.getProperty("eventId"))
                .isEqualTo(mode.equals("before-send") ? aggregateId : contributionId);
        assertThat(halted.getProperty("subject")).isEqualTo(key(KILLED));

        List<ConsumerRecord<String, String>> aggregatesAtDeath = readAll(Topics.AGGREGATES);
        List<ConsumerRecord<String, String>> rollupsAtDeath = readAll(Topics.ROLLUP);
        int sentBeforeDeath = mode.equals("before-send") ? 0 : 1;
        assertThat(withId(aggregatesAtDeath, aggregateId)).as("KD1's aggregate on the broker at death")
                .hasSize(sentBeforeDeath);
        assertThat(withId(rollupsAtDeath, contributionId)).as("KD1's contribution on the broker at death")
                .hasSize(sentBeforeDeath);
        List<Long> killedVersionsAtDeath = versions(aggregatesAtDeath, key(KILLED));
        assertThat(killedVersionsAtDeath).as("KD1's earlier changes were published").isNotEmpty();
        assertThat(killedVersionsAtDeath.get(killedVersionsAtDeath.size() - 1))
                .isEqualTo(mode.equals("before-send") ? killed.seq() - 1 : killed.seq());
        RollUpDocument provinceAtDeath = store.findById(key("KP1"), RollUpDocument.class);
        long provinceHadOfKilled = provinceAtDeath == null ? 0 : provinceAtDeath.children().stream()
                .filter(c -> c.childCode().equals(KILLED)).mapToLong(Contribution::version).max().orElse(0);
        if (mode.equals("before-send")) {
            assertThat(provinceHadOfKilled).as("KP1 has not got KD1's final contribution").isLessThan(killed.seq());
        }
        RollUpDocument ministryAtDeath = store.findById(key(MINISTRY), RollUpDocument.class);
        int ministryReceivedAtDeath = ministryAtDeath == null ? 0 : ministryAtDeath.completeness().received();
        assertThat(ministryReceivedAtDeath).as("killed in the middle of the burst")
                .isLessThan(burst.reportingCommunes());
        System.out.printf("[%s] at death: KD1 seq %d (KP1 had its seq %d), ministry received %d of %d, "
                        + "%d aggregate and %d roll-up records on the broker%n", mode, killed.seq(),
                provinceHadOfKilled, ministryReceivedAtDeath, burst.reportingCommunes(), aggregatesAtDeath.size(),
                rollupsAtDeath.size());

        // ---- the rest of the burst arrives while the service is down; then a fresh instance ----
        burst.part2().forEach(producer::send);
        producer.flush();
        restarted = startService();
        MongoTemplate mongo = restarted.getBean(MongoTemplate.class);

        await("exact at every level after the restart").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertEveryLevelExact(mongo, burst));
        try (KafkaTopicProbe probe = new KafkaTopicProbe(broker.getBrokersAsString(), List.of(Topics.AGGREGATES))) {
            await("every input consumed").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                    .until(() -> probe.caughtUp(GROUP, List.of(Topics.REPORTS, Topics.ROLLUP)));
        }
        await("no event left pending").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> mongo.count(query(where("hasPending").is(true)), RollUpDocument.class) == 0);
        assertThat(restarted.getBean(Outbox.class).publishPending()).isZero();
        assertEveryLevelExact(mongo, burst);
        assertParentsHoldTheirChildrensLatest(mongo);

        Map<String, RollUpDocument> stored = mongo.find(query(where("programme").is(PROGRAMME)),
                RollUpDocument.class).stream().collect(Collectors.toMap(RollUpDocument::id, d -> d));
        assertThat(stored).hasSize(1 + PROVINCES.size() + districts().size());
        await("the public stream shows the stored aggregates").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertLatestOnTopicEqualsStored(readAll(Topics.AGGREGATES), stored));

        // the killed change's events: sent once in all (before-send), or sent again with the same id (after-ack)
        List<ConsumerRecord<String, String>> aggregates = readAll(Topics.AGGREGATES);
        List<ConsumerRecord<String, String>> rollups = readAll(Topics.ROLLUP);
        assertThat(withId(aggregates, aggregateId)).hasSize(sentBeforeDeath + 1)
                .allSatisfy(r -> assertThat(read(r).version()).isEqualTo(killed.seq()));
        assertThat(withId(rollups, contributionId)).hasSize(sentBeforeDeath + 1)
                .allSatisfy(r -> assertThat(r.key()).isEqualTo("KP1"));
        assertThat(stored.get(key(KILLED)).seq()).as("KD1 did not change after the restart").isEqualTo(killed.seq());
        assertThat(readAll(Topics.deadLetter(Topics.REPORTS))).isEmpty();
        assertThat(readAll(Topics.deadLetter(Topics.ROLLUP))).isEmpty();
        assertThat(mongo.count(new Query(), ParkedInput.class)).isZero();
        System.out.printf("[%s] after restart: %d aggregate records, %d roll-up records%n", mode, aggregates.size(),
                rollups.size());
        stored.values().stream().sorted(java.util.Comparator.comparing(RollUpDocument::unitCode))
                .forEach(d -> System.out.printf("[%s]   %-5s seq %2d %s %s=%s %s=%s/%s=%s%n", mode, d.unitCode(),
                        d.seq(), d.completeness(), ENROLMENT, d.values().get(ENROLMENT).value(), RATE,
                        d.values().get(RATE).numerator(), d.values().get(RATE).denominator(),
                        d.values().get(RATE).value()));
    }

    // ---- expected figures ---------------------------------------------------------------------------------------

    /** What a roll-up must show, computed directly from the latest version of each report beneath it. */
    record Figures(int received, int onTime, int late, BigDecimal enrolment, BigDecimal numerator,
                   BigDecimal denominator) {

        static Figures of(Collection<ReportSubmitted> latest) {
            int late = (int) latest.stream().filter(ReportSubmitted::late).count();
            return new Figures(latest.size(), latest.size() - late, late,
                    sum(latest, r -> r.values().get(ENROLMENT).value()),
                    sum(latest, r -> r.values().get(RATE).numerator()),
                    sum(latest, r -> r.values().get(RATE).denominator()));
        }

        BigDecimal percent() {
            return numerator.multiply(BigDecimal.valueOf(100)).divide(denominator, 2, RoundingMode.HALF_EVEN);
        }

        private static BigDecimal sum(Collection<ReportSubmitted> reports, Function<ReportSubmitted, BigDecimal> f) {
            return reports.stream().map(f).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    private void assertEveryLevelExact(MongoTemplate mongo, Burst burst) {
        RollUpDocument ministry = mongo.findById(key(MINISTRY), RollUpDocument.class);
        assertThat(ministry).as("ministry roll-up").isNotNull();
        assertExact(ministry, UnitLevel.MINISTRY, null, burst.latest().values(), COMMUNES);
        assertThat(ministry.completeness().received()).as("distinct reporting communes")
                .isEqualTo(burst.reportingCommunes());
        for (String province : PROVINCES) {
            List<ReportSubmitted> beneath = districtsOf(province).stream().flatMap(d -> burst.beneath(d).stream())
                    .toList();
            RollUpDocument rollUp = mongo.findById(key(province), RollUpDocument.class);
            assertThat(rollUp).as("roll-up of %s", province).isNotNull();
            assertExact(rollUp, UnitLevel.PROVINCE, MINISTRY, beneath, DISTRICTS_PER_PROVINCE * COMMUNES_PER_DISTRICT);
        }
        for (String district : districts()) {
            RollUpDocument rollUp = mongo.findById(key(district), RollUpDocument.class);
            assertThat(rollUp).as("roll-up of %s", district).isNotNull();
            assertExact(rollUp, UnitLevel.DISTRICT, provinceOf(district), burst.beneath(district),
                    COMMUNES_PER_DISTRICT);
        }
    }

    private static void assertExact(RollUpDocument rollUp, UnitLevel level, String parent,
                                    Collection<ReportSubmitted> latestBeneath, int expected) {
        Figures f = Figures.of(latestBeneath);
        String unit = rollUp.unitCode();
        assertThat(rollUp.level()).as("%s level", unit).isEqualTo(level);
        assertThat(rollUp.parentCode()).as("%s parent", unit).isEqualTo(parent);
        assertThat(rollUp.completeness()).as("%s completeness", unit)
                .isEqualTo(new Completeness(expected, f.received(), f.onTime(), f.late()));
        AggregatedValue enrolment = indicator(rollUp, ENROLMENT, AggregationRule.SUM);
        assertThat(enrolment.value()).as("%s enrolment", unit).isEqualByComparingTo(f.enrolment());
        assertThat(enrolment.sum()).as("%s enrolment sum", unit).isEqualByComparingTo(f.enrolment());
        assertThat(enrolment.count()).as("%s enrolment count", unit).isEqualTo(f.received());
        AggregatedValue rate = indicator(rollUp, RATE, AggregationRule.RATIO_OF_SUMS);
        assertThat(rate.numerator()).as("%s rate numerator", unit).isEqualByComparingTo(f.numerator());
        assertThat(rate.denominator()).as("%s rate denominator", unit).isEqualByComparingTo(f.denominator());
        assertThat(rate.value()).as("%s rate", unit).isEqualTo(f.percent());
        assertThat(rate.count()).as("%s rate count", unit).isEqualTo(f.received());
        assertThat(rollUp.values()).as("%s indicators", unit).containsOnlyKeys(ENROLMENT, RATE);
        assertThat(rollUp.targets()).isEmpty();
    }

    /** The roll-up's value of indicator {@code code}, asserted present and aggregated by {@code rule}. */
    private static AggregatedValue indicator(RollUpDocument rollUp, String code, AggregationRule rule) {
        AggregatedValue value = rollUp.values().get(code);
        assertThat(value).as("%s %s", rollUp.unitCode(), code).isNotNull();
        assertThat(value.rule()).isEqualTo(rule);
        return value;
    }

    /** Each parent holds, from each child, the contribution of the child's stored (latest) change. */
    private void assertParentsHoldTheirChildrensLatest(MongoTemplate mongo) {
        for (RollUpDocument child : mongo.find(query(where("programme").is(PROGRAMME)), RollUpDocument.class)) {
            if (child.parentCode() == null) {
                continue;
            }
            RollUpDocument parent = mongo.findById(key(child.parentCode()), RollUpDocument.class);
            assertThat(parent).isNotNull();
            assertThat(parent.children()).filteredOn(c -> c.childCode().equals(child.unitCode()))
                    .as("%s's contribution held by %s", child.unitCode(), child.parentCode())
                    .singleElement().satisfies(c -> {
                        assertThat(c.source()).isEqualTo(Contribution.Source.ROLLUP);
                        assertThat(c.version()).isEqualTo(child.seq());
                        assertThat(c.completeness()).isEqualTo(child.completeness());
                    });
        }
    }

    /** On the topic, each key's versions never go back, and its latest record is the stored aggregate. */
    private void assertLatestOnTopicEqualsStored(List<ConsumerRecord<String, String>> records,
                                                 Map<String, RollUpDocument> stored) {
        Map<String, List<AggregateUpdated>> byKey = new TreeMap<>();
        records.stream().filter(r -> r.key().startsWith(PROGRAMME + "|"))
                .forEach(r -> byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(read(r)));
        assertThat(byKey.keySet()).as("keys on %s", Topics.AGGREGATES).isEqualTo(new TreeMap<>(stored).keySet());
        byKey.forEach((key, published) -> {
            List<Long> versions = published.stream().map(AggregateUpdated::version).toList();
            assertThat(versions).as("versions of %s in offset order", key).isSorted();
            AggregateUpdated latest = published.get(published.size() - 1);
            assertThat(latest).as("latest %s on the topic", key).usingRecursiveComparison()
                    .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                    .isEqualTo(stored.get(key).aggregateUpdated());
            assertThat(latest.version()).isEqualTo(stored.get(key).seq());
        });
    }

    // ---- the burst ----------------------------------------------------------------------------------------------

    /**
     * The reports of 32 of the 36 communes of each district (every ninth does not report): a first version; a
     * revision for every third; versions 3 and then a stale 2 for every seventh; a duplicate of version 1 at the end
     * for every fifth. The records of one commune keep their order (same key, same partition), the communes are
     * interleaved at random. Part 1: all of KD1 interleaved with a third of the other communes, then another third;
     * part 2 (published while the service is dead): the last third, and the last record of every second commune of
     * the first two thirds (a revision or a duplicate crossing the kill).
     */
    record Burst(Map<String, ReportSubmitted> latest, List<ProducerRecord<String, byte[]>> part1,
                 List<ProducerRecord<String, byte[]>> part2) {

        static Burst of(Random random) {
            JsonMapper json = JsonMapper.builder().build();
            Map<String, ReportSubmitted> latest = new TreeMap<>();
            List<Deque<ProducerRecord<String, byte[]>>> early = new ArrayList<>();
            List<Deque<ProducerRecord<String, byte[]>>> late = new ArrayList<>();
            List<Deque<ProducerRecord<String, byte[]>>> afterKill = new ArrayList<>();
            for (String district : districts()) {
                for (int c = 1; c <= COMMUNES_PER_DISTRICT; c++) {
                    if (c % 9 == 0) {
                        continue;
                    }
                    String commune = commune(district, c);
                    ReportSubmitted first = report(random, commune, district, 1);
                    Deque<ProducerRecord<String, byte[]>> records = new ArrayDeque<>();
                    records.add(record(json, EventTypes.REPORT_SUBMITTED, first));
                    ReportSubmitted last = first;
                    if (c % 7 == 0) {
                        ReportSubmitted third = report(random, commune, district, 3);
                        records.add(record(json, EventTypes.REPORT_REVISED, third));
                        records.add(record(json, EventTypes.REPORT_REVISED, report(random, commune, district, 2)));
                        last = third;
                    } else if (c % 3 == 0) {
                        last = report(random, commune, district, 2);
                        records.add(record(json, EventTypes.REPORT_REVISED, last));
                    }
                    if (c % 5 == 0) {
                        records.add(record(json, EventTypes.REPORT_SUBMITTED, first));
                    }
                    latest.put(commune, last);
                    if (district.equals(KILLED)) {
                        early.add(records);
                        continue;
                    }
                    if (c % 3 == 2) {
                        afterKill.add(records);
                        continue;
                    }
                    if (c % 2 == 0 && records.size() > 1) {
                        afterKill.add(new ArrayDeque<>(List.of(records.removeLast())));
                    }
                    (c % 3 == 0 ? early : late).add(records);
                }
            }
            List<ProducerRecord<String, byte[]>> part1 = interleave(early, random);
            part1.addAll(interleave(late, random));
            return new Burst(latest, part1, interleave(afterKill, random));
        }

        /** The records of all sequences, each sequence in its order, the sequences mixed at random. */
        private static List<ProducerRecord<String, byte[]>> interleave(List<Deque<ProducerRecord<String, byte[]>>> all,
                                                                       Random random) {
            List<Deque<ProducerRecord<String, byte[]>>> left = new ArrayList<>(all);
            List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
            int remaining = left.stream().mapToInt(Deque::size).sum();
            while (remaining > 0) {
                int pick = random.nextInt(remaining);
                for (Deque<ProducerRecord<String, byte[]>> d : left) {
                    if (pick < d.size()) {
                        out.add(d.removeFirst());
                        break;
                    }
                    pick -= d.size();
                }
                remaining--;
            }
            return out;
        }

        List<ReportSubmitted> beneath(String district) {
            return latest.values().stream().filter(r -> r.parentCode().equals(district)).toList();
        }

        int reportingCommunes() {
            return latest.size();
        }
    }

    private static ReportSubmitted report(Random random, String commune, String district, int version) {
        return BurstTestSupport.report(random, PLAN, PROGRAMME, PERIOD, commune, district, version);
    }

    // ---- units, plan, hierarchy ---------------------------------------------------------------------------------

    private void publishUnits() {
        send(Topics.UNITS, MINISTRY, EventTypes.UNIT_UPSERTED, unit(MINISTRY, UnitLevel.MINISTRY, null));
        for (String province : PROVINCES) {
            send(Topics.UNITS, province, EventTypes.UNIT_UPSERTED, unit(province, UnitLevel.PROVINCE, MINISTRY));
            for (String district : districtsOf(province)) {
                send(Topics.UNITS, district, EventTypes.UNIT_UPSERTED, unit(district, UnitLevel.DISTRICT, province));
                for (int c = 1; c <= COMMUNES_PER_DISTRICT; c++) {
                    send(Topics.UNITS, commune(district, c), EventTypes.UNIT_UPSERTED,
                            unit(commune(district, c), UnitLevel.COMMUNE, district));
                }
            }
        }
        producer.flush();
    }

    private void publishPlan() {
        List<String> communes = new ArrayList<>();
        districts().forEach(d -> {
            for (int c = 1; c <= COMMUNES_PER_DISTRICT; c++) {
                communes.add(commune(d, c));
            }
        });
        ReportingProgramme programme = BurstTestSupport.programme(PROGRAMME, "Kill", PERIOD);
        send(Topics.PLANS, PLAN, EventTypes.PLAN_ISSUED, new PlanIssued(PLAN, "1/KH", "Kill", MINISTRY,
                LocalDate.of(2023, 12, 1), List.of(), 2024, 2025, List.of(), List.of(), programme, communes, 1));
        producer.flush();
    }

    private void send(String topic, String key, String type, Object payload) {
        producer.send(BurstTestSupport.record(json, topic, key, type, payload));
    }

    static List<String> districtsOf(String province) {
        int p = PROVINCES.indexOf(province);
        List<String> districts = new ArrayList<>();
        for (int i = 1; i <= DISTRICTS_PER_PROVINCE; i++) {
            districts.add("KD" + (p * DISTRICTS_PER_PROVINCE + i));
        }
        return districts;
    }

    static List<String> districts() {
        return PROVINCES.stream().flatMap(p -> districtsOf(p).stream()).toList();
    }

    static String provinceOf(String district) {
        return PROVINCES.stream().filter(p -> districtsOf(p).contains(district)).findFirst().orElseThrow();
    }

    static String commune(String district, int c) {
        return "KC" + district.substring(2) + "-" + c;
    }

    static String key(String unit) {
        return new AggregateKey(PROGRAMME, PERIOD, unit).toString();
    }

    // ---- the service instances ----------------------------------------------------------------------------------

    private List<String> serviceProperties() {
        return BurstTestSupport.serviceProperties(broker.getBrokersAsString(), storeUri, DATABASE, GROUP);
    }

    /** The real service in a child JVM on this test's store and broker, halting at KD1's final change. */
    private Process startKilledService(String mode, Figures killedFinal, Path info) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", classpath, KilledAggregationService.class.getName()));
        List<String> properties = serviceProperties();
        properties.addAll(List.of(
                // the killed process does not sweep: what it leaves pending is left by the kill
                "cascade.aggregation.outbox.sweep-initial-delay=PT1H",
                "cascade.aggregation.outbox.sweep-interval=PT1H",
                "kill.mode=" + mode,
                "kill.info-file=" + info,
                "kill.unit=" + KILLED,
                "kill.received=" + killedFinal.received(),
                "kill.enrolment=" + killedFinal.enrolment().toPlainString(),
                "kill.numerator=" + killedFinal.numerator().toPlainString(),
                "kill.denominator=" + killedFinal.denominator().toPlainString()));
        properties.forEach(p -> command.add("--" + p));
        File log = new File("target/aggregation-kill-" + mode + ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    /** A fresh instance in this JVM: same store, same consumer group; sweeps pending events every second. */
    private ConfigurableApplicationContext startService() {
        List<String> properties = serviceProperties();
        properties.add("cascade.aggregation.outbox.sweep-initial-delay=PT1S");
        properties.add("cascade.aggregation.outbox.sweep-interval=PT1S");
        return ServiceApplication.builder(AggregationServiceApplication.class)
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
    }

    // ---- reading the topics -------------------------------------------------------------------------------------

    /** Every record of {@code topic} up to its current end, in offset order per partition. */
    private List<ConsumerRecord<String, String>> readAll(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(),
                new StringDeserializer())) {
            return TopicContents.readToEnd(consumer, topic, PATIENCE);
        }
    }

    private static List<ConsumerRecord<String, String>> withId(List<ConsumerRecord<String, String>> records,
                                                               String eventId) {
        return records.stream().filter(r -> eventId.equals(KafkaTopicProbe.header(r, CloudEventHeaders.ID)))
                .toList();
    }

    private List<Long> versions(List<ConsumerRecord<String, String>> records, String key) {
        return records.stream().filter(r -> key.equals(r.key())).map(r -> read(r).version()).toList();
    }

    private AggregateUpdated read(ConsumerRecord<String, String> record) {
        return json.readValue(record.value(), AggregateUpdated.class);
    }
}
