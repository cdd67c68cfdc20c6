package dev.cascade.benchmark;

import java.nio.file.Path;
import java.util.Map;

/**
 * The section of BENCHMARKS.md that sets a run's medians beside an earlier results file's ({@code --baseline}): per
 * accepted report, the wall-clock time, the HTTP p99, the CPU of the whole stack (and of the stack JVM when both have
 * the same shape) and the end-to-end time.
 */
final class BesideBaseline {

    private BesideBaseline() {
    }

    /** The medians beside an earlier run's, and what authentication costs per accepted report. */
    static void append(StringBuilder md, Report report, Report.Baseline baseline) {
        Map<String, Double> now = report.medians;
        Map<String, Double> before = baseline.medians();
        md.append("### Beside the baseline\n\n");
        md.append("Baseline: `").append(relative(baseline.file())).append("`, measured ").append(baseline.startedAt())
                .append(" (UTC), ").append(String.format("%,d", baseline.communes())).append(" communes, ")
                .append(ResourceMeter.PROCESSES.equals(baseline.shape()) ? "each service its own JVM, "
                        : "the services in one JVM, ")
                .append(authentication(baseline)).append(baseline.note().isBlank() ? "" : " — " + baseline.note())
                .append(".\n\n| per accepted report | baseline | now | difference |\n|---|---|---|---|\n");
        perReport(md, "wall-clock time per accepted report at " + report.options.clients() + " clients (ms; 1000 ÷ accepted/s)",
                inverseMs(before.get("acceptedPerSecond")), inverseMs(now.get("acceptedPerSecond")));
        perReport(md, "HTTP response p99 (ms)", times(before.get("httpResponseP99Seconds"), 1000),
                times(now.get("httpResponseP99Seconds"), 1000));
        perReport(md, "CPU per report, whole stack, burst → ministry complete (ms)", wholeStackCpuMs(baseline),
                now.get("wholeStackCpuMsPerReport"));
        if (baseline.shape().equals(report.shape())) {
            perReport(md, "stack JVM CPU per report, burst → ministry complete (ms)",
                    times(before.get("stackJvmCpuSeconds"), 1000.0 / Math.max(1, baseline.communes())),
                    times(now.get("stackJvmCpuSeconds"), 1000.0 / Math.max(1, report.communes)));
        }
        perReport(md, "end-to-end time per report (ms; 1000 ÷ end-to-end reports/s)",
                inverseMs(before.get("endToEndReportsPerSecond")), inverseMs(now.get("endToEndReportsPerSecond")));
        md.append("\nThe machine is shared: the difference holds the noise of two different moments")
                .append(authentication(baseline).startsWith("authentication on") ? ".\n\n"
                        : " as well as the cost of verifying a token on every request.\n\n");
    }

    /**
     * The whole stack's CPU per report in a baseline; for a file from before that figure, the stack JVM's and the
     * broker's medians added (a sum of medians, close to the median of the sums).
     */
    private static Double wholeStackCpuMs(Report.Baseline baseline) {
        Map<String, Double> medians = baseline.medians();
        if (medians.get("wholeStackCpuMsPerReport") != null) {
            return medians.get("wholeStackCpuMsPerReport");
        }
        Double stack = medians.get("stackJvmCpuSeconds");
        Double broker = medians.get("kafkaBrokerCpuSeconds");
        return stack == null || broker == null ? null : (stack + broker) * 1000 / Math.max(1, baseline.communes());
    }

    /** "authentication off", or the baseline's own description when it says "authentication on (…)". */
    static String authentication(Report.Baseline baseline) {
        return baseline.authentication().startsWith("authentication") ? baseline.authentication()
                : "authentication " + baseline.authentication();
    }

    private static void perReport(StringBuilder md, String label, Double before, Double now) {
        md.append("| ").append(label).append(" | ").append(BenchmarksMarkdown.format(before)).append(" | ")
                .append(BenchmarksMarkdown.format(now)).append(" | ")
                .append(before == null || now == null ? "—" : (now >= before ? "+" : "")
                        + BenchmarksMarkdown.format(now - before)
                        + (before > 0 ? String.format(" (%+.0f %%)", 100 * (now - before) / before) : ""))
                .append(" |\n");
    }

    private static Double inverseMs(Double perSecond) {
        return perSecond == null || perSecond <= 0 ? null : 1000 / perSecond;
    }

    private static Double times(Double value, double factor) {
        return value == null ? null : value * factor;
    }

    private static Path relative(Path file) {
        Path absolute = file.toAbsolutePath();
        return absolute.startsWith(Path.of("").toAbsolutePath()) ? Path.of("").toAbsolutePath().relativize(absolute)
                : absolute;
    }
}
