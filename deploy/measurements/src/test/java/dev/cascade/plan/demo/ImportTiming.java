package dev.cascade.plan.demo;

import dev.cascade.platform.ServiceApplication;
import dev.cascade.contracts.EmbeddedMongo;
import dev.cascade.plan.PlanServiceApplication;
import dev.cascade.plan.plans.Plans;
import dev.cascade.plan.unit.UnitImport;
import dev.cascade.plan.unit.UnitStore;
import dev.cascade.plan.unit.domain.ProvinceSelection;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures (a command, not a test) how long plan-service takes to import the whole country's units (both official
 * lists, 10,812 codes) into an empty store and publish them, to import them again (nothing changes), and to load the
 * demo (five provinces, the seeds' agencies and the five plans) into an empty store. Each run uses a fresh database
 * on the embedded MongoDB-compatible store and an embedded single-node KRaft broker, so the figures include the
 * broker's acknowledgements. Writes {@code deploy/measurements/target/import-timing.md} (or the path given as
 * argument). Run with {@code deploy/measurements/measure-import.sh}.
 */
public final class ImportTiming {

    private ImportTiming() {
    }

    public static void main(String[] args) throws IOException {
        int runs = Integer.parseInt(System.getProperty("runs", "3"));
        Path out = Path.of(args.length > 0 ? args[0] : "deploy/measurements/target/import-timing.md");
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, "cascade.units.v1", "cascade.plans.v1");
        broker.afterPropertiesSet();
        List<long[]> figures = new ArrayList<>();
        List<String> details = new ArrayList<>();
        try {
            for (int run = 1; run <= runs; run++) {
                try (ConfigurableApplicationContext context = ServiceApplication.builder(PlanServiceApplication.class)
                        .run(arguments(broker, "import-timing-" + run + "-" + System.nanoTime()))) {
                    UnitImport unitImport = context.getBean(UnitImport.class);
                    // warm the producer (metadata, connection) on one province, as a running service would be
                    unitImport.importUnits(ProvinceSelection.parse("01"));
                    UnitImport.Result all = unitImport.importUnits(ProvinceSelection.ALL);
                    UnitImport.Result again = unitImport.importUnits(ProvinceSelection.ALL);
                    figures.add(new long[]{all.millis(), again.millis(), 0});
                    details.add("run " + run + ": ALL " + all.units() + " units, " + all.created() + " created, "
                            + all.published() + " published, " + all.millis() + " ms; again " + again.created()
                            + " created, " + again.changed() + " changed, " + again.published() + " published, "
                            + again.millis() + " ms");
                }
                try (ConfigurableApplicationContext context = ServiceApplication.builder(PlanServiceApplication.class)
                        .run(arguments(broker, "demo-timing-" + run + "-" + System.nanoTime()))) {
                    DemoData demo = new DemoData(context.getBean(UnitImport.class), context.getBean(UnitStore.class),
                            context.getBean(Plans.class), context.getBean(JsonMapper.class));
                    long start = System.nanoTime();
                    demo.run(null);
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    figures.get(run - 1)[2] = millis;
                    details.add("run " + run + ": demo (provinces " + demo.fixture().provinces() + ", "
                            + demo.fixture().agencies().size() + " agencies, " + demo.fixture().plans().size()
                            + " plans issued) " + millis + " ms");
                }
            }
        } finally {
            broker.destroy();
        }
        String report = "# plan-service import timing\n\n"
                + "Measured " + Instant.now() + " on " + Runtime.getRuntime().availableProcessors()
                + " cores (shared with other work: noisy), embedded MongoDB-compatible store, embedded KRaft broker.\n\n"
                + "| figure | median of " + runs + " (ms) | runs (ms) |\n|---|---|---|\n"
                + row("whole country (10,812 codes; 10,254 new after the warm-up province 01), stored, published,"
                        + " acknowledged", figures, 0)
                + row("whole country again (nothing changes, nothing published)", figures, 1)
                + row("demo: 5 provinces, agencies, 5 seed plans issued, into an empty store", figures, 2)
                + "\n" + String.join("\n", details.stream().map(d -> "- " + d).toList()) + "\n";
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println(report);
        System.exit(0);
    }

    /** Command-line arguments, so that they win over plan-service.yml (builder properties are only defaults). */
    private static String[] arguments(EmbeddedKafkaKraftBroker broker, String database) {
        return new String[]{"--spring.cloud.stream.kafka.binder.brokers=" + broker.getBrokersAsString(),
                "--spring.mongodb.uri=" + EmbeddedMongo.uri(), "--spring.mongodb.database=" + database,
                "--server.port=0", "--cascade.units.import-provinces=", "--cascade.demo.enabled=false",
                "--cascade.security.issuer-uri=" + dev.cascade.platform.test.TestIssuer.shared().issuer(),
                "--cascade.publication.retry-interval=PT1H", "--logging.level.root=WARN",
                "--logging.level.dev.cascade=INFO"};
    }

    private static String row(String what, List<long[]> figures, int column) {
        long[] values = figures.stream().mapToLong(f -> f[column]).toArray();
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return "| " + what + " | " + sorted[sorted.length / 2] + " | " + Arrays.toString(values) + " |\n";
    }
}
