package dev.cascade.aggregation.throughput;

import dev.cascade.platform.ServiceApplication;
import dev.cascade.aggregation.AggregationServiceApplication;
import dev.cascade.aggregation.rollup.engine.RollUpEngine;
import dev.cascade.contracts.AggregateKey;
import dev.cascade.contracts.CloudEventHeaders;
import dev.cascade.contracts.EmbeddedMongo;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.Frequency;
import dev.cascade.contracts.events.IndicatorDefinition;
import dev.cascade.contracts.events.IndicatorKind;
import dev.cascade.contracts.events.IndicatorValue;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.ReportSubmitted;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.contracts.events.ReportingProgramme;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitUpserted;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NOT part of the test suite (the name matches no surefire pattern): the roll-up throughput command.
 * <p>
 * One embedded Kafka broker (KRaft, 3 partitions per topic), the embedded MongoDB-wire store, one aggregation-service.
 * Loads the 10,807 units of the 2025-03 hierarchy (10,047 communes, 696 districts, 63 provinces, BGDDT), issues one
 * plan per run whose reporting units are all 10,047 communes, then publishes 10,047 {@code ReportSubmitted} on
 * {@code cascade.reports.v1} (key = the district) as fast as one producer can and times until the ministry aggregate
 * shows 10,047 received. Three runs (a fresh programme each), median; figures written to
 * {@code deploy/measurements/target/throughput/rollup-throughput.txt}.
 * <pre>
 * ./mvnw -B -q -pl deploy/measurements -am test -Dtest=RollUpThroughputMeasurement -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * ({@code -Dcascade.throughput.runs=5} for more runs.)
 */
class RollUpThroughputMeasurement {

    static final String RATE = "GDNN_INTAKE_RATE";
    static final String ENROLMENT = "GDNN_NEW_ENROLMENT";
    static final String PERIOD = "2024";

    public static void main(String[] args) throws Exception {
        new RollUpThroughputMeasurement().measure();
    }

    @Test
    void measure() throws Exception {
        int runs = Integer.getInteger("cascade.throughput.runs", 3);
        Path out = Path.of(System.getProperty("cascade.throughput.out", "target/throughput/rollup-throughput.txt"));
        List<String[]> units = readUnits();
        List<String> communes = units.stream().filter(u -> u[1].equals("COMMUNE")).map(u -> u[0]).toList();

        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.afterPropertiesSet();
        for (String topic : List.of(Topics.UNITS, Topics.PLANS, Topics.REPORTS, Topics.ROLLUP, Topics.AGGREGATES,
                Topics.deadLetter(Topics.REPORTS), Topics.deadLetter(Topics.ROLLUP))) {
            broker.addTopics(new NewTopic(topic, 3, (short) 1));
        }
        ConfigurableApplicationContext app = ServiceApplication.builder(AggregationServiceApplication.class).run(
                "--spring.cloud.stream.kafka.binder.brokers=" + broker.getBrokersAsString(),
                "--spring.mongodb.uri=" + EmbeddedMongo.uri(),
                "--spring.mongodb.database=cascade-aggregation-throughput",
                "--server.port=0",
                "--cascade.security.issuer-uri=" + dev.cascade.platform.test.TestIssuer.shared().issuer(),
                "--cascade.aggregation.outbox.sweep-initial-delay=PT1H",
                "--logging.level.root=WARN",
                "--logging.level.org.apache.kafka=ERROR");
        List<String> lines = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            JsonMapper json = app.getBean(JsonMapper.class);
            RollUpEngine engine = app.getBean(RollUpEngine.class);
            MeterRegistry meters = app.getBean(MeterRegistry.class);

            Map<String, String> parentOf = new LinkedHashMap<>();
            send(producer, json, Topics.UNITS, "BGDDT", EventTypes.UNIT_UPSERTED, new UnitUpserted("BGDDT",
                    List.of(new UnitPlacement("2025-03", null, null, "Bộ Giáo dục và Đào tạo", "Bộ",
                            UnitLevel.MINISTRY, null)), 1));
            for (String[] u : units) {
                String parent = u[4].isEmpty() ? "BGDDT" : u[4];
                parentOf.put(u[0], parent);
                send(producer, json, Topics.UNITS, u[0], EventTypes.UNIT_UPSERTED, new UnitUpserted(u[0],
                        List.of(new UnitPlacement("2025-03", null, LocalDate.of(2025, 6, 30), u[3], u[2],
                                UnitLevel.valueOf(u[1]), parent)), 1));
            }
            producer.flush();
            // the units first (one by one, not timed), so that the plan finds them all
            var mongo = app.getBean(org.springframework.data.mongodb.core.MongoTemplate.class);
            long unitsDeadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
            while (mongo.getCollection("units").countDocuments() < units.size() + 1) {
                if (System.nanoTime() > unitsDeadline) {
                    throw new IllegalStateException("units not loaded after 20 minutes");
                }
                Thread.sleep(200);
            }
            List<Double> perSecond = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                String programme = "THROUGHPUT-" + run + "-" + System.currentTimeMillis();
                send(producer, json, Topics.PLANS, "PLAN-" + programme, EventTypes.PLAN_ISSUED, plan(programme, communes));
                producer.flush();
                AggregateKey ministry = new AggregateKey(programme, PERIOD, "BGDDT");
                // the plan is applied once the units are all in: a first report (not timed) proves it
                awaitPlan(app, programme, Duration.ofMinutes(10));

                Map<String, Double> writesBefore = writes(meters);
                Random random = new Random(run);
                long start = System.nanoTime();
                for (String commune : communes) {
                    send(producer, json, Topics.REPORTS, parentOf.get(commune), EventTypes.REPORT_SUBMITTED,
                            new ReportSubmitted("R-" + programme + "-" + commune, 1, "PLAN-" + programme, programme,
                                    PERIOD, commune, parentOf.get(commune), "throughput", Instant.now(), false,
                                    Map.of(RATE, IndicatorValue.ratio(random.nextInt(100), 100 + random.nextInt(100)),
                                            ENROLMENT, IndicatorValue.count(random.nextInt(50))), List.of(), Map.of()));
                }
                producer.flush();
                long published = System.nanoTime();
                long deadline = start + Duration.ofMinutes(20).toNanos();
                while (engine.find(ministry).map(d -> d.completeness().received()).orElse(0) < communes.size()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("ministry aggregate not complete after 20 minutes");
                    }
                    Thread.sleep(20);
                }
                long done = System.nanoTime();
                double seconds = (done - start) / 1e9;
                double rate = communes.size() / seconds;
                perSecond.add(rate);
                Map<String, Double> writesAfter = writes(meters);
                StringBuilder w = new StringBuilder();
                writesAfter.forEach((level, n) -> w.append(level).append('=')
                        .append((long) (n - writesBefore.getOrDefault(level, 0.0))).append(' '));
                var agg = engine.find(ministry).orElseThrow();
                String line = String.format("run %d: %d reports, published in %.2f s, ministry complete after %.2f s"
                                + " = %.0f reports/s; roll-up writes by level: %s; ministry seq %d, completeness %s",
                        run, communes.size(), (published - start) / 1e9, seconds, rate, w.toString().trim(),
                        agg.seq(), agg.completeness());
                System.out.println(line);
                lines.add(line);
                assertThat(agg.completeness().received()).isEqualTo(communes.size());
            }
            double median = perSecond.stream().sorted(Comparator.naturalOrder()).toList().get(perSecond.size() / 2);
            String summary = String.format("median of %d runs: %.0f reports/s from cascade.reports.v1 to the BGDDT"
                    + " aggregate (10,047 communes, 2025-03 hierarchy; embedded KRaft broker 3 partitions, embedded"
                    + " MongoDB-wire store, one service instance; %d cores, shared machine)", runs, median,
                    Runtime.getRuntime().availableProcessors());
            System.out.println(summary);
            lines.add(summary);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.write(out, lines, StandardCharsets.UTF_8);
        } finally {
            app.close();
            broker.destroy();
        }
    }

    private static void awaitPlan(ConfigurableApplicationContext app, String programme, Duration patience)
            throws InterruptedException {
        var periods = app.getBean(dev.cascade.aggregation.plan.ProgrammePeriods.class);
        long deadline = System.nanoTime() + patience.toNanos();
        while (periods.find(programme, PERIOD).map(p -> p.expectedBeneath("BGDDT")).orElse(0) == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("plan of " + programme + " not applied");
            }
            Thread.sleep(50);
        }
    }

    private static Map<String, Double> writes(MeterRegistry meters) {
        Map<String, Double> byLevel = new java.util.TreeMap<>();
        meters.find("cascade.aggregation.rollup.writes").counters()
                .forEach((Counter c) -> byLevel.merge(c.getId().getTag("level"), c.count(), Double::sum));
        return byLevel;
    }

    private static PlanIssued plan(String programme, List<String> communes) {
        ReportingPeriod period = new ReportingPeriod(PERIOD, LocalDate.of(2023, 12, 15), LocalDate.of(2024, 12, 14),
                Map.of(UnitLevel.COMMUNE, LocalDate.of(2024, 12, 5)));
        ReportingProgramme p = new ReportingProgramme(programme, "Throughput", Frequency.ANNUAL,
                List.of(new IndicatorDefinition(RATE, "Intake rate", "%", IndicatorKind.RATIO,
                                AggregationRule.RATIO_OF_SUMS, "admitted", "applicants"),
                        new IndicatorDefinition(ENROLMENT, "New enrolment", "people", IndicatorKind.COUNT,
                                AggregationRule.SUM, null, null)),
                List.of(), List.of(period));
        return new PlanIssued("PLAN-" + programme, "1/KH", "Throughput", "BGDDT", LocalDate.of(2023, 12, 1),
                List.of(), 2024, 2025, List.of(), List.of(), p, communes, 1);
    }

    private static void send(KafkaProducer<String, byte[]> producer, JsonMapper json, String topic, String key,
                             String type, Object payload) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, json.writeValueAsBytes(payload));
        CloudEventHeaders.newEvent(type, "/cascade/throughput", key, Instant.now())
                .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(record);
    }

    private static List<String[]> readUnits() throws Exception {
        List<String[]> units = new ArrayList<>();
        // the official list plan-service imports, read in place (run from deploy/measurements/, as Maven does)
        Path list = Path.of(System.getProperty("cascade.throughput.units",
                "../../plan-service/src/main/resources/units/admin-units-2025-03.csv"));
        try (var in = java.nio.file.Files.newBufferedReader(list, StandardCharsets.UTF_8)) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", -1);
                units.add(f);
            }
        }
        return units;
    }
}
