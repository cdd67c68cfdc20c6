package dev.cascade.benchmark;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Command-line options of {@link NationalBurst}. */
record Options(int clients, int communes, int runs, long seed, URI plan, URI report, URI aggregation,
               URI notification, String bootstrap, String issuer, int tokenClients, String asOf, Path benchmarksFile,
               Path resultsDir, Path baseline, String note,
               boolean perturbExpected, int stackWaitSeconds, int obligationsWaitSeconds, int completionWaitSeconds,
               int idleReports, boolean replay, int replayWaitSeconds, String mongoUri, int mailCommunes,
               int mailWaitSeconds, String mailUrl, Path profileDir, List<String> args) {

    static final String USAGE = """
            deploy/benchmark.sh [options]   (against a running local stack started with CASCADE_DEMO_PROVINCES=ALL)
              --clients N            concurrent HTTP clients (default 32)
              --communes N           report from N communes spread over the country (default: all of them, 10,047)
              --runs N               repeat with a fresh plan and programme each time; medians are reported (default 1)
              --seed N               seed of the report values (default 2025)
              --note TEXT            conditions to state in BENCHMARKS.md (e.g. "other helpers were building")
              --out FILE             the human report (default deploy/benchmark/BENCHMARKS.md)
              --results DIR          the machine-readable results (default deploy/benchmark/results)
              --baseline FILE        an earlier results/<timestamp>.json whose medians BENCHMARKS.md shows beside
                                     these, with the difference per accepted report (e.g. the last run before
                                     authentication)
              --plan-url, --report-url, --aggregation-url, --notification-url URL   (default localhost:8081..8084)
              --bootstrap HOST:PORT  Kafka (default localhost:9092, or CASCADE_KAFKA_BOOTSTRAP)
              --issuer URL           the identity provider that gives the demo users' tokens (default
                                     CASCADE_ISSUER_URI, else http://localhost:9000, the local stack's)
              --token-clients N      parallel log-ins of the reporters before each burst (default 8)
              --as-of yyyy-MM-dd     day of the hierarchy walk (default 2024-12-01: the 2025-03 ladder)
              --completion-wait S    how long to wait for the ministry aggregate after the last 201 (default 600)
              --idle-reports N       before each burst, N communes send one report each, one at a time on the idle
                                     stack, timed to their district, province and ministry aggregates (default 20;
                                     0: none)
              --replay true|false    after each burst, a fresh aggregation-service (its own JVM, -Xmx512m, database,
                                     consumer groups and output topics) replays every input topic from offset 0,
                                     timed until its ministry aggregate of the run is complete and exact (default true)
              --replay-wait S        how long the replay may take (default 600)
              --mongo-uri URI        the stack's store, for the replay's database and the mail's contacts (default
                                     CASCADE_MONGODB_URI, else mongodb://localhost:27017)
              --mail-communes N      after each burst, N communes (none that has contacts) get a plan whose reminder
                                     is due at once, then e-mail contacts imported into the store in one write; the
                                     reminders are timed at the stack's SMTP server and checked exactly once; the
                                     contacts are removed after (default 1000; 0: none)
              --mail-wait S          how long the reminders may take (default 600)
              --mail-url URL         the SMTP server's listing (default http://localhost:8025, or CASCADE_MAILBOX_PORT)
              --profile DIR          record each JVM of the stack with JDK Flight Recorder over each burst's window
                                     (jcmd; DIR/<run>-<process>.jfr, for JDK Mission Control) and show where each
                                     spends its CPU, and each replay's JVM from its start (DIR/benchmark-replay-
                                     <run>.jfr); profiling costs CPU: such a run's figures are for the profile,
                                     not for the targets (default: no profile)
              --perturb-expected     add 1 to one expected ministry figure, to see the exactness check fail
            """;

    static Options parse(String[] argv, Map<String, String> env) {
        int clients = 32;
        int communes = 0;
        int runs = 1;
        long seed = 2025;
        String plan = "http://localhost:" + env.getOrDefault("PLAN_SERVICE_PORT", "8081");
        String report = "http://localhost:" + env.getOrDefault("REPORT_SERVICE_PORT", "8082");
        String aggregation = "http://localhost:" + env.getOrDefault("AGGREGATION_SERVICE_PORT", "8083");
        String notification = "http://localhost:" + env.getOrDefault("NOTIFICATION_SERVICE_PORT", "8084");
        String bootstrap = env.getOrDefault("CASCADE_KAFKA_BOOTSTRAP", "localhost:9092");
        String issuer = defaultIssuer(env);
        int tokenClients = 8;
        String asOf = "2024-12-01";
        Path out = Path.of("deploy/benchmark/BENCHMARKS.md");
        Path results = Path.of("deploy/benchmark/results");
        Path baseline = null;
        Path profile = null;
        String note = "";
        boolean perturb = false;
        int completionWait = 600;
        int idleReports = 20;
        boolean replay = true;
        int replayWait = 600;
        String mongoUri = env.getOrDefault("CASCADE_MONGODB_URI", "mongodb://localhost:27017");
        int mailCommunes = 1000;
        int mailWait = 600;
        String mailUrl = "http://localhost:" + env.getOrDefault("CASCADE_MAILBOX_PORT", "8025");
        for (int i = 0; i < argv.length; i++) {
            String arg = argv[i];
            switch (arg) {
                case "--clients" -> clients = Integer.parseInt(argv[++i]);
                case "--communes" -> communes = Integer.parseInt(argv[++i]);
                case "--runs" -> runs = Integer.parseInt(argv[++i]);
                case "--seed" -> seed = Long.parseLong(argv[++i]);
                case "--plan-url" -> plan = argv[++i];
                case "--report-url" -> report = argv[++i];
                case "--aggregation-url" -> aggregation = argv[++i];
                case "--notification-url" -> notification = argv[++i];
                case "--bootstrap" -> bootstrap = argv[++i];
                case "--issuer" -> issuer = argv[++i];
                case "--token-clients" -> tokenClients = Integer.parseInt(argv[++i]);
                case "--as-of" -> asOf = argv[++i];
                case "--out" -> out = Path.of(argv[++i]);
                case "--results" -> results = Path.of(argv[++i]);
                case "--baseline" -> baseline = Path.of(argv[++i]);
                case "--note" -> note = argv[++i];
                case "--perturb-expected" -> perturb = true;
                case "--completion-wait" -> completionWait = Integer.parseInt(argv[++i]);
                case "--idle-reports" -> idleReports = Integer.parseInt(argv[++i]);
                case "--replay" -> replay = bool(argv[++i], "--replay");
                case "--replay-wait" -> replayWait = Integer.parseInt(argv[++i]);
                case "--mongo-uri" -> mongoUri = argv[++i];
                case "--mail-communes" -> mailCommunes = Integer.parseInt(argv[++i]);
                case "--mail-wait" -> mailWait = Integer.parseInt(argv[++i]);
                case "--mail-url" -> mailUrl = argv[++i];
                case "--profile" -> profile = Path.of(argv[++i]);
                case "-h", "--help" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (clients < 1 || runs < 1 || communes < 0 || tokenClients < 1 || idleReports < 0 || replayWait < 1
                || mailCommunes < 0 || mailWait < 1) {
            throw new IllegalArgumentException("--clients, --runs, --token-clients, --replay-wait and --mail-wait must "
                    + "be at least 1, --communes, --idle-reports and --mail-communes not negative");
        }
        return new Options(clients, communes, runs, seed, URI.create(plan), URI.create(report),
                URI.create(aggregation), URI.create(notification), bootstrap, issuer, tokenClients, asOf, out, results,
                baseline, note, perturb,
                300, 1800, completionWait, idleReports, replay, replayWait, mongoUri, mailCommunes, mailWait,
                mailUrl.replaceAll("/+$", ""), profile, new ArrayList<>(List.of(argv)));
    }

    private static boolean bool(String value, String option) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(option + " takes true or false, not " + value);
        };
    }

    /**
     * The issuer the local stack's services trust: {@code CASCADE_ISSUER_URI} when set (an outside issuer, as the
     * local stack takes it too), else the embedded identity provider on {@code CASCADE_IDENTITY_PORT} (9000).
     */
    static String defaultIssuer(Map<String, String> env) {
        String external = env.getOrDefault("CASCADE_ISSUER_URI", "");
        return external.isBlank() ? "http://localhost:" + env.getOrDefault("CASCADE_IDENTITY_PORT", "9000")
                : external.strip();
    }
}
