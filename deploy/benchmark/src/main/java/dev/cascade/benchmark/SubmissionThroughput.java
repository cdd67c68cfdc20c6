package dev.cascade.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Accepted submissions per second of report-service, for 1 and for 16 concurrent clients, against a running local
 * stack (not a test: JDK only, run as a single-file program). It issues its own plan through plan-service with every
 * commune of province 30 as a reporting unit (so that concurrent clients report for different units), waits until
 * report-service has opened their obligations, then for each client count makes 3 timed runs (after a warm-up) in
 * which every client posts valid reports for its own share of the communes (the first one of a unit is version 1,
 * the next ones revisions). A run's figure is 201 answers / wall-clock seconds; the median of the 3 runs is written.
 * Every request carries a demo user's bearer token from the local identity provider (the {@code demo-user} grant
 * of client {@code cascade-cli}, as the README's curl line; {@link Tokens}): a commune's report as
 * {@code reporter-<commune>}, the plan (issued by province 30) as {@code planner-30}, the units and obligations as
 * the ministry analyst {@code viewer-BGDDT}. The reporters log in before the timed runs (once each, not per report).
 *
 * <pre>
 * java deploy/benchmark/src/main/java/dev/cascade/benchmark/SubmissionThroughput.java \
 *      [planUrl=http://localhost:8081] [reportUrl=http://localhost:8082] [out=deploy/benchmark/target/throughput.txt] \
 *      [requestsPerClient=150] [issuer=$CASCADE_ISSUER_URI or http://localhost:9000]
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
        String issuer = args.length > 4 ? args[4] : System.getenv().getOrDefault("CASCADE_ISSUER_URI", "").isBlank()
                ? "http://localhost:9000" : System.getenv("CASCADE_ISSUER_URI").strip();
        Tokens tokens = new Tokens(issuer);

        List<String> communes = communesOf(planUrl, "30", tokens.bearer(ANALYST));
        String programme = "BENCH-" + Instant.now().getEpochSecond();
        issuePlan(planUrl, programme, communes, tokens.bearer("planner-30"));
        awaitObligations(reportUrl, programme, communes.size(), tokens.bearer(ANALYST));
        System.out.printf("%s: %d reporting communes of province 30, obligations open%n", programme, communes.size());

        long login = System.nanoTime();
        Map<String, String> reporters = new ConcurrentHashMap<>();
        for (String commune : communes) {
            reporters.put(commune, tokens.bearer("reporter-" + commune));
        }
        System.out.printf("%d reporters logged in (%s) in %.2f s, before the timed runs%n", communes.size(), issuer,
                (System.nanoTime() - login) / 1e9);

        measure(reportUrl, programme, communes, perClient, out, "the whole local stack on this machine, "
                + "authentication on (bearer tokens, JWT verified by every service)", reporters::get);
    }

    /** The ministry analyst: VIEWER of BGDDT, reads the units and the obligations of the whole country. */
    static final String ANALYST = "viewer-BGDDT";

    /**
     * A warm-up, then 3 timed runs for 1 and for 16 clients; writes the medians to {@code out}.
     *
     * @param setting       what ran the service (written into the file)
     * @param authorization the {@code Authorization} header for a unit's reports (its reporter's bearer token, got
     *                      before: the timed runs fetch none), or null for none
     * @return the medians, for 1 and for 16 clients
     */
    public static double[] measure(String reportUrl, String programme, List<String> communes, int perClient, Path out,
                                   String setting, Function<String, String> authorization) throws Exception {
        run(reportUrl, programme, communes, 4, 25, authorization); // warm-up
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
                rates[i] = run(reportUrl, programme, communes, clients, perClient, authorization);
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
    private static double run(String reportUrl, String programme, List<String> communes, int clients, int perClient,
                              Function<String, String> authorization) throws Exception {
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
                    String unit = communes.get(index);
                    int status = post(reportUrl + "/reports", report(unit, programme, i), authorization.apply(unit));
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
                {"unitCode":"%s","programme":"%s","period":"2024",
                 "values":{"GDNN_INTAKE_RATE":{"numerator":%d,"denominator":%d},"GDNN_NEW_ENROLMENT":{"value":%d}},
                 "tasks":[{"task":"1","status":"IN_PROGRESS","text":"Đã tổ chức tư vấn"}],
                 "narrative":{"results":"Kết quả","shortcomings":"Hạn chế","difficulties":"Khó khăn","proposals":"Kiến nghị"}}
                """.formatted(unit, programme, 100 + i % 100, denominator, 10 + i % 40);
    }

    private static List<String> communesOf(String planUrl, String province, String authorization) throws Exception {
        String subtree = get(planUrl + "/units/" + province + "/subtree?asOf=2024-12-07", authorization);
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

    private static void issuePlan(String planUrl, String programme, List<String> communes, String authorization)
            throws Exception {
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
                .header("Content-Type", "application/json").header("Authorization", authorization).POST(HttpRequest.BodyPublishers.ofString(plan)).build());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("plan refused: " + created.statusCode() + " " + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> issued = send(HttpRequest.newBuilder(URI.create(planUrl + location + "/issue"))
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.noBody()).build());
        if (issued.statusCode() != 200) {
            throw new IllegalStateException("plan not issued: " + issued.statusCode() + " " + issued.body());
        }
    }

    private static void awaitObligations(String reportUrl, String programme, int expected, String authorization)
            throws Exception {
        Instant until = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(until)) {
            String list = get(reportUrl + "/obligations?under=30&status=OPEN", authorization);
            int open = list.split("\"programme\":\"" + programme + "\"", -1).length - 1;
            if (open >= expected) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("obligations of " + programme + " not opened within 120 s");
    }

    private static int post(String url, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build()).statusCode();
    }

    private static String get(String url, String authorization) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", authorization).GET().build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
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

    /**
     * Demo users' access tokens from the local identity provider, JDK only (this program runs as a single file,
     * without the local stack's {@code DemoTokens}): the {@code urn:cascade:grant-type:demo-user} grant of client
     * {@code cascade-cli}, password {@code demo}, one fetch per user (an hour's token outlives the measurement).
     */
    static final class Tokens {

        private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
        private final URI endpoint;
        private final Map<String, String> cache = new ConcurrentHashMap<>();

        Tokens(String issuer) {
            this.endpoint = URI.create(issuer.replaceAll("/+$", "") + "/oauth2/token");
        }

        /** {@code Bearer <token>} of {@code user}. */
        String bearer(String user) {
            return cache.computeIfAbsent(user, this::fetch);
        }

        private String fetch(String user) {
            String form = "grant_type=" + URLEncoder.encode("urn:cascade:grant-type:demo-user", StandardCharsets.UTF_8)
                    + "&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=demo";
            HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint)
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            "cascade-cli:cascade-cli-secret".getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build());
            Matcher token = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("no token for " + user + " from " + endpoint + ": "
                        + response.statusCode() + " " + response.body());
            }
            return "Bearer " + token.group(1);
        }
    }
}
