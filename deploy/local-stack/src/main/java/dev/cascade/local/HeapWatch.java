package dev.cascade.local;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * Says on the console when the stack JVM's heap is nearly full after its collections: the embedded store keeps every
 * document in it, so a stack that took season after season (the benchmark adds two national plans and 20,000
 * documents a run) fills it, then spends its time collecting and answers late, without any error to show for it. Once
 * when the heap after the last collections reaches {@link #FULL} of its maximum, and again only after it fell below
 * {@link #RELIEVED}.
 */
final class HeapWatch implements AutoCloseable {

    static final double FULL = 0.85;
    static final double RELIEVED = 0.75;
    static final Duration EVERY = Duration.ofSeconds(30);

    private final DoubleSupplier afterGcMb;
    private final double maxMb;
    private final PrintStream out;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "heap-watch");
        thread.setDaemon(true);
        return thread;
    });
    private boolean warned;

    HeapWatch(DoubleSupplier afterGcMb, double maxMb, PrintStream out) {
        this.afterGcMb = afterGcMb;
        this.maxMb = maxMb;
        this.out = out;
    }

    /** This JVM's heap: each heap pool's use after its last collection, summed, against the heap's maximum. */
    static HeapWatch ofThisJvm(PrintStream out) {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported())
                .toList();
        DoubleSupplier afterGc = () -> pools.stream().map(MemoryPoolMXBean::getCollectionUsage)
                .mapToLong(usage -> usage == null ? 0 : usage.getUsed()).sum() / 1048576.0;
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new HeapWatch(afterGc, heap.getMax() / 1048576.0, out);
    }

    double maxMb() {
        return maxMb;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::check, EVERY.toSeconds(), EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    /** Looks once; prints the warning when the heap has just become nearly full. */
    synchronized void check() {
        if (maxMb <= 0) {
            return;
        }
        double used = afterGcMb.getAsDouble();
        if (!warned && used >= FULL * maxMb) {
            warned = true;
            out.printf("  WARNING: the stack JVM's heap holds %,.0f of its %,.0f MB after its last collections: the "
                    + "embedded store keeps every document in memory, and a full heap makes every request slow, then "
                    + "fail. Start the stack again with more (CASCADE_JAVA_OPTS=-Xmx6g deploy/local.sh) or afresh "
                    + "(delete CASCADE_HOME)%n", used, maxMb);
        } else if (warned && used < RELIEVED * maxMb) {
            warned = false;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
