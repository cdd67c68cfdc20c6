package dev.cascade.local;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

class HeapWatchTest {

    @Test
    void warnsOnceWhenTheHeapIsNearlyFullAfterCollectionsAndAgainOnlyAfterItWasRelieved() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        AtomicReference<Double> afterGc = new AtomicReference<>(1_000.0);
        HeapWatch watch = new HeapWatch(afterGc::get, 3_072, new PrintStream(console, true, StandardCharsets.UTF_8));

        watch.check();
        afterGc.set(2_600.0); // 85 % of 3,072 is 2,611.2
        watch.check();
        assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();

        afterGc.set(2_700.0);
        watch.check();
        afterGc.set(2_900.0);
        watch.check();
        afterGc.set(2_400.0); // below 85 %, not below 75 % (2,304): still the same episode
        watch.check();
        afterGc.set(2_650.0);
        watch.check();
        String once = console.toString(StandardCharsets.UTF_8);
        assertThat(once.lines()).hasSize(1);
        assertThat(once).contains("WARNING: the stack JVM's heap holds 2,700 of its 3,072 MB after its last "
                + "collections").contains("CASCADE_JAVA_OPTS=-Xmx6g");

        afterGc.set(2_000.0);
        watch.check();
        afterGc.set(3_000.0);
        watch.check();
        assertThat(console.toString(StandardCharsets.UTF_8).lines()).hasSize(2).last().asString()
                .contains("holds 3,000 of its 3,072 MB");
        watch.close();
    }

    @Test
    void watchesThisJvmsHeapAgainstItsMaximum() {
        HeapWatch watch = HeapWatch.ofThisJvm(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        // the heap's maximum as the JVM gives it (Runtime leaves out a survivor space with some collectors)
        assertThat(watch.maxMb()).isCloseTo(Runtime.getRuntime().maxMemory() / 1048576.0, withinPercentage(10));
        watch.close();
    }
}
