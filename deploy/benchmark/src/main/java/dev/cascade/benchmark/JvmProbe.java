package dev.cascade.benchmark;

import com.sun.tools.attach.VirtualMachine;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * A running JVM's heap and collections, read over JMX from the outside (the attach API starts its local management
 * agent, reachable from this machine only): for the processes that have no Prometheus scrape, the stack JVM in the
 * deployment shape (the embedded store holds every document in its heap) and the Kafka broker. Each reading answers
 * {@code NaN} once the connection is gone.
 */
final class JvmProbe implements AutoCloseable {

    private final JMXConnector connector;
    private final MemoryMXBean memory;
    private final List<MemoryPoolMXBean> heapPools;
    private final List<GarbageCollectorMXBean> collectors;

    private JvmProbe(JMXConnector connector) throws Exception {
        this.connector = connector;
        MBeanServerConnection server = connector.getMBeanServerConnection();
        this.memory = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME,
                MemoryMXBean.class);
        this.heapPools = ManagementFactory.getPlatformMXBeans(server, MemoryPoolMXBean.class).stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        this.collectors = ManagementFactory.getPlatformMXBeans(server, GarbageCollectorMXBean.class);
    }

    /** Attaches to the JVM of {@code pid}; {@code null}, with the reason on stderr, when it cannot. */
    static JvmProbe attach(long pid, String name) {
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            return new JvmProbe(JMXConnectorFactory.connect(new JMXServiceURL(address)));
        } catch (Exception | LinkageError e) {
            System.err.printf("  (the heap of %s (pid %d) is not measured: attaching to it failed: %s)%n", name, pid,
                    e);
            return null;
        }
    }

    /** The heap in use now (MB). */
    double heapUsedMb() {
        try {
            return memory.getHeapMemoryUsage().getUsed() / 1048576.0;
        } catch (RuntimeException gone) {
            return Double.NaN;
        }
    }

    /** The most the heap can grow to (MB). */
    double heapMaxMb() {
        try {
            return memory.getHeapMemoryUsage().getMax() / 1048576.0;
        } catch (RuntimeException gone) {
            return Double.NaN;
        }
    }

    /**
     * The heap in use right after each pool's last collection, summed (MB): with the young pools empty after theirs,
     * what the last collections could not free. {@code NaN} before the first collection.
     */
    double heapAfterGcMb() {
        try {
            long sum = 0;
            boolean collected = false;
            for (MemoryPoolMXBean pool : heapPools) {
                MemoryUsage after = pool.getCollectionUsage();
                if (after != null) {
                    sum += after.getUsed();
                    collected |= after.getUsed() > 0;
                }
            }
            return collected ? sum / 1048576.0 : Double.NaN;
        } catch (RuntimeException gone) {
            return Double.NaN;
        }
    }

    /** Time the JVM's collectors have taken since it started (s): their pauses, not their concurrent work. */
    double gcSeconds() {
        try {
            long millis = 0;
            for (GarbageCollectorMXBean collector : collectors) {
                millis += Math.max(collector.getCollectionTime(), 0);
            }
            return millis / 1000.0;
        } catch (RuntimeException gone) {
            return Double.NaN;
        }
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (Exception ignored) {
            // the JVM may have gone
        }
    }
}
