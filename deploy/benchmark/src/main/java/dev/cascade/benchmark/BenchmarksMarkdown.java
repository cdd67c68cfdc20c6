package dev.cascade.benchmark;

import java.nio.file.Path;
import java.util.List;

/** BENCHMARKS.md: the figures of a {@link Report} for people, with how each is taken. */
final class BenchmarksMarkdown {

    private BenchmarksMarkdown() {
    }

    /** The whole file; {@code json} is the results file it points to. */
    static String render(Report report, Path json) {
        StringBuilder md = new StringBuilder();
        boolean national = report.national();
        int communes = report.communes;
        List<RunResult> runs = report.runs;
        List<Indicator> indicators = report.indicators;
        Options options = report.options;
        Machine machine = report.machine;
        md.append("# Cascade benchmarks\n\n");
        boolean processes = report.processes();
        md.append("## National burst").append(national ? "" : " — DRY RUN with " + communes + " communes (not the national burst)")
                .append(processes ? ", deployment shape (each service its own JVM)" : ", one-JVM local stack")
                .append("\n\n");
        md.append("Measured ").append(report.started).append(" (UTC) by `").append(report.command())
                .append(processes ? "` against the local stack in the deployment shape (`deploy/local.sh --processes`, "
                        + "started with `CASCADE_DEMO_PROVINCES=ALL`: each service in a JVM of its own with "
                        + xmx(runs) + "), "
                        : "` against the local stack (`deploy/local.sh`, started with `CASCADE_DEMO_PROVINCES=ALL`: "
                        + "the four services in one JVM), ")
                .append(Report.AUTHENTICATION)
                .append(": each report carries its commune's reporter's token from `").append(options.issuer())
                .append("`; ").append(runs.size()).append(" run(s)")
                .append(runs.size() > 1 ? ", medians below" : "").append(". Raw figures: `")
                .append(Path.of("").toAbsolutePath().relativize(json.toAbsolutePath())).append("`.\n\n");
        if (!options.note().isBlank()) {
            md.append("**Conditions:** ").append(options.note()).append("\n\n");
        }
        md.append("Machine: ").append(machine.cpu()).append(", ").append(machine.cores()).append(" cores, ")
                .append(machine.memory()).append(", Linux ").append(machine.kernel()).append(", Java ")
                .append(machine.java()).append(". The machine is shared and noisy; CPU used by other processes ")
                .append("during each measured window is given below.\n\n");
        md.append("Workload: ").append(String.format("%,d", communes)).append(" communes")
                .append(national ? " (all communes of the 2025-03 list)" : " spread over all provinces (of " + report.countryCommunes + ")")
                .append(" each POST one annual report with ").append(indicators.size()).append(" indicators (")
                .append(indicators.stream().filter(Indicator::ratio).count()).append(" ratios, ")
                .append(indicators.stream().filter(i -> !i.ratio()).count()).append(" counts")
                .append(indicators.size() < 20 ? "; the catalogue has only " + indicators.size() + ", not 20" : "")
                .append("), from ").append(options.clients()).append(" concurrent HTTP clients, to a national plan issued by BGDDT ")
                .append("(a fresh plan and programme per run).\n\n");

        Report.Baseline baseline = report.baseline;
        md.append("| figure | median | ")
                .append(baseline == null ? "" : "baseline (" + BesideBaseline.authentication(baseline) + ") | ")
                .append(runHeaders(runs)).append("\n|---|---|").append(baseline == null ? "" : "---|")
                .append("---|".repeat(runs.size())).append('\n');
        row(md, report, "token fetch: every reporter logs in before the burst (s; not in the figures below)",
                "tokenFetchSeconds");
        row(md, report, "token fetch: tokens/s (" + options.tokenClients() + " in parallel)", "tokenFetchPerSecond");
        row(md, report, "idle single report: 201 p50 (s)", "idleHttpResponseP50Seconds");
        row(md, report, "idle single report → district aggregate p50 (s)", "idleToDistrictP50Seconds");
        row(md, report, "idle single report → province aggregate p50 (s)", "idleToProvinceP50Seconds");
        row(md, report, "idle single report → ministry aggregate p50 (s)", "idleToMinistryP50Seconds");
        row(md, report, "idle single report → ministry aggregate p95 (s)", "idleToMinistryP95Seconds");
        row(md, report, "accepted reports/s (first send → last 201)", "acceptedPerSecond");
        row(md, report, "first send → last 201 (s)", "firstSendToLastAcceptedSeconds");
        row(md, report, "HTTP response p99 (s)", "httpResponseP99Seconds");
        row(md, report, "last 201 → ministry aggregate shows all (s)", "lastAcceptedToMinistryCompleteSeconds");
        row(md, report, "end-to-end reports/s (first send → ministry complete)", "endToEndReportsPerSecond");
        row(md, report, "submission → ministry latency p50 (s)", "latencyP50Seconds");
        row(md, report, "submission → ministry latency p95 (s)", "latencyP95Seconds");
        row(md, report, "submission → ministry latency p99 (s)", "latencyP99Seconds");
        row(md, report, "submission → ministry latency max (s)", "latencyMaxSeconds");
        row(md, report, "CPU per report, whole stack (ms; every process of the stack, window ÷ accepted)",
                "wholeStackCpuMsPerReport");
        if (processes) {
            for (String service : ResourceMeter.SERVICES) {
                String prefix = RunFigures.prefix(service);
                row(md, report, service + " CPU per report (ms)", prefix + "CpuMsPerReport");
                row(md, report, service + " CPU time in window (s)", prefix + "CpuSeconds");
                row(md, report, service + " peak RSS (MB)", prefix + "PeakRssMb");
                row(md, report, service + " GC pauses in window (s)", prefix + "GcPauseSeconds");
                row(md, report, service + " heap in use, peak sampled (MB)", prefix + "HeapPeakUsedMb");
                row(md, report, service + " live heap after GC (old gen), peak sampled (MB)",
                        prefix + "LiveHeapAfterGcPeakMb");
                row(md, report, service + " store commands per report", prefix + "StoreCommandsPerReport");
                row(md, report, service + " store command, mean wait for the answer (ms)",
                        prefix + "StoreCommandMeanMs");
            }
            row(md, report, "stack JVM without the services (store, SMTP, identity provider, portal) CPU per "
                    + "report (ms)", "stackJvmCpuMsPerReport");
            row(md, report, "stack JVM without the services CPU time in window (s)", "stackJvmCpuSeconds");
            row(md, report, "stack JVM without the services peak RSS (MB)", "stackJvmPeakRssMb");
            row(md, report, "stack JVM without the services heap max (MB)", "stackHeapMaxMb");
            row(md, report, "stack JVM without the services heap in use, peak sampled (MB)", "stackHeapPeakUsedMb");
            row(md, report, "stack JVM without the services heap after its last GC, peak sampled (MB)",
                    "stackLiveHeapAfterGcPeakMb");
            row(md, report, "stack JVM without the services GC pauses in window (s)", "stackJvmGcPauseSeconds");
        } else {
            row(md, report, "stack JVM (4 services, store, SMTP, identity provider, portal) CPU per report (ms)",
                    "stackJvmCpuMsPerReport");
            row(md, report, "stack JVM (4 services) CPU time in window (s)", "stackJvmCpuSeconds");
            row(md, report, "stack JVM peak RSS (MB)", "stackJvmPeakRssMb");
            row(md, report, "stack JVM heap in use, peak sampled (MB)", "stackHeapPeakUsedMb");
            row(md, report, "stack JVM live heap after GC (old gen), peak sampled (MB)", "stackLiveHeapAfterGcPeakMb");
            row(md, report, "stack JVM GC pauses in window (s)", "stackJvmGcPauseSeconds");
        }
        row(md, report, "Kafka broker CPU per report (ms)", "kafkaBrokerCpuMsPerReport");
        row(md, report, "Kafka broker CPU time in window (s)", "kafkaBrokerCpuSeconds");
        row(md, report, "Kafka broker peak RSS (MB)", "kafkaBrokerPeakRssMb");
        row(md, report, "Kafka broker GC pauses in window (s)", "kafkaBrokerGcPauseSeconds");
        row(md, report, "other processes' CPU time in window (s)", "otherProcessesCpuSeconds");
        row(md, report, "raw Kafka produce records/s", "rawProducePerSecond");
        row(md, report, "raw Kafka consume records/s", "rawConsumePerSecond");
        row(md, report, "raw Kafka produce-then-consume records/s", "rawProduceThenConsumePerSecond");
        row(md, report, "Cascade end-to-end ÷ raw Kafka", "cascadeToRawRatio");
        row(md, report, "replay: report records on cascade.reports.v1 (every report the stack took)",
                "replayReportRecords");
        row(md, report, "replay: fresh aggregation-service JVM start → healthy (s)", "replayStartToHealthySeconds");
        row(md, report, "replay: JVM start → caught up and exact (s)", "replayStartToCaughtUpSeconds");
        row(md, report, "replay: report records/s once healthy", "replayReportsPerSecondOnceHealthy");
        row(md, report, "replay: report records/s from the JVM's start", "replayReportsPerSecondFromStart");
        row(md, report, "replay: CPU per report record (ms)", "replayCpuMsPerReportRecord");
        row(md, report, "replay: live heap after GC at the end (MB)", "replayLiveHeapAfterGcMb");
        row(md, report, "reminder e-mails received by the SMTP server (" + options.mailCommunes()
                + " communes asked)", "mailReminders");
        row(md, report, "reminder e-mails/s (while the dispatcher sends)", "mailPerSecond");
        row(md, report, "reminders: time the dispatcher was sending (s)", "mailSendingSeconds");
        row(md, report, "reminders: first → last arrival (s)", "mailFirstToLastSeconds");
        row(md, report, "reminders: contacts imported → last arrival (s)", "mailSetUpToLastSeconds");
        row(md, report, "reminders: importing the contacts, one bulk write (s)", "mailContactsSeconds");
        row(md, report, "errors (HTTP non-201 + dead-lettered)", "errors");
        md.append("| exactness (ministry + every province, topic and API) | | ");
        runs.forEach(r -> md.append(r.exactness().passed() ? "passed" : "**FAILED**")
                .append(r.exactness().storedWithoutAnswer() == null || r.exactness().storedWithoutAnswer() == 0 ? ""
                        : " (" + r.exactness().storedWithoutAnswer() + " stored without an answer)")
                .append(" | "));
        md.append("\n\n");
        if (baseline != null) {
            BesideBaseline.append(md, report, baseline);
        }
        ProfileMarkdown.append(md, runs);

        md.append("### Targets").append(national ? "" : " (for the national burst; this dry run is shown for information only)")
                .append("\n\n| target | measured (median) | met |\n|---|---|---|\n");
        for (Report.Target t : report.targets) {
            md.append("| ").append(t.target()).append(" | ").append(t.measured()).append(" | ")
                    .append(t.met() == null ? "not shown" : t.met() ? "yes" : "**no**").append(" |\n");
        }
        md.append('\n');

        md.append("### How the figures are taken\n\n");
        md.append("""
                - **Authentication**: every service is an OAuth2 resource server and verifies each request's JWT \
                (signature against the issuer's keys, fetched once and cached; issuer, audience, expiry) and then its \
                unit and role against the hierarchy. Each commune's report is sent with the token of \
                `reporter-<commune>`; the plan is created and issued by `planner-BGDDT`; units, indicators, \
                obligations and aggregates are read as the ministry analyst `viewer-BGDDT`. Health and Prometheus \
                probes go without a token.
                - **Token fetch**: before the burst (after the plan is set up, before the clock starts) every \
                reporter's token is fetched once from the identity provider's token endpoint (grant \
                `urn:cascade:grant-type:demo-user`, client `cascade-cli`), by a bounded pool (`--token-clients`); its \
                wall-clock time is its own figure and is not in accepted reports/s. A later run reuses the tokens \
                while every one is valid for 30 more minutes (its token fetch shows "—"). The local identity \
                provider runs inside the stack JVM, so its CPU and heap are part of the stack's (its tokens are \
                fetched before the measured window opens).
                - **Idle single report**: before each burst, `--idle-reports` communes (20) spread over the \
                country, under a plan of their own, each send one report, one at a time, 1 s apart; for each, the \
                time from sending the request to the arrival at the benchmark's consumer of the next aggregate of \
                its district (where the 2025-03 ladder has one), of its province and of the ministry. The stack is \
                otherwise idle, so those aggregates are that report's.
                - **Accepted reports/s**: 201 responses ÷ time from the first request sent to the last 201 received. \
                Report bodies are prepared before the clock starts; each client thread sends synchronously \
                (`java.net.http`, HTTP/1.1, a fixed pool of N threads).
                - **Completion**: the benchmark follows `cascade.aggregates.v1` with a plain Kafka consumer (from the \
                end of each partition, assigned before the plan is created) and notes when each version of the \
                ministry aggregate `programme|period|BGDDT` arrives; completion is the first version whose \
                `completeness.received` equals the number of accepted reports.
                - **Submission → ministry latency**: the aggregate carries how many reports it includes, not which, \
                so the k-th report to be accepted (in 201 order) is matched with the first ministry aggregate whose \
                `received ≥ k`; latency runs from the moment that request was sent to the arrival of that aggregate \
                at the benchmark's consumer. Per report this can be early or late (reports overtake each other \
                across partitions); the distribution is that of a FIFO pipeline with the same input and output rates.
                - **CPU and memory**: from `/proc` — utime+stime over the window first send → ministry complete \
                of each process of the stack:\s""").append(processes
                ? "each service's own JVM (found as a child of the stack JVM by the `CASCADE_INSTANCE_ID` it was "
                        + "started with), the stack JVM, which keeps the embedded MongoDB-wire store, the SMTP server, "
                        + "the identity provider, the portal and the demo console feed, and the Kafka broker (a child "
                        + "JVM)"
                : "the stack JVM (all four services, the demo console feed, the embedded MongoDB-wire store, the "
                        + "SMTP server, the identity provider and the portal: they share one process) and the Kafka "
                        + "broker (a child JVM)").append("""
                ; CPU per report = that CPU time ÷ the accepted reports; peak RSS = `VmHWM`, reset (`clear_refs` 5) \
                before the burst. Heap: from `/actuator/prometheus`, sampled each second: heap in use (before \
                collection: grows towards -Xmx) and live data after GC (old generation after the last collection, \
                `jvm_gc_live_data_size_bytes`)""").append(processes ? ", of each service's own JVM; the stack JVM's "
                + "over JMX (the benchmark attaches to it and starts its local management agent): heap in use, and "
                + "after GC the heap in use after each pool's last collection, summed"
                : "; a per-service split does not exist in the single-JVM stack").append("""
                . GC pauses: the time every collector of the JVM reports (`GarbageCollectorMXBean`, over JMX as \
                above) over the window; concurrent collection work is not in it, only in the CPU time. \
                Other processes = the machine's busy CPU time (`/proc/stat`) minus the stack's processes and the \
                benchmark itself.""").append(processes ? """
                 Store commands: each service's MongoDB driver command timer (`mongodb_driver_commands_seconds`, \
                its count and sum from `/actuator/prometheus`) at the window's start and end: commands completed in \
                the window ÷ the accepted reports, and their summed time ÷ their number (the wait for the store's \
                answer as the service's threads saw it, queueing included); by collection and command in the JSON \
                file (`resources.services[].store`).
                """ : "\n").append("""
                - **Errors**: non-201 responses and exceptions, plus records added to any `*.dlq` topic during the run.
                - **Raw Kafka**: the same records (the report bodies, keyed by commune) produced to a scratch topic \
                `benchmark.raw.<run>` with 3 partitions on the same broker (default producer: acks=all, idempotent), \
                flushed, then consumed from the beginning to the end offsets the produce left; produce-then-consume = records ÷ (produce time + consume \
                time). The ratio compares it with Cascade's end-to-end rate (accepted ÷ first send → ministry complete). A \
                baseline that fails three times on fresh topics is shown as "—" with its reason in the results file; \
                the run keeps its own figures.
                - **Replay**: after each run,\s""" + ReplayRate.METHOD + """
                . Its output goes to scratch topics (the live instance consumes `cascade.rollup.v1`), it connects to \
                Kafka as the administrative principal, and its database, groups and topics are deleted afterwards. \
                A replay that is not complete and exact within `--replay-wait` is shown as "—" with its reason in \
                the results file, and the run's exit status is 2.
                - **Reminder mail**: after each run,\s""" + MailRate.METHOD + """
                . The communes are spread over the country and have no contacts of their own before; their \
                contacts are cleared afterwards, so the next burst's plan sends no reminders. A round that is not \
                exactly once within `--mail-wait` is shown as "—" with its reason, and the run's exit status is 2.
                - **Exactness**: the benchmark sums what it sent — counts: Σ value; ratios: Σ numerator, Σ \
                denominator, 100 × Σn ÷ Σd at scale 2 HALF_EVEN — for BGDDT and every province (province of each \
                commune from the units API) and compares value, count, sum or numerator/denominator and \
                completeness expected/received with the latest aggregate per key on the topic and with \
                `GET /aggregates/{programme}/{period}/{unit}`. Any difference fails the run (exit status 1). What \
                was sent = every report answered 201, and every request that failed at the client without an answer \
                (a timeout) whose commune's obligation report-service shows fulfilled afterwards: the service stored \
                it (since 5 Dec 2026, 21:00 UTC; before, such reports were left out and the check failed on them).
                """);
        md.append('\n');
        return md.toString();
    }

    private static String runHeaders(List<RunResult> runs) {
        StringBuilder s = new StringBuilder();
        for (RunResult run : runs) {
            s.append("run ").append(run.run()).append(" | ");
        }
        return s.toString().trim();
    }

    /** The -Xmx of the services' JVMs as the runs found them ("-Xmx512m"; several when they differ). */
    private static String xmx(List<RunResult> runs) {
        java.util.Set<String> found = new java.util.TreeSet<>();
        for (RunResult run : runs) {
            run.resources().services().forEach(s -> found.add(s.heap() == null ? "default" : s.heap().xmx()));
        }
        return found.stream().map(x -> "-Xmx" + x).collect(java.util.stream.Collectors.joining(" / "));
    }

    private static void row(StringBuilder md, Report report, String label, String figure) {
        md.append("| ").append(label).append(" | ").append(format(report.medians.get(figure))).append(" | ");
        if (report.baseline != null) {
            // the stack JVM holds the services in one shape and not in the other: not comparable across shapes
            boolean comparable = report.baseline.shape().equals(report.shape()) || !figure.startsWith("stack");
            md.append(format(comparable ? report.baseline.medians().get(figure) : null)).append(" | ");
        }
        for (RunResult run : report.runs) {
            md.append(format(RunFigures.ALL.get(figure).apply(run))).append(" | ");
        }
        md.append('\n');
    }

    /** A figure as the tables show it: "—" when missing, no decimals from 100 on, else up to 3 without trailing 0s. */
    static String format(Object value) {
        if (value == null) {
            return "—";
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d)) {
                return "—";
            }
            if (Math.abs(d) >= 100) {
                return String.format("%,.0f", d);
            }
            return String.format("%.3f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return value.toString();
    }
}
