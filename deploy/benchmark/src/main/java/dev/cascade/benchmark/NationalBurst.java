package dev.cascade.benchmark;

import dev.cascade.contracts.Topics;
import dev.cascade.local.DemoTokens;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The national burst: every commune of the 2025-03 list submits one annual report over HTTP to the running local
 * stack, from N concurrent clients; the benchmark measures accepted reports per second, how long after the last
 * accepted report the ministry aggregate shows them all, submission-to-ministry latency, CPU and memory of the stack
 * and the broker, errors, and raw Kafka on the same broker for comparison; then checks the ministry and every
 * province aggregate against totals it computed itself. Writes BENCHMARKS.md and results/&lt;timestamp&gt;.json.
 * Exit status: 0 when every run was exact and error-free, 1 when an aggregate differed, 2 on errors or an
 * incomplete ministry aggregate, 64 on bad usage.
 */
public final class NationalBurst {

    static final String MINISTRY = "BGDDT";
    static final int MAX_INDICATORS = 20;

    private final Options options;
    private final StackApi api;
    private final PrintStream out;

    NationalBurst(Options options, PrintStream out) {
        this.options = options;
        this.api = new StackApi(options.plan(), options.report(), options.aggregation(), options.notification(),
                new DemoTokens(options.issuer()));
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args, System.getenv());
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            if (e.getMessage() != null && !e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.print(Options.USAGE);
            System.exit(64);
            return;
        }
        System.exit(new NationalBurst(options, System.out).run());
    }

    int run() throws Exception {
        Instant started = Instant.now();
        // read before the runs: a wrong path should not cost a national burst
        Report.Baseline baseline = options.baseline() == null ? null : Report.Baseline.read(options.baseline());
        awaitStack();
        out.println("Authentication on: demo users' tokens from " + options.issuer() + " (reports as "
                + "reporter-<commune>, the plan as planner-BGDDT, reads as viewer-BGDDT)");
        List<Indicator> catalogue = api.indicators();
        List<Indicator> indicators = catalogue.subList(0, Math.min(MAX_INDICATORS, catalogue.size()));
        long ratios = indicators.stream().filter(Indicator::ratio).count();
        out.printf("Indicators: %d of the catalogue (%d ratios, %d counts)%s%n", indicators.size(), ratios,
                indicators.size() - ratios, indicators.size() < MAX_INDICATORS
                        ? " — the catalogue has only " + catalogue.size() + " SUM/RATIO_OF_SUMS indicators, not 20" : "");

        long walk = System.nanoTime();
        List<Commune> country = hierarchy();
        Set<String> provinces = new LinkedHashSet<>();
        country.forEach(c -> provinces.add(c.provinceCode()));
        out.printf("Hierarchy on %s: %,d communes in %d provinces (walked in %.1f s)%n", options.asOf(), country.size(),
                provinces.size(), (System.nanoTime() - walk) / 1e9);
        if (country.size() < 10_000) {
            out.println("  note: fewer than the 10,047 communes of the 2025-03 list — was the stack started with "
                    + "CASCADE_DEMO_PROVINCES=ALL?");
        }
        List<Commune> communes = spread(country, options.communes());
        if (communes.size() != country.size()) {
            out.printf("Using %,d communes spread over the country (--communes)%n", communes.size());
        }

        List<RunResult> runs = new ArrayList<>();
        ReporterLogins logins = new ReporterLogins(options.issuer(), options.tokenClients(), out);
        int exit = 0;
        for (int r = 1; r <= options.runs(); r++) {
            out.printf("%n=== Run %d of %d ===%n", r, options.runs());
            RunResult result = new BurstRun(options, api, logins, out).run(r, indicators, communes);
            runs.add(result);
            int status = result.exitStatus();
            exit = exit == 1 || status == 1 ? 1 : Math.max(exit, status);
            // written after every run (the same files, rewritten), so that a later run's failure loses nothing
            Report report = new Report(options, started, indicators, country.size(), communes.size(), runs, baseline);
            Path json = report.writeJson();
            report.writeMarkdown(json);
            out.printf("%nWrote %s and %s (%d of %d run(s))%n", options.benchmarksFile(), json, r, options.runs());
            if (r == options.runs()) {
                report.printSummary(out);
            }
        }
        return exit;
    }

    /**
     * The communes beneath BGDDT, walked through plan-service's units API; the walk is kept in
     * deploy/benchmark/target/hierarchy-&lt;asOf&gt;.tsv (the 2025-03 list does not change) so later invocations skip it,
     * as long as BGDDT has the same children on the stack (its first line names them; a stack started with other
     * provinces is walked again).
     */
    private List<Commune> hierarchy() throws Exception {
        Path cache = Path.of("deploy/benchmark/target/hierarchy-" + options.asOf() + ".tsv");
        Set<String> children = new TreeSet<>();
        api.children("BGDDT", options.asOf()).forEach(child -> children.add(child.path("code").asString()));
        String header = "#children of BGDDT\t" + String.join(",", children);
        if (Files.isRegularFile(cache)) {
            List<String> lines = Files.readAllLines(cache);
            if (!lines.isEmpty() && lines.get(0).equals(header)) {
                List<Commune> communes = new ArrayList<>();
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.split("\t");
                    if (f.length == 3) {
                        communes.add(new Commune(f[0], f[1], f[2]));
                    }
                }
                if (!communes.isEmpty()) {
                    out.println("Hierarchy read from " + cache + " (delete it to walk the units API again)");
                    return communes;
                }
            }
            out.println("Hierarchy in " + cache + " is of other units than the stack's: walking the units API again");
        }
        List<Commune> communes = api.communes(options.asOf(), 8);
        if (Files.isDirectory(Path.of("deploy/benchmark/target"))) {
            StringBuilder tsv = new StringBuilder(header).append('\n');
            communes.forEach(c -> tsv.append(c.code()).append('\t').append(c.districtCode()).append('\t')
                    .append(c.provinceCode()).append('\n'));
            Files.writeString(cache, tsv);
        }
        return communes;
    }

    private void awaitStack() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(options.stackWaitSeconds()).toNanos();
        boolean told = false;
        while (true) {
            List<URI> down = api.services().stream().filter(base -> !api.healthy(base)).toList();
            if (down.isEmpty()) {
                Map<String, Long> lag = unitsLag();
                if (lag.values().stream().allMatch(behind -> behind == 0)) {
                    out.println("Stack healthy, every service has read all units: " + api.services());
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("services still reading " + Topics.UNITS + " after "
                            + options.stackWaitSeconds() + " s: " + lag);
                }
                out.println("Waiting for the services to read every unit (records behind on " + Topics.UNITS + "): " + lag);
                Thread.sleep(5000);
                continue;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not healthy after " + options.stackWaitSeconds() + " s: " + down
                        + " — start it with CASCADE_DEMO_PROVINCES=ALL deploy/local.sh");
            }
            if (!told) {
                out.println("Waiting for the stack (health endpoints): " + down);
                told = true;
            }
            Thread.sleep(1000);
        }
    }

    private Map<String, Long> unitsLag() {
        try {
            return DeadLetters.lag(options.bootstrap(), Topics.UNITS,
                    List.of("report-service", "aggregation-service", "notification-service"));
        } catch (Exception e) {
            return Map.of("unknown (" + e + ")", -1L);
        }
    }

    /** n communes spread evenly over the sorted list (so every province takes part), or all of them when n is 0. */
    static List<Commune> spread(List<Commune> all, int n) {
        if (n == 0 || n >= all.size()) {
            return all;
        }
        List<Commune> chosen = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            chosen.add(all.get((int) ((long) i * all.size() / n)));
        }
        return chosen;
    }

    static String timestamp(Instant instant) {
        return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(instant);
    }

    static Path resolve(Path path) {
        return path.isAbsolute() ? path : Path.of("").toAbsolutePath().resolve(path);
    }

    static void ensureParent(Path file) throws java.io.IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
    }
}
