package dev.cascade.benchmark;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.List;
import java.util.Map;

/**
 * The figures of one run of the national burst, as written to results/&lt;timestamp&gt;.json (the components are the
 * JSON fields, in order). Durations are in seconds, sizes in MB, all rounded to 3 decimals; NaN where not measured.
 */
record RunResult(int run, String programme, int communes, int clients, long seed, String startedAt,
                 String loadAverageBefore, String planId, String period, Setup setup, TokenFetch tokenFetch,
                 IdleLatency idleSingleReport, BurstFigures burst,
                 Completion completion, Latency submissionToMinistrySeconds, Resources resources,
                 ExactnessResult exactness, RawKafka rawKafka, Replay replay, Mail mail, Errors errors,
                 int exitStatus) {

    /** Before the burst: the plan created and issued, and how long each service took to take it. */
    record Setup(double planCreateSeconds, double planIssueSeconds, double obligationsOpenAfterIssueSeconds,
                 double aggregationPlanAfterIssueSeconds, double obligationEventsReadAfterIssueSeconds) {
    }

    /**
     * Before the burst, outside its figures: the reporters' log-ins at the identity provider ({@code fetched} 0 and
     * null figures: the tokens of an earlier run, still valid, were used).
     */
    record TokenFetch(String issuer, int reporters, int fetched, Double seconds, Double tokensPerSecond,
                      int parallelism, String note) {
    }

    /**
     * Before the burst: single reports on the idle stack, each timed to its district's, province's and the ministry's
     * next aggregate (null: not measured, {@code --idle-reports 0}); {@code errors}: non-201 answers and reports the
     * ministry did not show in time.
     */
    record IdleLatency(int reports, int accepted, double pauseSeconds, Percentiles.Summary httpResponseSeconds,
                       Percentiles.Summary toDistrictSeconds, Percentiles.Summary toProvinceSeconds,
                       Percentiles.Summary toMinistrySeconds, List<String> errors, String method) {
    }

    /** The submissions: from the first request sent to the last 201 received. */
    record BurstFigures(int submitted, int accepted, double firstSendToLastAcceptedSeconds, double acceptedPerSecond,
                        Percentiles.Summary httpResponseSeconds, double averageBodyBytes) {
    }

    /** When the ministry aggregate showed every accepted report (null figures: it never did). */
    record Completion(boolean ministryComplete, Double lastAcceptedToMinistryCompleteSeconds,
                      Double firstSendToMinistryCompleteSeconds, Double endToEndReportsPerSecond,
                      int ministryAggregateVersions, long aggregateRecordsOfProgramme) {
    }

    /** Submission-to-ministry latency: its distribution, the reports no aggregate included, how it is taken. */
    record Latency(@JsonUnwrapped Percentiles.Summary distribution, long notIncluded, String method) {
    }

    /**
     * CPU and memory over the window first send → ministry complete. {@code shape}: "one JVM" (the four services in
     * the stack JVM; {@code heap} is that JVM's, {@code services} empty) or "processes" (each service in a JVM of its
     * own, {@code services} one each, with its heap; {@code stackJvm} then holds the store, the SMTP server, the
     * identity provider and the portal, and {@code heap} is its heap read over JMX; null in results from before 7 Dec
     * 2026, 17:00 UTC).
     */
    record Resources(double windowSeconds, String shape, ProcessFigures stackJvm, ProcessFigures kafkaBroker,
                     Heap heap, List<ServiceFigures> services, double benchmarkCpuSeconds,
                     double machineBusyCpuSeconds, double otherProcessesCpuSeconds, String loadAverageAfter,
                     List<CpuProfile> cpuProfiles) {

        Resources {
            services = services == null ? List.of() : List.copyOf(services);
            cpuProfiles = cpuProfiles == null ? List.of() : List.copyOf(cpuProfiles);
        }

        /** The figures of a service's own JVM, if it ran in one. */
        java.util.Optional<ServiceFigures> service(String name) {
            return services.stream().filter(s -> s.service().equals(name)).findFirst();
        }
    }

    /**
     * Where a process spent its CPU in the window ({@code --profile}): its JFR execution samples, ranked by the library
     * of the sampled code and by the nearest Cascade class on the stack; {@code file} the recording.
     */
    record CpuProfile(String process, String file, int samples, List<Share> byLibrary, List<Share> byCascadeClass) {
    }

    /** A part of the samples: how many, and their percentage of all. */
    record Share(String name, int samples, double percent) {
    }

    /**
     * A service in a JVM of its own: its process, its heap and its commands to the store in the window ({@code store}
     * null in results from before 8 Dec 2026, 01:00 UTC, and when its scrape could not be read).
     */
    record ServiceFigures(String service, ProcessFigures process, Heap heap, StoreCommands store) {
    }

    /**
     * A service's commands to the store over the window, from the MongoDB driver's command timer on its Prometheus
     * scrape ({@code mongodb_driver_commands_seconds}): how many completed (whatever their status), the time the
     * service waited for their answers summed over its threads, and the same by collection and command, most first.
     */
    record StoreCommands(long count, double seconds, List<StoreCommand> byCommand) {

        StoreCommands {
            byCommand = byCommand == null ? List.of() : List.copyOf(byCommand);
        }
    }

    /** One collection's command ({@code reports}, {@code insert}) over the window. */
    record StoreCommand(String collection, String command, long count, double seconds) {
    }

    /**
     * One process (null pid: not found); {@code gcPauseSeconds} its collectors' pauses in the window, over JMX (null in
     * results from before 7 Dec 2026, 17:00 UTC; NaN where it was not measured).
     */
    record ProcessFigures(Long pid, double cpuSeconds, double cpuCoresAverage, double peakRssMb, boolean peakRssReset,
                          double peakRssSampledMb, Double gcPauseSeconds) {
    }

    /** A JVM's heap, from its Prometheus scrape; {@code xmx} as on its command line. */
    record Heap(String note, String xmx, double maxMb, double peakUsedSampledMb, double peakLiveDataAfterGcMb,
                double usedAfterMb) {
    }

    /**
     * The aggregates compared with the totals the benchmark computed: from every 201 and from every request that failed
     * at the client without an answer but whose report the service stored ({@code storedWithoutAnswer}; null in
     * results from before 5 Dec 2026, 21:00 UTC, which left those out).
     */
    record ExactnessResult(boolean passed, int unitsCompared, String sources, String checkedFigures, boolean perturbed,
                           List<String> differences, int differenceCount, Integer storedWithoutAnswer) {
    }

    /**
     * Raw Kafka on the same broker, and Cascade's end-to-end rate against it; {@code failure} set (and the figures
     * NaN) when no attempt measured it, which does not fail the run: Cascade's own figures stand.
     */
    record RawKafka(int records, double averageRecordBytes, double produceSeconds, double consumeSeconds,
                    double producePerSecond, double consumePerSecond, double produceThenConsumePerSecond,
                    Double cascadeEndToEndToRawRatio, String failure) {
    }

    /**
     * A fresh aggregation-service replaying every input topic from offset 0 ({@link ReplayRate}; null: not measured,
     * {@code --replay false}); {@code failure} set and the figures NaN when it did not end complete and exact.
     */
    record Replay(long reportRecords, double startToHealthySeconds, double startToCaughtUpSeconds,
                  double healthyToCaughtUpSeconds, double reportsPerSecondFromStart, double reportsPerSecondOnceHealthy,
                  double cpuMsPerReportRecord, ProcessFigures process, double liveHeapAfterGcMb, String xmx,
                  int aggregatesCompared, boolean exact, String failure, String method) {
    }

    /**
     * Reminder e-mails ({@link MailRate}; null: not measured, {@code --mail-communes 0}): {@code communes} asked,
     * {@code contacts} given an address, {@code delivered} reminders of the programme received by the SMTP server;
     * {@code failure} set when they were not one per commune; {@code contactsSeconds}: the contacts' import
     * once the plan is set up (null in results from before 5 Dec 2026, 21:00 UTC).
     */
    record Mail(int communes, int contacts, int delivered, long recipientsTwice, int notificationIdsTwice,
                double firstToLastSeconds, double mailsPerSecond, double setUpToLastSeconds, boolean exactlyOnce,
                String failure, String method, Double sendingSeconds, Double contactsSeconds) {
    }

    /** HTTP outcomes other than 201 (status or "exception" → count), a few samples, dead-letter growth per topic. */
    record Errors(Map<String, Integer> http, List<String> samples, Map<String, Long> deadLettered, long total) {
    }
}
