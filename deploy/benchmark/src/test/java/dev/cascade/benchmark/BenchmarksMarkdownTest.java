package dev.cascade.benchmark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BenchmarksMarkdownTest {

    @TempDir
    Path dir;

    @Test
    void theRunHeaderSaysAuthenticationIsOnAndTheTokenFetchIsAFigureOfItsOwnBesideTheBaseline() throws Exception {
        Path baselineFile = dir.resolve("20261203T211120Z.json");
        Files.writeString(baselineFile, """
                {"startedAt":"2026-12-03T21:11:20Z","note":"authentication not yet in place","communes":10047,
                 "medians":{"acceptedPerSecond":400.0,"httpResponseP99Seconds":0.2,"stackJvmCpuSeconds":50.235,
                            "endToEndReportsPerSecond":250.0}}
                """);
        Options options = Options.parse(new String[] {"--runs", "2", "--baseline", baselineFile.toString(),
                "--results", dir.toString()}, Map.of());
        List<RunResult> runs = List.of(run(1, 6.0, 200.0, 320.0, 0.8, true), run(2, null, null, 300.0, 0.6, false));

        Report report = new Report(options, Instant.parse("2026-12-04T10:00:00Z"), List.of(new Indicator("A", false)),
                10_047, 10_047, runs, Report.Baseline.read(baselineFile));
        String md = BenchmarksMarkdown.render(report, dir.resolve("results.json"));

        assertThat(md).contains("authentication on (bearer tokens, JWT verified by every service)")
                .contains("from `http://localhost:9000`")
                .contains("| figure | median | baseline (authentication off) | run 1 | run 2 |")
                .contains("| token fetch: every reporter logs in before the burst (s; not in the figures below) | 6 | — | 6 | — |")
                .contains("| accepted reports/s (first send → last 201) | 310 | 400 | 320 | 300 |")
                // 1000 / 400 = 2.5 ms before, 1000 / 310 = 3.226 ms now
                .contains("| wall-clock time per accepted report at 32 clients (ms; 1000 ÷ accepted/s) | 2.5 | 3.226 | +0.726 (+29 %) |")
                // 50.235 s over 10,047 reports = 5 ms; 60.282 s = 6 ms
                .contains("| stack JVM CPU per report, burst → ministry complete (ms) | 5 | 6 | +1 (+20 %) |")
                // stack JVM 60.282 s + broker 10 s over 10,047 reports; the baseline has no broker figure
                .contains("| CPU per report, whole stack, burst → ministry complete (ms) | — | 6.995 | — |")
                .contains("| CPU per report, whole stack (ms; every process of the stack, window ÷ accepted) | 6.995 | — | 6.995 | 6.995 |")
                .contains("## National burst, one-JVM local stack")
                .doesNotContain("report-service CPU per report")
                .contains("authentication off — authentication not yet in place");
        // the idle single reports: a row per level, the median of the runs' p50s, and its target
        assertThat(md).contains("| idle single report → ministry aggregate p50 (s) | 0.7 | — | 0.8 | 0.6 |")
                .contains("| single report on an idle stack → ministry, median ≤ 0.5 s | 0.7 | **no** |")
                // run 2's raw Kafka baseline failed: its figures are missing, the median is run 1's, nothing else lost
                .contains("| raw Kafka produce-then-consume records/s | 6,000 | — | 6,000 | — |")
                // run 2's replay timed out: shown as missing, the median is run 1's
                .contains("| replay: report records/s once healthy | 5,001 | — | 5,001 | — |")
                // run 2 measured no mail: the median is run 1's, and the target is judged on it
                .contains("| reminder e-mails/s (while the dispatcher sends) | 11 | — | 11 | — |")
                .contains("| reminders: time the dispatcher was sending (s) | 90.9 | — | 90.9 | — |")
                .contains("| reminder e-mails delivered ≥ 300/s, exactly once | 11.0 | **no** |")
                .contains("| fresh aggregation-service replaying from offset 0 to an exact ministry aggregate ≥ 5,000 reports/s | 5001.0 | yes |");
        assertThat(report.medians.get("idleToProvinceP50Seconds")).isEqualTo(0.35);
        assertThat(report.medians.get("tokenFetchSeconds")).isEqualTo(6.0);
        assertThat(report.medians.get("acceptedPerSecond")).isEqualTo(310.0);

        Path json = report.writeJson();
        assertThat(Files.readString(json)).contains("\"authentication\" : \"authentication on (bearer tokens, JWT "
                + "verified by every service)\"").contains("\"tokenFetch\"").contains("\"issuer\" : \"http://localhost:9000\"");
        // a results file with authentication is read back as such
        assertThat(Report.Baseline.read(json).authentication()).startsWith("authentication on");
    }

    @Test
    void theDeploymentShapeShowsEachServicesCpuPerReportAndHeapAndTheHeapTargetPerService() throws Exception {
        Path baselineFile = dir.resolve("20261204T175845Z.json");
        Files.writeString(baselineFile, """
                {"startedAt":"2026-12-04T17:58:45Z","authentication":"authentication on (bearer tokens)",
                 "communes":10047,
                 "medians":{"acceptedPerSecond":149.0,"stackJvmCpuSeconds":113.6,"kafkaBrokerCpuSeconds":11.13,
                            "endToEndReportsPerSecond":141.0}}
                """);
        Options options = Options.parse(new String[] {"--runs", "2", "--baseline", baselineFile.toString(),
                "--results", dir.toString()}, Map.of());
        List<RunResult> runs = List.of(run(1, 6.0, 200.0, 320.0, 0.2, true, processes(20.094, 300)),
                run(2, null, null, 300.0, 0.1, true, processes(30.141, 600)));

        Report report = new Report(options, Instant.parse("2026-12-04T21:00:00Z"), List.of(new Indicator("A", false)),
                10_047, 10_047, runs, Report.Baseline.read(baselineFile));
        String md = BenchmarksMarkdown.render(report, dir.resolve("results.json"));

        assertThat(report.processes()).isTrue();
        assertThat(md).contains("## National burst, deployment shape (each service its own JVM)")
                .contains("(`deploy/local.sh --processes`, started with `CASCADE_DEMO_PROVINCES=ALL`: each service in "
                        + "a JVM of its own with -Xmx512m)")
                // report-service: 20.094 s and 30.141 s over 10,047 reports = 2 and 3 ms, median 2.5
                .contains("| report-service CPU per report (ms) | 2.5 | — | 2 | 3 |")
                .contains("| aggregation-service live heap after GC (old gen), peak sampled (MB) | 450 | — | 300 | 600 |")
                // the one-JVM baseline's stack JVM held the services: not shown beside this one
                .contains("| stack JVM without the services CPU time in window (s) | 10 | — | 10 | 10 |")
                .contains("| Kafka broker CPU time in window (s) | 5 | 11.13 | 5 | 5 |")
                // the stack JVM's heap and every process's GC pauses, over JMX; the baseline had none of them
                .contains("| stack JVM without the services heap after its last GC, peak sampled (MB) | 1,450 | — | 1,300 | 1,600 |")
                .contains("| stack JVM without the services heap max (MB) | 3,072 | — | 3,072 | 3,072 |")
                .contains("| stack JVM without the services GC pauses in window (s) | 4.5 | — | 3 | 6 |")
                .contains("| report-service GC pauses in window (s) | 0.75 | — | 0.75 | 0.75 |")
                // 40,188 and 60,282 commands over 10,047 reports, each waited 10 ms; no scrape of the others read
                .contains("| report-service store commands per report | 5 | — | 4 | 6 |")
                .contains("| report-service store command, mean wait for the answer (ms) | 10 | — | 10 | 10 |")
                .contains("| plan-service store commands per report | — | — | — | — |")
                .contains("Store commands: each service's MongoDB driver command timer")
                // not measured (the broker refused the attach): shown as missing, not as 0
                .contains("| Kafka broker GC pauses in window (s) | — | — | — | — |")
                // whole stack: stack 10 + broker 5 + services 20.094 + 3 × 10.047 = 65.235 s → 6.493 ms; run 2 7.493
                .contains("| CPU per report, whole stack (ms; every process of the stack, window ÷ accepted) | 6.993 | — | 6.493 | 7.493 |")
                // beside a one-JVM baseline: the whole stack compared, not the stack JVM (it no longer holds the services)
                .contains("the services in one JVM, authentication on (bearer tokens)")
                .contains("| CPU per report, whole stack, burst → ministry complete (ms) | 12.415 | 6.993 | -5.422 (-44 %) |")
                .doesNotContain("| stack JVM CPU per report, burst → ministry complete (ms) |")
                .doesNotContain("stack JVM heap in use");
        // the heap target per service: aggregation-service's median 450 MB is within 512 MB
        Report.Target heap = report.targets.stream().filter(t -> t.target().contains("512 MB")).findFirst().orElseThrow();
        assertThat(heap.met()).isTrue();
        assertThat(heap.measured()).isEqualTo(Map.of("plan-service", 100.0, "report-service", 100.0,
                "aggregation-service", 450.0, "notification-service", 100.0));
        Report.Target cpu = report.targets.stream().filter(t -> t.target().startsWith("CPU per report")).findFirst()
                .orElseThrow();
        assertThat(cpu.met()).isFalse();
        assertThat(Files.readString(report.writeJson())).contains("\"shape\" : \"processes\"")
                .contains("\"reportServiceCpuMsPerReport\" : 2.5")
                .contains("\"reportServiceStoreCommandsPerReport\" : 5.0")
                .contains("\"collection\" : \"reports\"");
    }

    @Test
    void aProfiledRunShowsWhereEachProcessSpendsItsCpuForTheLastRunProfiled() throws Exception {
        Options options = Options.parse(new String[] {"--runs", "2", "--results", dir.toString(), "--profile",
                dir.resolve("profiles").toString()}, Map.of());
        RunResult.Resources profiled = profiled(processes(20.094, 300), new RunResult.CpuProfile("report-service",
                "/tmp/p/NB1R2-report-service.jfr", 1_234, List.of(new RunResult.Share("com.mongodb.internal", 123, 9.97),
                new RunResult.Share("dev.cascade.report.submission", 62, 5.02)),
                List.of(new RunResult.Share("no Cascade class on the stack", 600, 48.62),
                        new RunResult.Share("dev.cascade.report.submission.Submissions", 300, 24.31))));
        List<RunResult> runs = List.of(run(1, 6.0, 200.0, 320.0, 0.2, true, processes(20.094, 300)),
                run(2, null, null, 300.0, 0.1, true, profiled));

        String md = BenchmarksMarkdown.render(new Report(options, Instant.parse("2026-12-05T15:00:00Z"),
                List.of(new Indicator("A", false)), 10_047, 10_047, runs, null), dir.resolve("results.json"));

        assertThat(md).contains("### Where each process spends its CPU (JDK Flight Recorder, run 2)")
                .contains("| report-service (`/tmp/p/NB1R2-report-service.jfr`) | 1,234 | com.mongodb.internal 10.0 %,"
                        + " report.submission 5.0 % | no Cascade class on the stack 48.6 %,"
                        + " report.submission.Submissions 24.3 % |")
                .contains("the figures of a profiled run are for the profile, not for the targets");
        String unprofiled = BenchmarksMarkdown.render(new Report(options, Instant.parse("2026-12-05T15:00:00Z"),
                List.of(new Indicator("A", false)), 10_047, 10_047, runs.subList(0, 1), null),
                dir.resolve("results.json"));
        assertThat(unprofiled).doesNotContain("Where each process spends its CPU");
    }

    private static RunResult.Resources profiled(RunResult.Resources r, RunResult.CpuProfile profile) {
        return new RunResult.Resources(r.windowSeconds(), r.shape(), r.stackJvm(), r.kafkaBroker(), r.heap(),
                r.services(), r.benchmarkCpuSeconds(), r.machineBusyCpuSeconds(), r.otherProcessesCpuSeconds(),
                r.loadAverageAfter(), List.of(profile));
    }

    /** Each service in its own JVM: report-service used {@code reportCpu} s, aggregation-service {@code aggregationLive} MB. */
    private static RunResult.Resources processes(double reportCpu, double aggregationLive) {
        List<RunResult.ServiceFigures> services = ResourceMeter.SERVICES.stream().map(name -> new RunResult.ServiceFigures(
                name, new RunResult.ProcessFigures(10L, name.equals("report-service") ? reportCpu : 10.047, 0.5, 700,
                        true, 690, name.equals("report-service") ? 0.75 : 0.25),
                new RunResult.Heap("test", "512m", 512, 400, name.equals("aggregation-service") ? aggregationLive : 100,
                        200), name.equals("report-service") ? store((long) (reportCpu * 2000)) : null)).toList();
        // the stack JVM's heap over JMX: the store's documents; its pauses grow with it
        return new RunResult.Resources(40, ResourceMeter.PROCESSES, new RunResult.ProcessFigures(1L, 10, 0.25, 900, true,
                880, aggregationLive / 100), new RunResult.ProcessFigures(2L, 5, 0.1, 800, true, 700, Double.NaN),
                new RunResult.Heap("test", "3g", 3072, 2000 + aggregationLive, 1000 + aggregationLive, 1500), services,
                5, 90, 5, "1.0 1.0 1.0", List.of());
    }

    /** {@code count} commands to the store, 10 ms each, three quarters of them inserts into {@code reports}. */
    private static RunResult.StoreCommands store(long count) {
        return new RunResult.StoreCommands(count, count * 0.01, List.of(
                new RunResult.StoreCommand("reports", "insert", count * 3 / 4, count * 3 / 4 * 0.01),
                new RunResult.StoreCommand("audit", "insert", count - count * 3 / 4, (count - count * 3 / 4) * 0.01)));
    }

    private static RunResult run(int n, Double tokenSeconds, Double tokensPerSecond, double acceptedPerSecond,
                                 double idleMinistry, boolean rawMeasured) {
        return run(n, tokenSeconds, tokensPerSecond, acceptedPerSecond, idleMinistry, rawMeasured, null);
    }

    private static RunResult run(int n, Double tokenSeconds, Double tokensPerSecond, double acceptedPerSecond,
                                 double idleMinistry, boolean rawMeasured, RunResult.Resources resources) {
        Percentiles.Summary http = new Percentiles.Summary(10_047, 0.05, 0.1, 0.25, 0.4, 0.06);
        Percentiles.Summary response = new Percentiles.Summary(20, 0.02, 0.03, 0.03, 0.03, 0.02);
        RunResult.IdleLatency idle = new RunResult.IdleLatency(20, 20, 1, response,
                new Percentiles.Summary(20, idleMinistry / 4, 0.3, 0.3, 0.3, 0.2),
                new Percentiles.Summary(20, idleMinistry / 2, 0.5, 0.5, 0.5, 0.4),
                new Percentiles.Summary(20, idleMinistry, 1.0, 1.0, 1.0, 0.9), List.of(), "test");
        return new RunResult(n, "P" + n, 10_047, 32, 2025, "2026-12-04T10:00:00Z", "1.0 1.0 1.0", "plan-" + n, "2024",
                new RunResult.Setup(1, 1, 10, 12, 14),
                new RunResult.TokenFetch("http://localhost:9000", 10_047, tokenSeconds == null ? 0 : 10_047,
                        tokenSeconds, tokensPerSecond, 8, "test"),
                idle,
                new RunResult.BurstFigures(10_047, 10_047, 10_047 / acceptedPerSecond, acceptedPerSecond, http, 1200),
                new RunResult.Completion(true, 10.0, 40.0, 250.0, 30, 900),
                new RunResult.Latency(http, 0, "test"),
                resources == null ? new RunResult.Resources(40, ResourceMeter.ONE_JVM,
                        new RunResult.ProcessFigures(1L, 60.282, 1.5, 2000, true, 1900, 1.5),
                        new RunResult.ProcessFigures(2L, 10, 0.25, 800, true, 700, 0.1),
                        new RunResult.Heap("test", "3g", 3072, 1500, 300, 1000), List.of(), 5, 90, 5, "1.0 1.0 1.0",
                        List.of()) : resources,
                new RunResult.ExactnessResult(true, 64, "topic", "all", false, List.of(), 0, 0),
                rawMeasured ? new RunResult.RawKafka(10_047, 1200, 1, 1, 10_000, 20_000, 6_000, 0.04, null)
                        : new RunResult.RawKafka(10_047, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, null, "java.lang.IllegalStateException: raw consumer read 10035 of 10047"),
                rawMeasured ? new RunResult.Replay(40_000, 20, 28, 8, 1428.571, 5000 + n, 0.5,
                        new RunResult.ProcessFigures(3L, 20, Double.NaN, 600, false, Double.NaN, null), 120, "-Xmx512m", 35,
                        true, null, "test")
                        : new RunResult.Replay(40_000, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, null, Double.NaN, "-Xmx512m", 0, false, "timed out", "test"),
                rawMeasured ? new RunResult.Mail(1000, 1000, 1000, 0, 0, 90.9, 11, 95, true, null, "test", 90.9, 12.5) : null,
                new RunResult.Errors(Map.of(), List.of(), Map.of(), 0), 0);
    }
}
