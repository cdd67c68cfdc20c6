package dev.cascade.benchmark;

import java.util.List;
import java.util.stream.Collectors;

/** The "where each process spends its CPU" section of BENCHMARKS.md, from a run's JFR profiles ({@code --profile}). */
final class ProfileMarkdown {

    /** Shares shown per cell. */
    static final int SHOWN = 8;

    private ProfileMarkdown() {
    }

    /** Appends the section for the last profiled run, if any: the warmest, as later runs are. */
    static void append(StringBuilder md, List<RunResult> runs) {
        RunResult profiled = null;
        for (RunResult run : runs) {
            if (run.resources() != null && !run.resources().cpuProfiles().isEmpty()) {
                profiled = run;
            }
        }
        if (profiled == null) {
            return;
        }
        md.append("### Where each process spends its CPU (JDK Flight Recorder, run ").append(profiled.run())
                .append(")\n\n")
                .append("Execution samples (Java code on a CPU, every 10 ms, JFR's `profile` settings) over the burst's"
                        + " window, recorded with `--profile`: the recordings are the files named below, to open in"
                        + " JDK Mission Control. A sample counts for the library of the code it caught (the first"
                        + " frame from the top that is not the JDK's) and for the nearest Cascade class on its stack."
                        + " Profiling costs CPU: the figures of a profiled run are for the profile, not for the"
                        + " targets.\n\n")
                .append("| process | samples | by library (share of samples) | by nearest Cascade class |\n")
                .append("|---|---|---|---|\n");
        for (RunResult.CpuProfile profile : profiled.resources().cpuProfiles()) {
            md.append(row(profile)).append('\n');
        }
        md.append('\n');
    }

    /** A process's row of the table: its recording, its samples, its shares by library and by Cascade class. */
    static String row(RunResult.CpuProfile profile) {
        return "| " + profile.process() + " (`" + profile.file() + "`) | " + String.format("%,d", profile.samples())
                + " | " + shares(profile.byLibrary()) + " | " + shares(profile.byCascadeClass()) + " |";
    }

    private static String shares(List<RunResult.Share> shares) {
        return shares.stream().limit(SHOWN)
                .map(s -> s.name().replace("dev.cascade.", "") + " " + String.format("%.1f", s.percent()) + " %")
                .collect(Collectors.joining(", "));
    }
}
