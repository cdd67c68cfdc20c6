package dev.cascade.benchmark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A real recording of a real JVM (this one, through jcmd, as the benchmark records the stack's), and its summary. */
class CpuProfilesTest {

    @TempDir
    Path dir;

    @Test
    void aRecordingOfABusyJvmNamesTheClassThatKeptItBusy() throws Exception {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(said, true, StandardCharsets.UTF_8);
        CpuProfiles profiles = CpuProfiles.start(Map.of("benchmark-test", ProcessHandle.current().pid(),
                "gone", Long.MAX_VALUE), dir, "T1", out);

        long busyUntil = System.nanoTime() + 2_000_000_000L;
        double sink = 0;
        while (System.nanoTime() < busyUntil) {
            sink += Busy.spin(10_000);
        }
        List<RunResult.CpuProfile> summaries = profiles.stop();

        assertThat(sink).isPositive();
        assertThat(said.toString(StandardCharsets.UTF_8)).as("a process that cannot be recorded is said, and left out")
                .contains("(no CPU profile of gone:");
        assertThat(summaries).hasSize(1);
        RunResult.CpuProfile profile = summaries.get(0);
        assertThat(profile.process()).isEqualTo("benchmark-test");
        assertThat(Path.of(profile.file())).isEqualTo(dir.toAbsolutePath().resolve("T1-benchmark-test.jfr"));
        assertThat(Files.size(Path.of(profile.file()))).isPositive();
        // 2 s on a CPU, sampled every 10 ms at most (15 samples in 1.5 s were seen on this 2-core machine, 150 would be
        // the most): most samples are the spinning class's
        assertThat(profile.samples()).isGreaterThanOrEqualTo(5);
        RunResult.Share top = profile.byCascadeClass().get(0);
        assertThat(top.name()).isEqualTo("dev.cascade.benchmark.CpuProfilesTest");
        assertThat(top.percent()).isGreaterThan(50);
        assertThat(profile.byLibrary().get(0).name()).isEqualTo("dev.cascade.benchmark");
        assertThat(profile.byCascadeClass().stream().mapToInt(RunResult.Share::samples).sum())
                .isLessThanOrEqualTo(profile.samples());
    }

    @Test
    void samplesCountForTheLibraryOfTheirCodeAndTheirNearestCascadeClass() {
        assertThat(CpuProfiles.library("com.mongodb.internal.connection.InternalStreamConnection"))
                .isEqualTo("com.mongodb.internal");
        assertThat(CpuProfiles.library("org.springframework.security.web.FilterChainProxy"))
                .isEqualTo("org.springframework.security.web");
        assertThat(CpuProfiles.library("dev.cascade.report.submission.Submissions"))
                .isEqualTo("dev.cascade.report.submission");
        assertThat(CpuProfiles.library("org.bson.Document")).isEqualTo("org.bson");
        assertThat(CpuProfiles.library("java.util.HashMap")).isNull();
        assertThat(CpuProfiles.library("jdk.internal.misc.Unsafe")).isNull();
        assertThat(CpuProfiles.library("sun.nio.ch.EPoll")).isNull();
        assertThat(CpuProfiles.outerClass("dev.cascade.platform.outbox.OutboxRelay$$Lambda$1234/0x1"))
                .isEqualTo("dev.cascade.platform.outbox.OutboxRelay");
        assertThat(CpuProfiles.outerClass("dev.cascade.report.submission.Submissions$Accepted"))
                .isEqualTo("dev.cascade.report.submission.Submissions");
        assertThat(CpuProfiles.outerClass("dev.cascade.report.submission.Report__Accessor_ypkfjj"))
                .isEqualTo("dev.cascade.report.submission.Report__Accessor_ypkfjj");
    }

    /** Work JFR can catch on a CPU: kept in this class, so the samples' nearest Cascade class is this test's. */
    static final class Busy {
        static double spin(int n) {
            double x = 0;
            for (int i = 1; i <= n; i++) {
                x += Math.sqrt(i) / i;
            }
            return x;
        }
    }
}
