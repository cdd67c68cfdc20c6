package dev.cascade.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.cascade.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The replay rate: a fresh aggregation-service, started in a JVM of its own as the deployment runs it
 * ({@code -Xmx512m}), with a database, consumer groups and output topics of its own, reads every input topic from
 * offset 0 (units, plans, every report the stack ever took, its own roll-ups) and rebuilds the aggregates. Timed from
 * its start until its ministry aggregate of the run's programme shows every accepted report, equals the totals the
 * benchmark computed (ministry and every province, on its output topic) and its reports consumer group has consumed
 * every report record; the rate is the report records on {@code cascade.reports.v1} over that time (and over the time
 * from its health endpoint answering, the start left out). Its output goes to scratch topics
 * ({@code -Dcascade.topics.rollup}, {@code -Dcascade.topics.aggregates}): the live instance consumes the roll-up topic
 * and must not see a replay's intermediate states. It connects to Kafka as the administrative principal (the
 * services' ACLs name their own groups and topics). Afterwards the instance is stopped and its database, groups and
 * topics are deleted.
 */
final class ReplayRate {

    static final String APPLICATION = "dev.cascade.aggregation.AggregationServiceApplication";
    static final String HEAP = "512m";
    private static final List<String> BINDINGS = List.of("units-in-0", "plans-in-0", "reports-in-0", "rollups-in-0");

    private final Options options;
    private final StackApi api;
    private final PrintStream out;

    ReplayRate(Options options, StackApi api, PrintStream out) {
        this.options = options;
        this.api = api;
        this.out = out;
    }

    RunResult.Replay measure(String tag, String programme, String period, long accepted,
                             Map<String, ExpectedTotals> expected) {
        String name = "benchmark-replay-" + tag.toLowerCase();
        String rollupTopic = "benchmark.replay." + tag.toLowerCase() + ".rollup";
        String aggregatesTopic = "benchmark.replay." + tag.toLowerCase() + ".aggregates";
        String database = "cascade-aggregation-replay-" + tag.toLowerCase();
        String reportsGroup = name + "-reports-in-0";
        Process process = null;
        Thread stopOnExit = null;
        out.println("Replay: a fresh aggregation-service reads every input topic from offset 0 ...");
        try (Admin admin = Admin.create(KafkaClients.admin(options.bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(rollupTopic, 3, (short) 1), new NewTopic(aggregatesTopic, 3,
                    (short) 1))).all().get(60, TimeUnit.SECONDS);
            long reportRecords = DeadLetters.lag(options.bootstrap(), Topics.REPORTS, List.of(reportsGroup))
                    .get(reportsGroup);
            try (AggregateWatcher watcher = new AggregateWatcher(aggregatesTopic, programme, true,
                    KafkaClients.admin(options.bootstrap()))) {
                watcher.start();
                int port = freePort();
                Path log = options.resultsDir().toAbsolutePath().resolve("replay-" + tag.toLowerCase() + ".log");
                Files.createDirectories(log.getParent());
                long start = System.nanoTime();
                process = start(name, port, database, rollupTopic, aggregatesTopic, log);
                stopOnExit = stopOnExit(process);
                URI base = URI.create("http://localhost:" + port);
                long healthy = awaitHealthy(process, base, start);
                long deadline = start + TimeUnit.SECONDS.toNanos(options.replayWaitSeconds());
                long complete = watcher.awaitMinistryReceived(accepted,
                        Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                if (complete < 0) {
                    return failed(reportRecords, "its ministry aggregate showed " + watcher.ministryReceived()
                            + " of " + accepted + " reports after " + options.replayWaitSeconds() + " s; log: " + log);
                }
                // the ministry shows every report of this run: the rest of the stream (other programmes) and the
                // provinces' last aggregates may still be on their way
                List<String> differences;
                long caughtUp;
                do {
                    differences = differences(watcher.latest(), programme, period, expected);
                    long behind = DeadLetters.lag(options.bootstrap(), Topics.REPORTS, List.of(reportsGroup))
                            .get(reportsGroup);
                    caughtUp = System.nanoTime();
                    if (differences.isEmpty() && behind == 0) {
                        break;
                    }
                    if (caughtUp > deadline) {
                        return failed(reportRecords, differences.isEmpty() ? behind + " report records not consumed after "
                                + options.replayWaitSeconds() + " s" : differences.size() + " difference(s), first: "
                                + differences.get(0));
                    }
                    Thread.sleep(100);
                } while (true);
                RunResult.ProcessFigures figures = new RunResult.ProcessFigures(process.pid(),
                        Percentiles.round(ProcessStats.cpuSeconds(process.pid())), Double.NaN,
                        Percentiles.round(ProcessStats.statusMb(process.pid(), "VmHWM")), false, Double.NaN, null);
                double fromStart = (caughtUp - start) / 1e9;
                double fromHealthy = (caughtUp - healthy) / 1e9;
                double liveData = api.gauge(base, "jvm_gc_live_data_size_bytes", "");
                RunResult.Replay replay = new RunResult.Replay(reportRecords, Percentiles.round((healthy - start) / 1e9),
                        Percentiles.round(fromStart), Percentiles.round(fromHealthy),
                        Percentiles.round(reportRecords / fromStart), Percentiles.round(reportRecords / fromHealthy),
                        Percentiles.round(ProcessStats.cpuSeconds(process.pid()) * 1000 / reportRecords), figures,
                        Percentiles.round(liveData > 0 ? liveData / 1048576.0 : Double.NaN), "-Xmx" + HEAP,
                        expected.size(), true, null, METHOD);
                out.printf("Replay: %,d report records in %.1f s from its start (%.1f s of it starting), %,.0f records/s"
                                + " once healthy; ministry and %d provinces exact%n", reportRecords, fromStart,
                        (healthy - start) / 1e9, replay.reportsPerSecondOnceHealthy(), expected.size() - 1);
                return replay;
            } finally {
                stop(process);
                forget(stopOnExit);
                cleanUp(admin, name, database, rollupTopic, aggregatesTopic);
            }
        } catch (Exception e) {
            out.println("Replay NOT measured: " + e);
            return failed(-1, e.toString());
        }
    }

    static final String METHOD = "a fresh aggregation-service in its own JVM (-Xmx" + HEAP + "), with a database, "
            + "consumer groups and output topics of its own, reads units, plans, reports and its own roll-ups from "
            + "offset 0; timed from the start of its JVM until its ministry aggregate of the run's programme shows "
            + "every accepted report, that aggregate and every province's equal the benchmark's totals, and its "
            + "reports group has consumed every record; rate = report records on cascade.reports.v1 (every report the "
            + "stack ever took, all programmes) over that time";

    private static RunResult.Replay failed(long records, String reason) {
        return new RunResult.Replay(records, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                null, Double.NaN, "-Xmx" + HEAP, 0, false, reason, METHOD);
    }

    private static List<String> differences(Map<String, JsonNode> latest, String programme, String period,
                                            Map<String, ExpectedTotals> expected) {
        List<String> found = new ArrayList<>();
        for (ExpectedTotals totals : expected.values()) {
            found.addAll(Exactness.differences("replay topic", totals,
                    latest.get(programme + "|" + period + "|" + totals.unitCode)));
        }
        return found;
    }

    /** The replay instance: the stack's own classes (the services' classpath), settings of its own. */
    private Process start(String name, int port, String database, String rollupTopic, String aggregatesTopic,
                          Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + HEAP);
        command.add("-XX:+ExitOnOutOfMemoryError");
        if (options.profileDir() != null) {
            // from its first instant, written when it is stopped
            command.add("-XX:FlightRecorderOptions=stackdepth=" + CpuProfiles.STACK_DEPTH);
            command.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                    + options.profileDir().toAbsolutePath().resolve(name + ".jfr"));
        }
        command.add("-Dcascade.topics.rollup=" + rollupTopic);
        command.add("-Dcascade.topics.aggregates=" + aggregatesTopic);
        command.add("-cp");
        command.add(servicesClasspath());
        command.add(APPLICATION);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", port);
        properties.put("spring.mongodb.uri", options.mongoUri());
        properties.put("spring.mongodb.database", database);
        properties.put("spring.cloud.stream.kafka.binder.brokers", options.bootstrap());
        properties.put("spring.cloud.stream.kafka.binder.consumer-properties.auto.offset.reset", "earliest");
        for (String binding : BINDINGS) {
            properties.put("spring.cloud.stream.bindings." + binding + ".group", name + "-" + binding);
        }
        properties.put("cascade.security.issuer-uri", options.issuer());
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.threshold.console", "WARN");
        properties.put("logging.file.name", log);
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.resolveSibling(log.getFileName() + ".out").toFile()));
        // no static membership (CASCADE_INSTANCE_ID): its consumers leave their groups when it stops, so that the
        // groups can be deleted at once
        builder.environment().remove("CASCADE_INSTANCE_ID");
        builder.environment().putAll(KafkaClients.adminServiceEnvironment(options.bootstrap()));
        return builder.start();
    }

    /**
     * The classpath the stack's services run with: the stack JVM's ({@code -jar} or {@code -cp}, resolved against its
     * working directory), so that the replay runs the code the stack runs; this program's own when the stack is not
     * found.
     */
    static String servicesClasspath() {
        return ProcessStats.findStack().map(pid -> {
            List<String> args = ProcessStats.arguments(pid);
            for (int i = 0; i < args.size() - 1; i++) {
                if (args.get(i).equals("-jar") || args.get(i).equals("-cp") || args.get(i).equals("-classpath")) {
                    Path cwd = Path.of("/proc/" + pid + "/cwd");
                    try {
                        cwd = cwd.toRealPath();
                    } catch (IOException e) {
                        return null;
                    }
                    List<String> entries = new ArrayList<>();
                    for (String entry : args.get(i + 1).split(":")) {
                        entries.add(cwd.resolve(entry).toString());
                    }
                    return String.join(":", entries);
                }
            }
            return null;
        }).orElse(System.getProperty("java.class.path"));
    }

    private long awaitHealthy(Process process, URI base, long start) throws InterruptedException {
        long deadline = start + TimeUnit.SECONDS.toNanos(options.replayWaitSeconds());
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the replay instance exited with status " + process.exitValue());
            }
            if (api.healthy(base)) {
                return System.nanoTime();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the replay instance was not healthy after " + options.replayWaitSeconds()
                + " s");
    }

    /**
     * Stops the replay's JVM if this one is stopped first (Ctrl-C, {@code kill}): it is not a child the system stops
     * with its parent, and would go on consuming and holding its database.
     */
    private static Thread stopOnExit(Process process) {
        Thread hook = new Thread(process::destroy, "replay-stop-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static void forget(Thread stopOnExit) {
        if (stopOnExit == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs, and stops a process that has already stopped
        }
    }

    private static void stop(Process process) throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Deletes what the replay made: its database, consumer groups and scratch topics (it would hold store memory). */
    private void cleanUp(Admin admin, String name, String database, String rollupTopic, String aggregatesTopic) {
        try (MongoClient mongo = MongoClients.create(options.mongoUri())) {
            mongo.getDatabase(database).drop();
        } catch (RuntimeException e) {
            out.println("  (replay database " + database + " not dropped: " + e + ")");
        }
        try {
            deleteGroups(admin, BINDINGS.stream().map(b -> name + "-" + b).toList());
        } catch (Exception e) {
            out.println("  (replay consumer groups not all deleted: " + e + ")");
        }
        try {
            admin.deleteTopics(List.of(rollupTopic, aggregatesTopic)).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            out.println("  (replay topics not deleted: " + e + ")");
        }
    }

    /**
     * Deletes the replay's consumer groups. A group whose member has not left yet is "not empty" (the broker drops a
     * member that did not leave, after its session timeout, 45 s by default): asked again every 2 s for up to 90 s.
     */
    private static void deleteGroups(Admin admin, List<String> groups) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        List<String> left = groups;
        while (!left.isEmpty()) {
            List<String> notEmpty = new ArrayList<>();
            for (Map.Entry<String, KafkaFuture<Void>> group : admin.deleteConsumerGroups(left).deletedGroups()
                    .entrySet()) {
                try {
                    group.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof GroupNotEmptyException && System.nanoTime() < deadline) {
                        notEmpty.add(group.getKey());
                    } else if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                        throw e;
                    }
                }
            }
            left = notEmpty;
            if (!left.isEmpty()) {
                Thread.sleep(2000);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
