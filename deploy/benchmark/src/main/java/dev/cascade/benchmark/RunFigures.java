package dev.cascade.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Each figure of a run by the name it has in the results file and BENCHMARKS.md ({@code acceptedPerSecond},
 * {@code reportServiceCpuMsPerReport}, …): the {@link Report}'s medians are taken over these. A figure a run did not
 * measure (no replay, no mail, a failed step, a per-service figure of the one-JVM stack) is null.
 */
final class RunFigures {

    private RunFigures() {
    }

    /** name → figure of a run; medians are taken over these. */
    static final Map<String, Function<RunResult, Number>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("idleHttpResponseP50Seconds", r -> idle(r, RunResult.IdleLatency::httpResponseSeconds));
        ALL.put("idleToDistrictP50Seconds", r -> idle(r, RunResult.IdleLatency::toDistrictSeconds));
        ALL.put("idleToProvinceP50Seconds", r -> idle(r, RunResult.IdleLatency::toProvinceSeconds));
        ALL.put("idleToMinistryP50Seconds", r -> idle(r, RunResult.IdleLatency::toMinistrySeconds));
        ALL.put("idleToMinistryP95Seconds", r -> r.idleSingleReport() == null ? null
                : r.idleSingleReport().toMinistrySeconds().p95());
        ALL.put("acceptedPerSecond", r -> r.burst().acceptedPerSecond());
        ALL.put("firstSendToLastAcceptedSeconds", r -> r.burst().firstSendToLastAcceptedSeconds());
        ALL.put("httpResponseP99Seconds", r -> r.burst().httpResponseSeconds().p99());
        ALL.put("lastAcceptedToMinistryCompleteSeconds", r -> r.completion().lastAcceptedToMinistryCompleteSeconds());
        ALL.put("endToEndReportsPerSecond", r -> r.completion().endToEndReportsPerSecond());
        ALL.put("latencyP50Seconds", r -> r.submissionToMinistrySeconds().distribution().p50());
        ALL.put("latencyP95Seconds", r -> r.submissionToMinistrySeconds().distribution().p95());
        ALL.put("latencyP99Seconds", r -> r.submissionToMinistrySeconds().distribution().p99());
        ALL.put("latencyMaxSeconds", r -> r.submissionToMinistrySeconds().distribution().max());
        ALL.put("wholeStackCpuMsPerReport", r -> perReport(r, wholeStackCpu(r)));
        ALL.put("stackJvmCpuSeconds", r -> r.resources().stackJvm().cpuSeconds());
        ALL.put("stackJvmCpuMsPerReport", r -> perReport(r, r.resources().stackJvm().cpuSeconds()));
        ALL.put("stackJvmPeakRssMb", r -> r.resources().stackJvm().peakRssMb());
        ALL.put("kafkaBrokerCpuSeconds", r -> r.resources().kafkaBroker().cpuSeconds());
        ALL.put("kafkaBrokerCpuMsPerReport", r -> perReport(r, r.resources().kafkaBroker().cpuSeconds()));
        ALL.put("kafkaBrokerPeakRssMb", r -> r.resources().kafkaBroker().peakRssMb());
        ALL.put("stackJvmGcPauseSeconds", r -> r.resources().stackJvm().gcPauseSeconds());
        ALL.put("kafkaBrokerGcPauseSeconds", r -> r.resources().kafkaBroker().gcPauseSeconds());
        ALL.put("stackHeapMaxMb", r -> r.resources().heap() == null ? null : r.resources().heap().maxMb());
        ALL.put("stackHeapPeakUsedMb", r -> r.resources().heap() == null ? null
                : r.resources().heap().peakUsedSampledMb());
        ALL.put("stackLiveHeapAfterGcPeakMb", r -> r.resources().heap() == null ? null
                : r.resources().heap().peakLiveDataAfterGcMb());
        for (String service : ResourceMeter.SERVICES) {
            String prefix = prefix(service);
            ALL.put(prefix + "CpuSeconds", r -> service(r, service, s -> s.process().cpuSeconds()));
            ALL.put(prefix + "CpuMsPerReport",
                    r -> service(r, service, s -> perReport(r, s.process().cpuSeconds())));
            ALL.put(prefix + "PeakRssMb", r -> service(r, service, s -> s.process().peakRssMb()));
            ALL.put(prefix + "GcPauseSeconds", r -> service(r, service, s -> s.process().gcPauseSeconds()));
            ALL.put(prefix + "HeapPeakUsedMb", r -> service(r, service, s -> s.heap().peakUsedSampledMb()));
            ALL.put(prefix + "LiveHeapAfterGcPeakMb",
                    r -> service(r, service, s -> s.heap().peakLiveDataAfterGcMb()));
            ALL.put(prefix + "StoreCommandsPerReport", r -> service(r, service, s -> s.store() == null
                    || r.burst().accepted() == 0 ? null
                    : Percentiles.round((double) s.store().count() / r.burst().accepted())));
            ALL.put(prefix + "StoreCommandMeanMs", r -> service(r, service, s -> s.store() == null
                    || s.store().count() == 0 ? null : Percentiles.round(s.store().seconds() * 1000 / s.store().count())));
        }
        ALL.put("otherProcessesCpuSeconds", r -> r.resources().otherProcessesCpuSeconds());
        ALL.put("rawProducePerSecond", r -> r.rawKafka().producePerSecond());
        ALL.put("rawConsumePerSecond", r -> r.rawKafka().consumePerSecond());
        ALL.put("rawProduceThenConsumePerSecond", r -> r.rawKafka().produceThenConsumePerSecond());
        ALL.put("cascadeToRawRatio", r -> r.rawKafka().cascadeEndToEndToRawRatio());
        ALL.put("replayReportRecords", r -> replay(r, RunResult.Replay::reportRecords));
        ALL.put("replayStartToHealthySeconds", r -> replay(r, RunResult.Replay::startToHealthySeconds));
        ALL.put("replayStartToCaughtUpSeconds", r -> replay(r, RunResult.Replay::startToCaughtUpSeconds));
        ALL.put("replayReportsPerSecondFromStart", r -> replay(r, RunResult.Replay::reportsPerSecondFromStart));
        ALL.put("replayReportsPerSecondOnceHealthy", r -> replay(r, RunResult.Replay::reportsPerSecondOnceHealthy));
        ALL.put("replayCpuMsPerReportRecord", r -> replay(r, RunResult.Replay::cpuMsPerReportRecord));
        ALL.put("replayLiveHeapAfterGcMb", r -> replay(r, RunResult.Replay::liveHeapAfterGcMb));
        ALL.put("mailReminders", r -> r.mail() == null ? null : r.mail().delivered());
        ALL.put("mailPerSecond", r -> mail(r, RunResult.Mail::mailsPerSecond));
        ALL.put("mailSendingSeconds", r -> mail(r, RunResult.Mail::sendingSeconds));
        ALL.put("mailFirstToLastSeconds", r -> mail(r, RunResult.Mail::firstToLastSeconds));
        ALL.put("mailSetUpToLastSeconds", r -> mail(r, RunResult.Mail::setUpToLastSeconds));
        ALL.put("mailContactsSeconds", r -> mail(r, RunResult.Mail::contactsSeconds));
        ALL.put("errors", r -> r.errors().total());
        ALL.put("tokenFetchSeconds", r -> r.tokenFetch() == null ? null : r.tokenFetch().seconds());
        ALL.put("tokenFetchPerSecond", r -> r.tokenFetch() == null ? null : r.tokenFetch().tokensPerSecond());
    }

    private static Number mail(RunResult run, Function<RunResult.Mail, Number> figure) {
        return run.mail() == null || run.mail().failure() != null ? null : figure.apply(run.mail());
    }

    private static Number replay(RunResult run, Function<RunResult.Replay, Number> figure) {
        return run.replay() == null || run.replay().failure() != null ? null : figure.apply(run.replay());
    }

    /** "plan-service" → "planService": the prefix of a service's figures. */
    static String prefix(String service) {
        int dash = service.indexOf('-');
        return service.substring(0, dash) + Character.toUpperCase(service.charAt(dash + 1))
                + service.substring(dash + 2);
    }

    private static Number service(RunResult run, String service, Function<RunResult.ServiceFigures, Number> figure) {
        return run.resources().service(service).map(figure).orElse(null);
    }

    /** CPU milliseconds per accepted report: {@code cpuSeconds} over the run's accepted reports. */
    private static Number perReport(RunResult run, Number cpuSeconds) {
        int accepted = run.burst().accepted();
        return cpuSeconds == null || accepted == 0 ? null : Percentiles.round(cpuSeconds.doubleValue() * 1000 / accepted);
    }

    /** CPU seconds of every process of the stack: the stack JVM, the broker and the services' own JVMs. */
    private static double wholeStackCpu(RunResult run) {
        RunResult.Resources resources = run.resources();
        double sum = resources.stackJvm().cpuSeconds() + resources.kafkaBroker().cpuSeconds();
        for (RunResult.ServiceFigures service : resources.services()) {
            sum += service.process().cpuSeconds();
        }
        return sum;
    }

    private static Number idle(RunResult run, Function<RunResult.IdleLatency, Percentiles.Summary> figure) {
        return run.idleSingleReport() == null ? null : figure.apply(run.idleSingleReport()).p50();
    }
}
