package dev.cascade.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Accepted submissions per second of report-service, for 1 and for 16 concurrent clients, against a running local
 * stack (not a test: JDK only, run as a single-file program). It issues its own plan through plan-service with every
 * commune of province 30 as a reporting unit (so that concurrent clients report for different units), waits until
 * report-service has opened their obligations, then for each client count makes 3 timed runs (after a warm-up) in
 * which every client posts valid reports for its own share of the communes (the first one of a unit is version 1,
 * the next ones revisions). A run's figure is 201 answers / wall-clock seconds; the median of the 3 runs is written.
 *
 * <pre>
 * java deploy/benchmark/src/main/java/dev/cascade/benchmark/SubmissionThroughput.java \
 *      [planUrl=http://localhost:8081] [reportUrl=http://localhost:8082] [out=deploy/benchmark/target/throughput.txt] \
 *      [requestsPerClient=150]
 * </pre>
 */
public final class SubmissionThroughput {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SubmissionThroughput() {
    }

    public static void main(String[] args) throws Exception {
        String planUrl = args.length > 0 ? args[0] : "http://localhost:8081";
        String reportUrl = args.length > 1 ? args[1] : "http://localhost:8082";
        Path out = Path.of(args.length > 2 ? args[2] : "deploy/benchmark/target/throughput.txt");
        int perClient = args.length > 3 ? Integer.parseInt(args[3]) : 150;

        List<String> communes = communesOf(planUrl, "30");
        String programme = "BENCH-" + Instant.now().getEpochSecond();
        issuePlan(planUrl, programme, communes);
        awaitObligations(reportUrl, programme, communes.size());
        System.out.printf("%s: %d reporting communes of province 30, obligations open%n", programme, communes.size());

        measure(reportUrl, programme, communes, perClient, out, "the whole local stack on this machine");
    }

    /**
     * A warm-up, then 3 timed runs for 1 and for 16 clients; writes the medians to {@code out}.
     *
     * @param setting what ran the service (written into the file)
     * @return the medians, for 1 and for 16 clients
     */
    public static double[] measure(String reportUrl, String programme, List<String> communes, int perClient, Path out,
                                   String setting) throws Exception {
        run(reportUrl, programme, communes, 4, 25); // warm-up
        String loadBefore = loadAverage();
        StringBuilder figures = new StringBuilder();
        figures.append("# report-service accepted submissions per second (POST /reports -> 201)\n")
                .append("# ").append(Instant.now()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, shared and noisy (other helpers' builds and benchmarks were running); ")
                .append(setting).append("\n")
                .append("# programme ").append(programme).append(", ").append(communes.size())
                .append(" reporting communes, ").append(perClient).append(" requests per client per run, 3 runs\n");
        double[] medians = new double[2];
        int[] clientCounts = {1, 16};
        for (int k = 0; k < clientCounts.length; k++) {
            int clients = clientCounts[k];
            double[] rates = new double[3];
            for (int i = 0; i < rates.length; i++) {
                rates[i] = run(reportUrl, programme, communes, clients, perClient);
            }
            double[] sorted = rates.clone();
            Arrays.sort(sorted);
            medians[k] = sorted[1];
            String line = String.format(java.util.Locale.ROOT, "clients=%d median=%.1f/s runs=%s", clients, sorted[1],
                    Arrays.toString(Arrays.stream(rates).map(r -> Math.round(r * 10) / 10.0).toArray()));
            System.out.println(line);
            figures.append(line).append('\n');
        }
        figures.append("# load average (1, 5, 15 min) before: ").append(loadBefore).append(", after: ")
                .append(loadAverage()).append('\n');
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, figures);
        System.out.println("written to " + out);
        return medians;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** One timed run; returns accepted submissions per second. */
    private static double run(String reportUrl, String programme, List<String> communes, int clients, int perClient)
            throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            done.add(pool.submit(() -> {
                for (int i = 0; i < perClient; i++) {
                    // client k reports for communes k, k + clients, k + 2 clients, ...: no two clients share a unit
                    int index = (client + (i * clients)) % communes.size();
                    int status = post(reportUrl + "/reports", report(communes.get(index), programme, i));
                    (status == 201 ? accepted : refused).incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (refused.get() > 0) {
            System.out.printf("  (%d refused in this run)%n", refused.get());
        }
        return accepted.get() / seconds;
    }

    private static String report(String unit, String programme, int i) {
        int denominator = 200 + i % 50;
        return """
                {"unitCode":"%s","programme":"%s","period":"2024","submittedBy":"Bench",
                 "values":{"GDNN_INTAKE_RATE":{"numerator":%d,"denominator":%d},"GDNN_NEW_ENROLMENT":{"value":%d}},
                 "tasks":[{"task":"1","status":"IN_PROGRESS","text":"Đã tổ chức tư vấn"}],
                 "narrative":{"results":"Kết quả","shortcomings":"Hạn chế","difficulties":"Khó khăn","proposals":"Kiến nghị"}}
                """.formatted(unit, programme, 100 + i % 100, denominator, 10 + i % 40);
    }

    private static List<String> communesOf(String planUrl, String province) throws Exception {
        String subtree = get(planUrl + "/units/" + province + "/subtree?asOf=2024-12-07");
        Matcher m = Pattern.compile("\\{[^{}]*\"code\":\"(\\d+)\"[^{}]*\"level\":\"COMMUNE\"[^{}]*}").matcher(subtree);
        List<String> communes = new ArrayList<>();
        while (m.find()) {
            communes.add(m.group(1));
        }
        if (communes.isEmpty()) {
            throw new IllegalStateException("no communes under " + province + ": " + subtree);
        }
        return communes;
    }

    private static void issuePlan(String planUrl, String programme, List<String> communes) throws Exception {
        String units = String.join("\",\"", communes);
        String plan = """
                {"number":"%s/KH-UBND","title":"Benchmark","issuerUnitCode":"30","issueDate":"2024-01-15",
                 "basis":["21-CT/TW"],"horizonStart":2024,"horizonEnd":2030,"targets":[],
                 "tasks":[{"number":"1","title":"Tư vấn","leadUnit":"30","cooperatingUnits":[]}],
                 "programme":{"code":"%s","title":"Benchmark","frequency":"ANNUAL",
                   "indicators":["GDNN_INTAKE_RATE","GDNN_NEW_ENROLMENT"],
                   "outline":["results","shortcomings","difficulties","proposals"],
                   "deadlines":{"COMMUNE":"12-10","DISTRICT":"12-15","PROVINCE":"12-20","MINISTRY":"12-25"}},
                 "reportingUnits":["%s"]}
                """.formatted(programme.substring(6), programme, units);
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(planUrl + "/plans"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(plan)).build());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("plan refused: " + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> issued = send(HttpRequest.newBuilder(URI.create(planUrl + location + "/issue"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        if (issued.statusCode() != 200) {
            throw new IllegalStateException("plan not issued: " + issued.body());
        }
    }

    private static void awaitObligations(String reportUrl, String programme, int expected) throws Exception {
        Instant until = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(until)) {
            String list = get(reportUrl + "/obligations?under=30&status=OPEN");
            int open = list.split("\"programme\":\"" + programme + "\"", -1).length - 1;
            if (open >= expected) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("obligations of " + programme + " not opened within 120 s");
    }

    private static int post(String url, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()).statusCode();
    }

    private static String get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build()).body();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
